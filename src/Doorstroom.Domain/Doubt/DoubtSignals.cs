using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// The doubt signals folded from a pupil's event stream (issue 16 item 3). Pure: the day comes in, and only the events up to
/// it count; a pupil without a vmbo exam year (<see cref="Applications.ExamYear"/>) has none. Whether a signal says anything
/// about switching, vsv or the time to a startkwalificatie is measured, not asserted (<see cref="SignalMeasures"/>).
/// </summary>
public static class DoubtSignals
{
    /// <summary>Every doubt signal's rule, label and suggested next step, in the order the list shows them.</summary>
    public static ImmutableArray<DoubtRule> Rules { get; } =
    [
        new(DoubtKind.GeenKeuze, "S1", "Geen keuze of twijfel", "Gesprek over de keuze, daarna een meeloopdag in een passend domein"),
        new(DoubtKind.OnverwanteDomeinen, "S2", "Aangemeld in onverwante richtingen", "Meeloopdag in elk van die domeinen, of een breed eerste opleidingsjaar"),
        new(DoubtKind.GeenLob, "S3", "Geen LOB-activiteit dit examenjaar", "Meeloopdag of open dag in een passend domein"),
        new(
            DoubtKind.AanmeldingNaAfwijzing,
            "S4",
            "Opnieuw aangemeld na afwijzing",
            "Gesprek over de keuze en de afwijzing; overweeg een breed eerste opleidingsjaar"
        ),
        new(DoubtKind.LagerNiveau, "A1", "Lager niveau dan gebruikelijk", "Gesprek over het niveau: past een hoger niveau bij deze leerling?"),
    ];

    /// <summary>The rule, label and next step of one signal.</summary>
    public static DoubtRule Rule(DoubtKind kind) => Rules.First(r => r.Kind == kind);

    /// <summary>
    /// The day in the exam year on which the monitor evaluates a signal: the choice day (S1) and the LOB day (S3) from the
    /// settings; for the applications (S2, S4, A1) the last day of the exam school year, 31 July, when they are all in.
    /// </summary>
    public static DateOnly ReferenceDate(DoubtKind kind, int examYear, DoubtSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return kind switch
        {
            DoubtKind.GeenKeuze => settings.KeuzeUiterlijk.In(examYear),
            DoubtKind.GeenLob => settings.LobUiterlijk.In(examYear),
            _ => new DateOnly(examYear, 7, 31),
        };
    }

    /// <summary>
    /// The doubt signals that hold for the pupil on <paramref name="day"/>, counting only the events up to that day.
    /// </summary>
    /// <param name="stream">The pupil's events (as they count: corrections applied).</param>
    /// <param name="day">The day asked about (the decaan's today, or the monitor's reference date).</param>
    /// <param name="settings">The choice day and the LOB day.</param>
    /// <param name="crebos">The kwalificaties with their domain's direction (decision 0005); an unknown crebo has no direction.</param>
    public static ImmutableArray<DoubtSignal> On(
        IReadOnlyList<TransitionEvent> stream,
        DateOnly day,
        DoubtSettings settings,
        IReadOnlyDictionary<int, CreboInfo> crebos
    )
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(crebos);
        var seen = stream.Where(e => e.Date <= day).OrderBy(e => e.Date).ToList();
        if (Applications.ExamYear(seen) is not { } exam)
            return [];
        var applications = Applications.Of(seen);
        var signals = ImmutableArray.CreateBuilder<DoubtSignal>();
        if (GeenKeuze(seen, applications, day, exam, settings) is { } keuze)
            signals.Add(keuze);
        if (OnverwanteDomeinen(applications, crebos) is { } domeinen)
            signals.Add(domeinen);
        if (GeenLob(seen, day, exam, settings) is { } lob)
            signals.Add(lob);
        if (NaAfwijzing(applications) is { } afwijzing)
            signals.Add(afwijzing);
        if (Applications.Signals(seen, day).FirstOrDefault(s => s.Kind == SignalKind.LagerNiveau) is { } lager)
            signals.Add(Make(DoubtKind.LagerNiveau, lager.Text));
        return signals.ToImmutable();
    }

    /// <summary>True when the signal holds on <paramref name="day"/> (see <see cref="On"/>).</summary>
    public static bool Holds(
        DoubtKind kind,
        IReadOnlyList<TransitionEvent> stream,
        DateOnly day,
        DoubtSettings settings,
        IReadOnlyDictionary<int, CreboInfo> crebos
    ) => On(stream, day, settings, crebos).Any(s => s.Kind == kind);

    private static DoubtSignal Make(DoubtKind kind, string text)
    {
        var rule = Rule(kind);
        return new(kind, rule.Rule, text, rule.NextStep);
    }

    // S1: an application is a choice too; without either, or with "twijfel"/"geen idee" as the latest choice, by the choice day.
    private static DoubtSignal? GeenKeuze(List<TransitionEvent> seen, ImmutableArray<Application> applications, DateOnly day, int exam, DoubtSettings settings)
    {
        var from = settings.KeuzeUiterlijk.In(exam);
        if (day < from)
            return null;
        var latest = seen.LastOrDefault(e => e.Kind == EventKind.KeuzeVastgelegd && e.Detail is not null);
        if (latest is null)
            return applications.IsEmpty ? Make(DoubtKind.GeenKeuze, $"Geen keuze vastgelegd en niet aangemeld op {DutchFormat.Date(from)}.") : null;
        if (!JsonSpelling.Keuzezekerheden.TryGetValue(latest.Detail!, out var zeker) || zeker is not (Keuzezekerheid.Twijfel or Keuzezekerheid.GeenIdee))
            return null;
        return Make(DoubtKind.GeenKeuze, $"Laatst vastgelegde keuze ({DutchFormat.Date(latest.Date)}): {DutchText.Keuzezekerheid(zeker).ToLowerInvariant()}.");
    }

    // S2: the directions of the domains applied to (withdrawn applications left out); intersectoraal is related to every direction.
    private static DoubtSignal? OnverwanteDomeinen(ImmutableArray<Application> applications, IReadOnlyDictionary<int, CreboInfo> crebos)
    {
        var directions = applications
            .Where(a => a.Status != ApplicationStatus.Ingetrokken && a.Crebo is { } c && crebos.ContainsKey(c))
            .Select(a => crebos[a.Crebo!.Value].Direction)
            .Where(d => d != Direction.Intersectoraal)
            .Distinct()
            .Order()
            .ToList();
        return directions.Count < 2
            ? null
            : Make(DoubtKind.OnverwanteDomeinen, $"Aangemeld in {directions.Count} richtingen: {string.Join(", ", directions.Select(DutchText.Direction))}.");
    }

    // S3: an LOB activity from 1 August of the exam school year on, by the LOB day.
    private static DoubtSignal? GeenLob(List<TransitionEvent> seen, DateOnly day, int exam, DoubtSettings settings)
    {
        var from = settings.LobUiterlijk.In(exam);
        var start = new DateOnly(exam - 1, 8, 1);
        if (day < from || seen.Any(e => e.Date >= start && e.IsLobActivity()))
            return null;
        return Make(DoubtKind.GeenLob, $"Geen LOB-activiteit vastgelegd sinds {DutchFormat.Date(start)}.");
    }

    // S4: an application made on or after a refusal, when every other earlier application had been refused or withdrawn by then.
    private static DoubtSignal? NaAfwijzing(ImmutableArray<Application> applications)
    {
        for (var j = 0; j < applications.Length; j++)
        {
            var b = applications[j];
            var earlier = applications.Take(j).ToList();
            var refusal = earlier.LastOrDefault(a => a.Status == ApplicationStatus.Afgewezen && a.StatusOn <= b.AppliedOn);
            if (refusal is null)
                continue;
            if (earlier.All(a => (a.Status is ApplicationStatus.Afgewezen or ApplicationStatus.Ingetrokken) && a.StatusOn <= b.AppliedOn))
                return Make(
                    DoubtKind.AanmeldingNaAfwijzing,
                    $"Afgewezen op {DutchFormat.Date(refusal.StatusOn)}, daarna op {DutchFormat.Date(b.AppliedOn)} opnieuw aangemeld, "
                        + "zonder andere aanmelding die nog liep."
                );
        }
        return null;
    }
}
