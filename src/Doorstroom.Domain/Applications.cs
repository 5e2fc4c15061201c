using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>Where an application to an mbo programme stands.</summary>
public enum ApplicationStatus
{
    /// <summary>Applied; no intake yet.</summary>
    Aangemeld,
    /// <summary>The intake interview was held; no decision yet.</summary>
    IntakeGehouden,
    /// <summary>Admitted.</summary>
    Toegelaten,
    /// <summary>Refused.</summary>
    Afgewezen,
    /// <summary>Placed in the programme.</summary>
    Geplaatst,
    /// <summary>The pupil withdrew the application.</summary>
    Ingetrokken,
}

/// <summary>One application of a pupil to an mbo programme, folded from the stream.</summary>
/// <param name="Institution">The BRIN6 of the mbo location applied to.</param>
/// <param name="AppliedOn">The date of the <see cref="EventKind.Aangemeld"/> event.</param>
/// <param name="StatusOn">The date of the event that set <paramref name="Status"/>.</param>
/// <param name="Detail">The intake outcome, the refusal reason or the reason for withdrawing, as recorded.</param>
public sealed record Application(
    string Institution, int? Crebo, int? Niveau, Leerweg? Leerweg, string? Route,
    DateOnly AppliedOn, ApplicationStatus Status, DateOnly StatusOn, string? Detail)
{
    /// <summary>True while the application can still lead to a place: not refused, not withdrawn.</summary>
    public bool Active => Status is not (ApplicationStatus.Afgewezen or ApplicationStatus.Ingetrokken);
}

/// <summary>The signals a decaan acts on.</summary>
public enum SignalKind
{
    /// <summary>No application before 1 April of the exam year (A10: toelatingsrecht needs an application before 1 April).</summary>
    GeenAanmelding,
    /// <summary>Refused, and no other application admitted or placed.</summary>
    Afgewezen,
    /// <summary>Withdrew, and no other application open, admitted or placed.</summary>
    Ingetrokken,
    /// <summary>Applied to a lower niveau than usual for the leerweg (bb 2, kb 3, gl/tl 4).</summary>
    LagerNiveau,
}

/// <summary>A signal with the rule it follows from and a sentence for the decaan.</summary>
public sealed record Signal(SignalKind Kind, string Rule, string Text);

/// <summary>
/// Applications and signals folded from a pupil's event stream. Pure: the date comes in as a parameter.
/// </summary>
public static class Applications
{
    /// <summary>The day of the school year before which an application gives toelatingsrecht (A10): 1 April.</summary>
    public static DateOnly Deadline(int examYear) => new(examYear, 4, 1);

    /// <summary>The niveau a vmbo leerweg usually leads to: bb 2, kb 3, gl and tl 4. Not a legal limit (kb, gl and tl admit to 2–4).</summary>
    public static int? UsualNiveau(Leerweg leerweg) => leerweg switch
    {
        Leerweg.Bb => 2,
        Leerweg.Kb => 3,
        Leerweg.Gl or Leerweg.Tl => 4,
        _ => null,
    };

    /// <summary>Every application in the stream, in the order applied, with its latest status.</summary>
    public static ImmutableArray<Application> Of(IEnumerable<TransitionEvent> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var list = new List<Application>();
        foreach (var e in stream.OrderBy(e => e.Date))
        {
            if (e.Institution is null) continue;
            if (e.Kind == EventKind.Aangemeld)
            {
                list.Add(new(e.Institution, e.Crebo, e.Niveau, e.Leerweg, e.Route, e.Date, ApplicationStatus.Aangemeld, e.Date, null));
                continue;
            }
            ApplicationStatus? status = e.Kind switch
            {
                EventKind.IntakeGehouden => ApplicationStatus.IntakeGehouden,
                EventKind.Toegelaten => ApplicationStatus.Toegelaten,
                EventKind.Afgewezen => ApplicationStatus.Afgewezen,
                EventKind.Geplaatst => ApplicationStatus.Geplaatst,
                EventKind.AanmeldingIngetrokken => ApplicationStatus.Ingetrokken,
                _ => null,
            };
            if (status is null) continue;
            // The latest application at the same location for the same crebo (or any crebo when the event names none).
            var index = list.FindLastIndex(a => a.Institution == e.Institution && (e.Crebo is null || a.Crebo == e.Crebo));
            if (index < 0) continue;
            list[index] = list[index] with { Status = status.Value, StatusOn = e.Date, Detail = e.Detail ?? list[index].Detail };
        }
        return [.. list];
    }

    /// <summary>
    /// The vmbo exam year of the pupil: the school year of the latest leerjaar-4 vmbo event, ending in June of the year returned;
    /// null when the stream has no vmbo leerjaar 4.
    /// </summary>
    public static int? ExamYear(IEnumerable<TransitionEvent> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        int? year = null;
        foreach (var e in stream)
        {
            if (e.Leerjaar == 4 && e.Leerweg is { } lw && lw.IsVmboLeerweg()
                && e.Kind is EventKind.Ingeschreven or EventKind.Bevorderd or EventKind.Gedoubleerd)
            {
                var end = SchoolYear.StartOf(e.Date).Year + 1;
                if (year is null || end > year) year = end;
            }
        }
        return year;
    }

    /// <summary>The signals for a pupil on <paramref name="today"/>, each with its rule.</summary>
    public static ImmutableArray<Signal> Signals(IReadOnlyList<TransitionEvent> stream, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var applications = Of(stream);
        var signals = ImmutableArray.CreateBuilder<Signal>();
        var exam = ExamYear(stream);
        var leerweg = stream.LastOrDefault(e => e.Leerweg is { } lw && lw.IsVmboLeerweg())?.Leerweg;

        if (exam is { } year && today >= Deadline(year) && !applications.Any(a => a.AppliedOn < Deadline(year)) && !WentOnElsewhere(stream, year))
            signals.Add(new(SignalKind.GeenAanmelding, "A10", $"Geen aanmelding vóór 1 april {year}: geen toelatingsrecht."));

        var placedOrAdmitted = applications.Any(a => a.Status is ApplicationStatus.Toegelaten or ApplicationStatus.Geplaatst);
        if (!placedOrAdmitted && applications.Any(a => a.Status == ApplicationStatus.Afgewezen))
            signals.Add(new(SignalKind.Afgewezen, "A10", "Afgewezen en (nog) niet elders toegelaten."));
        if (!applications.Any(a => a.Active) && applications.Any(a => a.Status == ApplicationStatus.Ingetrokken))
            signals.Add(new(SignalKind.Ingetrokken, "A10", "Aanmelding ingetrokken en geen andere aanmelding open."));

        if (leerweg is { } l && UsualNiveau(l) is { } usual && applications.FirstOrDefault(a => a.Active && a.Niveau < usual) is { } lower)
            signals.Add(new(SignalKind.LagerNiveau, "A1",
                $"Aangemeld voor niveau {lower.Niveau}, lager dan gebruikelijk na {l.ToString().ToLowerInvariant()} (niveau {usual})."));
        return signals.ToImmutable();
    }

    // On to havo (a vo enrolment without a vmbo leerweg) or straight into mbo without an application on record.
    private static bool WentOnElsewhere(IReadOnlyList<TransitionEvent> stream, int examYear) =>
        stream.Any(e => e.Kind == EventKind.Ingeschreven && e.Date >= new DateOnly(examYear, 1, 1)
            && (e.Niveau is not null || (e.Leerjaar is not null && e.Leerweg is null)));
}
