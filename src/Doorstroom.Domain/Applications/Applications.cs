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
    string Institution,
    int? Crebo,
    int? Niveau,
    Leerweg? Leerweg,
    string? Route,
    DateOnly AppliedOn,
    ApplicationStatus Status,
    DateOnly StatusOn,
    string? Detail
)
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

    /// <summary>
    /// No application yet, from the warning day (<see cref="Applications.DefaultWarnFrom"/>, 1 February unless set) until
    /// 1 April of the exam year: the decaan can still act before toelatingsrecht is lost (A10).
    /// </summary>
    NogNietAangemeld,
}

/// <summary>
/// A day of the year without the year (a setting such as "02-01" for 1 February), placed in a school year: August to
/// December fall in the year it starts, January to March in the year it ends. April to July are refused (the day must
/// come before 1 April, when toelatingsrecht is decided), and so is 29 February (not in every year).
/// </summary>
public readonly record struct MonthDay
{
    private MonthDay(int month, int day)
    {
        Month = month;
        Day = day;
    }

    public int Month { get; }
    public int Day { get; }

    /// <summary>The day as "MM-dd", the form <see cref="Parse"/> reads.</summary>
    public override string ToString() => $"{Month:00}-{Day:00}";

    /// <summary>The day, or the reason it is refused (one line): the form is "MM-dd", a day from August to March.</summary>
    public static (MonthDay? Day, string? Problem) Parse(string? text)
    {
        var parts = (text ?? "").Trim().Split('-');
        if (parts.Length != 2 || parts.Any(p => p.Length is < 1 or > 2 || !p.All(char.IsAsciiDigit)))
            return (null, $"expected a month and day as MM-dd, such as 02-01 for 1 February (found '{text}')");
        var month = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        var day = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(2027, month))
            return (null, $"'{text}' is no day of the year (29 February is not in every year)");
        if (month is >= 4 and <= 7)
            return (null, $"'{text}' does not come before 1 April in the school year; take a day from August to March, such as 02-01");
        return (new MonthDay(month, day), null);
    }

    /// <summary>This day in the school year that ends in the summer of <paramref name="examYear"/>.</summary>
    public DateOnly In(int examYear) => new(Month >= 8 ? examYear - 1 : examYear, Month, Day);
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

    /// <summary>From when a pupil without an application is signalled before the deadline, unless set otherwise: 1 February.</summary>
    public static readonly MonthDay DefaultWarnFrom = MonthDay.Parse("02-01").Day!.Value;

    /// <summary>The niveau a vmbo leerweg usually leads to: bb 2, kb 3, gl and tl 4. Not a legal limit (kb, gl and tl admit to 2–4).</summary>
    public static int? UsualNiveau(Leerweg leerweg) =>
        leerweg switch
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
            if (e.Institution is null)
                continue;
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
            if (status is null)
                continue;
            // The latest application at the same location for the same crebo (or any crebo when the event names none).
            var index = list.FindLastIndex(a => a.Institution == e.Institution && (e.Crebo is null || a.Crebo == e.Crebo));
            if (index < 0)
                continue;
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
            if (
                e.Leerjaar == 4
                && e.Leerweg is { } lw
                && lw.IsVmboLeerweg()
                && e.Kind is EventKind.Ingeschreven or EventKind.Bevorderd or EventKind.Gedoubleerd
            )
            {
                var end = SchoolYear.StartOf(e.Date).Year + 1;
                if (year is null || end > year)
                    year = end;
            }
        }
        return year;
    }

    /// <summary>
    /// The signals for a pupil on <paramref name="today"/>, each with its rule. A pupil in the exam year without any
    /// application is signalled from <paramref name="warnFrom"/> (default <see cref="DefaultWarnFrom"/>) until 1 April as
    /// <see cref="SignalKind.NogNietAangemeld"/>, and from 1 April on as <see cref="SignalKind.GeenAanmelding"/>.
    /// </summary>
    public static ImmutableArray<Signal> Signals(IReadOnlyList<TransitionEvent> stream, DateOnly today, MonthDay? warnFrom = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var applications = Of(stream);
        var signals = ImmutableArray.CreateBuilder<Signal>();
        var exam = ExamYear(stream);
        var leerweg = stream.LastOrDefault(e => e.Leerweg is { } lw && lw.IsVmboLeerweg())?.Leerweg;

        if (exam is { } year && today >= Deadline(year) && !applications.Any(a => a.AppliedOn < Deadline(year)) && !WentOnElsewhere(stream, year))
            signals.Add(new(SignalKind.GeenAanmelding, "A10", $"Geen aanmelding vóór 1 april {year}: geen toelatingsrecht."));
        else if (exam is { } y && today >= (warnFrom ?? DefaultWarnFrom).In(y) && today < Deadline(y) && applications.IsEmpty && !WentOnElsewhere(stream, y))
            signals.Add(new(SignalKind.NogNietAangemeld, "A10", $"Nog niet aangemeld: alleen een aanmelding vóór 1 april {y} geeft toelatingsrecht."));

        var placedOrAdmitted = applications.Any(a => a.Status is ApplicationStatus.Toegelaten or ApplicationStatus.Geplaatst);
        if (!placedOrAdmitted && applications.Any(a => a.Status == ApplicationStatus.Afgewezen))
            signals.Add(new(SignalKind.Afgewezen, "A10", "Afgewezen en (nog) niet elders toegelaten."));
        if (!applications.Any(a => a.Active) && applications.Any(a => a.Status == ApplicationStatus.Ingetrokken))
            signals.Add(new(SignalKind.Ingetrokken, "A10", "Aanmelding ingetrokken en geen andere aanmelding open."));

        if (leerweg is { } l && UsualNiveau(l) is { } usual && applications.FirstOrDefault(a => a.Active && a.Niveau < usual) is { } lower)
            signals.Add(
                new(SignalKind.LagerNiveau, "A1", $"Aangemeld voor niveau {lower.Niveau}, lager dan gebruikelijk na {JsonSpelling.Of(l)} (niveau {usual}).")
            );
        return signals.ToImmutable();
    }

    // On to havo (a vo enrolment without a vmbo leerweg) or straight into mbo without an application on record.
    private static bool WentOnElsewhere(IReadOnlyList<TransitionEvent> stream, int examYear) =>
        stream.Any(e =>
            e.Kind == EventKind.Ingeschreven
            && e.Date >= new DateOnly(examYear, 1, 1)
            && (e.Niveau is not null || (e.Leerjaar is not null && e.Leerweg is null))
        );
}
