using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Route = Doorstroom.Domain.Route;

namespace Doorstroom.Web;

/// <summary>The domain vocabulary as the pages say it in Dutch (the JSON spelling stays in <see cref="Names"/>).</summary>
public static class Words
{
    /// <summary>vmbo, praktijkonderwijs, geen school …</summary>
    public static string School(SchoolType school) => school switch
    {
        SchoolType.None => "geen school",
        SchoolType.Praktijkonderwijs => "praktijkonderwijs",
        _ => Names.Of(school),
    };

    /// <summary>vmbo-bb-diploma, mbo-2-diploma, overgangsbewijs havo 3→4 …</summary>
    public static string Diploma(DiplomaKind kind) => kind switch
    {
        DiplomaKind.Pro => "getuigschrift praktijkonderwijs",
        DiplomaKind.HavoOvergang34 => "overgangsbewijs havo 3 → 4",
        DiplomaKind.Assistent => "assistentdiploma",
        DiplomaKind.Entree => "entreediploma",
        DiplomaKind.HboBachelor => "hbo-bachelor",
        _ => Names.Of(kind) + "-diploma",
    };

    /// <summary>startkwalificatie, mbo niveau 2 of hoger, havo-diploma …</summary>
    public static string Goal(Goal goal) => Admission.Name(goal);

    /// <summary>
    /// The sector (V0, and tl since 2016) or profiel (bb, kb, gl since 2016) with its full name (the names live in
    /// <see cref="Admission.FullName(Domain.Sector)"/>): "Bouwen, wonen en interieur (BWI)", "Zorg en welzijn (sector)",
    /// "Groen (profiel of sector; vroeger landbouw)".
    /// </summary>
    public static string Sector(Sector sector) => sector switch
    {
        Domain.Sector.Groen => "Groen (profiel of sector; vroeger landbouw)",
        _ when Admission.ProfielCode(sector) is { } code => $"{Admission.FullName(sector)} ({code})",
        _ => $"{Admission.FullName(sector)} (sector)",
    };

    /// <summary>
    /// The choices of the sector list, each once: the profielen of bb, kb and gl first (what most pupils have now), Groen,
    /// then the sectors of tl (and of every leerweg before 2016). "landbouw" is the old name of groen, not a second choice.
    /// </summary>
    public static IReadOnlyList<(string Value, string Text)> SectorChoices() =>
        [.. Names.Sectors.Where(s => s.Key != "landbouw")
            .OrderBy(s => Admission.ProfielCode(s.Value) is not null ? 0 : s.Value == Domain.Sector.Groen ? 1 : 2)
            .Select(s => (s.Key, Sector(s.Value)))];

    /// <summary>The hint under the sector list.</summary>
    public const string SectorHint = "bb, kb en gl hebben sinds 2016 een profiel; de tl (en vóór 2016 elke leerweg) een sector";

    /// <summary>How sure the rulebook is.</summary>
    public static string Confidence(Confidence confidence) => confidence switch
    {
        Domain.Confidence.High => "zeker",
        Domain.Confidence.Medium => "redelijk zeker",
        _ => "onzeker",
    };

    /// <summary>Where on the pupil's way a route begins.</summary>
    public static string EntryPoint(EntryPoint point) => point switch
    {
        Domain.EntryPoint.VmboLeerjaar1 => "vanaf vmbo-leerjaar 1",
        Domain.EntryPoint.VmboLeerjaar3 => "vanaf vmbo-leerjaar 3",
        Domain.EntryPoint.VmboLeerjaar4 => "in vmbo-leerjaar 4",
        Domain.EntryPoint.AfterSchool => "na het diploma van je huidige school",
        _ => "direct",
    };

    /// <summary>The status of a route for a pupil.</summary>
    public static string Status(RouteStatus status) => status switch
    {
        RouteStatus.Eligible => "open",
        RouteStatus.NotEligible => "niet open",
        _ => "niet van kracht",
    };

    /// <summary>The durations of a route's programmes: "huidige school afmaken; 3–4 jaar → mbo-2-diploma".</summary>
    public static string Duration(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var spans = route.Phases.OfType<Programme>().SelectMany(p => p.Variants)
            .Select(v => $"{Years(v.Duration)} → {string.Join(" + ", v.Diplomas.Select(Diploma))}")
            .Distinct().ToList();
        if (route.Phases.OfType<RestOfSchool>().Any()) spans.Insert(0, "huidige school afmaken");
        return spans.Count == 0 ? "–" : string.Join("; ", spans);
    }

    /// <summary>1 jaar, 3–4 jaar.</summary>
    public static string Years(Years years)
    {
        ArgumentNullException.ThrowIfNull(years);
        return years.Min == years.Max ? $"{years.Min} jaar" : $"{years.Min}–{years.Max} jaar";
    }

    /// <summary>A step of a pathway: "mbo niveau 2 bol", "vmbo bb", "havo".</summary>
    public static string Step(Step step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var text = step.Niveau is { } n ? $"mbo niveau {n}" : School(step.School);
        if (step.Niveau is not null && step.School == SchoolType.Vmbo) text = $"vmbo + mbo niveau {step.Niveau}";
        return step.Leerweg is { } l ? $"{text} {Nl.Leerweg(l)}" : text;
    }

    /// <summary>
    /// How long a step of a pathway takes, in school years from the 1 August it begins to its earliest and latest end: "1 jaar",
    /// "3–4 jaar"; a step that begins during a school year counts that year too and says "nog": "nog 1 jaar".
    /// </summary>
    public static string StepDuration(Step step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var start = SchoolYear.StartOf(step.From);
        int min = Math.Max(1, step.To.Year - start.Year), max = Math.Max(min, step.LatestTo.Year - start.Year);
        return (step.From == start ? "" : "nog ") + (min == max ? $"{min} jaar" : $"{min}–{max} jaar");
    }

    /// <summary>A date as an HTML date input sends it (2026-11-30); false for anything else.</summary>
    public static bool TryIsoDate(string? text, out DateOnly date) =>
        PlanJson.TryIso(text?.Trim(), out date);

    /// <summary>Why a route is not in force on a date, and the rule that says so (shown apart, <see cref="RuleRef"/>); null when it is in force.</summary>
    public static (string Text, string Rule)? NotInForce(Window intake, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(intake);
        if (intake.Contains(on)) return null;
        return on < intake.From
            ? ($"Nog niet van kracht: neemt pas leerlingen op vanaf {DutchFormat.Date(intake.From)}.", intake.Rule)
            : ($"Niet meer van kracht: nam leerlingen op tot en met {DutchFormat.Date(intake.To!.Value)}.", intake.EndRule ?? intake.Rule);
    }
}
