using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>A validity window [From, To] (both inclusive; To null = open) resting on a rulebook rule.</summary>
/// <remarks><see cref="EndRule"/> names the rule that closed the window, where that is another rule than the one that opened it.</remarks>
public sealed record Window(DateOnly From, DateOnly? To, string Rule, string? EndRule = null)
{
    public bool Contains(DateOnly date) => date >= From && (To is null || date <= To);
}

/// <summary>A rulebook rule as the catalogue records it: id, statement, validity, sources, confidence.</summary>
public sealed record Rule(string Id, string Statement, DateOnly? From, DateOnly? To, ImmutableArray<string> Sources, Confidence Confidence);

/// <summary>A regime of rulebook §1: an engine switch with its window.</summary>
public sealed record Regime(string Id, DateOnly From, DateOnly? To, string Summary);

/// <summary>The text of a reason the engine itself emits (admission, planner), kept as catalogue data.</summary>
public sealed record ReasonTemplate(string Code, string Rule, string Text, Confidence Confidence)
{
    public Reason Render(params ReadOnlySpan<(string Name, string Value)> args)
    {
        var text = Text;
        foreach (var (name, value) in args)
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        return new Reason(Code, Rule, text, Confidence);
    }
}

/// <summary>
/// Where on the pupil's way a route begins: now (the pupil's current school), at the start of a vmbo leerjaar, or after
/// the pupil's current school ends (the first 1 August after its diploma: havo 4 after the vmbo diploma, R11.1).
/// </summary>
public enum EntryPoint
{
    Now,
    VmboLeerjaar1,
    VmboLeerjaar3,
    VmboLeerjaar4,
    AfterSchool,
}

/// <summary>A duration band in whole school years.</summary>
public sealed record Years(int Min, int Max);

/// <summary>
/// One outcome of a route programme: when <see cref="When"/> holds, the programme takes <see cref="Duration"/> from entry
/// and ends with <see cref="Diplomas"/> (the last one is the level reached).
/// </summary>
/// <remarks>With <see cref="WithVmboDiploma"/> the pupil also obtains the vmbo diploma of their own leerweg on the way.</remarks>
public sealed record Variant(
    Condition? When,
    Years Duration,
    ImmutableArray<DiplomaKind> Diplomas,
    bool WithVmboDiploma,
    SchoolType EnrolledAt,
    ImmutableArray<Leerweg> MboLeerwegen,
    string Rule
);

/// <summary>A phase of a route: finish the current school (to its diploma), or follow a programme with variants.</summary>
public abstract record Phase
{
    private protected Phase() { }
}

/// <summary>Stay in the current vo school to its diploma (vmbo: end of leerjaar 4; pro: when full leerplicht ends).</summary>
public sealed record RestOfSchool(string Rule) : Phase;

/// <summary>An (integrated) programme starting at the route's entry date.</summary>
public sealed record Programme(ImmutableArray<Variant> Variants) : Phase;

/// <summary>
/// A caveat of a route: shown when <see cref="When"/> holds (or always without one). When the condition cannot be decided
/// because the input leaves a fact unknown, <see cref="IfUnknown"/> is shown instead (what the fact would change), or nothing.
/// </summary>
public sealed record Caveat(Condition? When, Reason Reason, Reason? IfUnknown = null);

public sealed record Route(
    string Id,
    string Name,
    string Aims,
    string WhoMayEnter,
    EntryPoint EntersAt,
    Condition Entry,
    Window Intake,
    ImmutableArray<Phase> Phases,
    string Outcome,
    ImmutableArray<Caveat> Caveats,
    ImmutableArray<string> Rules,
    ImmutableArray<string> Sources,
    ImmutableArray<string> ExampleCrebos
);

/// <summary>Prior education as the admission matrix of rulebook §5.1 groups it.</summary>
public enum Prior
{
    None,
    VmboBb,
    VmboKbGlTl,
    HavoVwo3,
    Mbo1,
    Mbo2,
    Mbo3,
}

/// <summary>A cell of the admission matrix (§5.1).</summary>
public enum MatrixVerdict
{
    /// <summary>✔ admissible.</summary>
    Admissible,

    /// <summary>✖ not admissible (unless exception A9).</summary>
    NotAdmissible,

    /// <summary>M0 level 2 without diploma: only programmes with no assistent counterpart (A5).</summary>
    Drempelloos,

    /// <summary>M0: admissible for the same beroep or beroepencategorie; other directions: the institution decides (A2, §14.2).</summary>
    SameDirection,

    /// <summary>M1+ entree: admissible only once full leerplicht has ended (A6).</summary>
    LeerplichtEnded,

    /// <summary>M1+ entree with a diploma that meets the mbo-2 requirement: not admissible (A6).</summary>
    MeetsHigherLevel,

    /// <summary>Specialist: a vakopleiding diploma for the same beroep (A3).</summary>
    SameBeroep,
}

public sealed record MatrixCell(MatrixVerdict Verdict, string Rule);

/// <summary>The admission matrix of one era (before / from 1 Aug 2014).</summary>
public sealed record AdmissionEra(string Regime, Window Window, ImmutableDictionary<(Prior Prior, MboLevel Level), MatrixCell> Cells);

/// <summary>A nadere vooropleidingseis (N1/N2): niet-verwant entry into a direction requires one of the subjects.</summary>
public sealed record SubjectRequirement(
    string Id,
    Window Window,
    Direction Into,
    ImmutableArray<Sector> FromSectors,
    ImmutableArray<(DiplomaKind Diploma, MboLevel Level)> Applies,
    ImmutableArray<string> AnyOfSubjects,
    Confidence Confidence,
    string Rule
);

/// <summary>Duration bands per mbo level for the regime in force at the start of the programme (M4, M5).</summary>
public sealed record DurationEra(string Regime, Window Window, ImmutableDictionary<MboLevel, Years> Levels);

/// <summary>How an mbo opleidingsdomein maps to a direction (for N1/N2 and green recognition).</summary>
public sealed record DomainDirection(string Domain, Direction Direction, bool Green, Confidence Confidence);

/// <summary>The whole versioned catalogue: routes, rules, regimes, admission and durations. Immutable data.</summary>
/// <param name="IndicatorDefinitions">The monitor's indicator definitions in words (indicators.json), one per <see cref="Indicator"/> in the enum's
/// order.</param>
public sealed record RouteCatalogue(
    string Version,
    DateOnly Published,
    ImmutableArray<Regime> Regimes,
    ImmutableDictionary<string, Rule> Rules,
    ImmutableArray<Route> Routes,
    ImmutableArray<AdmissionEra> Admission,
    ImmutableArray<SubjectRequirement> SubjectRequirements,
    ImmutableArray<DurationEra> Durations,
    Years Havo,
    Years HboBachelor,
    ImmutableDictionary<string, DomainDirection> Domains,
    ImmutableDictionary<string, ReasonTemplate> Reasons,
    ImmutableArray<IndicatorDefinition> IndicatorDefinitions
)
{
    /// <summary>The 13 fixed route ids of design §3.</summary>
    public static readonly ImmutableArray<string> RouteIds =
    [
        "normale-route",
        "leerwerktraject",
        "assistentenopleiding",
        "vm2",
        "groene-lyceum",
        "vakmanschapsroute",
        "technologieroute",
        "beroepsroute",
        "vakcollege",
        "praktijkonderwijs",
        "doorlopende-leerroute",
        "geintegreerde-route",
        "havo-doorstroom",
    ];

    public Route Route(string id) => Routes.First(r => r.Id == id);

    public Route? FindRoute(string id)
    {
        foreach (var r in Routes)
        {
            if (r.Id == id)
                return r;
        }
        return null;
    }

    public ImmutableArray<Regime> RegimesOn(DateOnly date) => [.. Regimes.Where(r => date >= r.From && (r.To is null || date <= r.To))];

    public Reason Reason(string code, params ReadOnlySpan<(string Name, string Value)> args) =>
        Reasons.TryGetValue(code, out var template)
            ? template.Render(args)
            : throw new InvalidOperationException($"The catalogue has no text for reason code '{code}'.");

    /// <summary>The definition of one monitor indicator, in words.</summary>
    public IndicatorDefinition Definition(Indicator indicator) =>
        (int)indicator < IndicatorDefinitions.Length && IndicatorDefinitions[(int)indicator].Indicator == indicator
            ? IndicatorDefinitions[(int)indicator]
            : throw new InvalidOperationException($"The catalogue has no definition for indicator {indicator}.");

    public DurationEra DurationsOn(DateOnly start)
    {
        foreach (var era in Durations)
        {
            if (era.Window.Contains(start))
                return era;
        }
        throw new InvalidOperationException($"No duration era covers {start:yyyy-MM-dd}.");
    }

    public AdmissionEra AdmissionOn(DateOnly start)
    {
        foreach (var era in Admission)
        {
            if (era.Window.Contains(start))
                return era;
        }
        throw new InvalidOperationException($"No admission era covers {start:yyyy-MM-dd}.");
    }
}
