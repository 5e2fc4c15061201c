using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Report;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Monitor;

/// <summary>
/// The analyst's monitor: every indicator over the selection, one indicator in detail with its charts, and the vmbo → mbo
/// flows. Only aggregates from the cached cube; every count goes through <see cref="Suppression"/> as in the CLI.
/// </summary>
public sealed class IndexModel(MonitorCache cache, SiteServices site) : PageModel
{
    /// <summary>The largest mbo institutions in the bar chart and its table.</summary>
    public const int TopInstitutions = 15;

    /// <summary>The largest flows drawn one by one in the Sankey and listed in its table; the rest is one band "overige stromen".</summary>
    public const int TopFlows = 12;

    [BindProperty(SupportsGet = true)]
    public string? Indicator { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Route { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Cohort { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? School { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Instelling { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Leerweg { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Sector { get; set; }

    public MonitorSnapshot Data { get; private set; } = null!;
    public MonitorSelection Selection { get; private set; } = MonitorSelection.All;
    public Indicator Selected { get; private set; } = Domain.Indicator.DoorstroomVoMbo;

    /// <summary>Every indicator's definition in words, from the catalogue, in the enum's order.</summary>
    public ImmutableArray<IndicatorDefinition> Definitions => site.Catalogue.IndicatorDefinitions;

    /// <summary>The selected indicator's definition in words.</summary>
    public IndicatorDefinition SelectedDefinition => site.Catalogue.Definition(Selected);

    /// <summary>The names shown for the cube's codes.</summary>
    public MonitorNames Names { get; private set; } = null!;

    /// <summary>Per indicator its total over the selection's readable cohorts (population 0 when it has none), and the cohorts not yet readable.</summary>
    public ImmutableArray<(IndicatorDefinition Definition, MonitorRow Total, ImmutableArray<Afleesbaarheid> Open)> Overview { get; private set; } = [];

    /// <summary>The selected indicator by route and cohort (the trend table's data; the chart has only the readable cohorts).</summary>
    public MonitorTable Trend { get; private set; } = null!;

    /// <summary>True when the selected indicator is a doorstroom from vmbo: per mbo institution its rate is 100 % by construction, so the page shows
    /// shares.</summary>
    public bool ShowsShares => Selected is Domain.Indicator.DoorstroomVoMbo or Domain.Indicator.DoorstroomVoMboNaEenJaar;

    /// <summary>The selection's vmbo leavers in readable cohorts (the whole of which <see cref="Institutions"/> are shares when <see
    /// cref="ShowsShares"/>).</summary>
    public long Leavers { get; private set; }

    /// <summary>Of <see cref="Leavers"/>, those not in the mbo on the peildatum.</summary>
    public long NotInMbo { get; private set; }

    /// <summary>
    /// Per mbo institution (not "onbekend"), sorted by the value shown, largest first: with <see cref="ShowsShares"/> its pupils as a share of
    /// <see cref="Leavers"/>, else the indicator's rate (the largest institutions by population).
    /// </summary>
    public ImmutableArray<MonitorRow> Institutions { get; private set; } = [];

    public InlineChart? TrendChart { get; private set; }
    public InlineChart? InstitutionsChart { get; private set; }
    public InlineChart? FlowChart { get; private set; }

    /// <summary>The largest flows that may be shown (5 pupils or more), drawn one by one; at most <see cref="TopFlows"/>.</summary>
    public IReadOnlyList<Flow> Flows { get; private set; } = [];

    /// <summary>Every other flow (the small ones included), together the band "overige stromen", and their pupils.</summary>
    public (int Flows, long Pupils) OtherFlows { get; private set; }

    /// <summary>All vmbo leavers who went to the mbo in the selection: the Sankey's and the flow table's total.</summary>
    public long FlowTotal { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await cache.Get(cancellationToken);
        Names = Data.Names ?? MonitorNames.Of(site);
        if (Enum.TryParse<Indicator>(Indicator, ignoreCase: true, out var chosen) && Enum.IsDefined(chosen))
            Selected = chosen;
        Selection = MonitorSelection.Of([
            new(Dimension.Route, Route),
            new(Dimension.Cohort, Cohort),
            new(Dimension.VoVestiging, School),
            new(Dimension.MboInstelling, Instelling),
            new(Dimension.Leerweg, Leerweg),
            new(Dimension.Sector, Sector),
        ]);
        var where = Selection.Where();
        var cube = Data.Cube;
        var through = Data.Context.Through;
        Func<Cell, bool> Readable(Indicator indicator) => cell => (where is null || where(cell)) && Afleesbaarheid.Kan(indicator, cell.Cohort, through);

        Overview =
        [
            .. Definitions.Select(d =>
            {
                var total = cube.Table(d.Indicator, [], Readable(d.Indicator)).Rows.FirstOrDefault() ?? new MonitorRow([], 0, 0, null);
                var open = cube.Table(d.Indicator, [Dimension.Cohort], where)
                    .Rows.Select(r => Afleesbaarheid.Op(d.Indicator, int.Parse(r.Keys[0], CultureInfo.InvariantCulture), through))
                    .Where(a => !a.Afleesbaar)
                    .ToImmutableArray();
                return (d, total, open);
            }),
        ];

        Trend = cube.Table(Selected, [Dimension.Route, Dimension.Cohort], where);
        var readableTrend = Trend with { Rows = [.. Trend.Rows.Where(r => CanRead(r.Keys[1]))] };
        if (!readableTrend.Rows.IsEmpty)
            TrendChart = InlineCharts.Trend(readableTrend, SelectedDefinition, id => Names.Name(Dimension.Route, id));

        var byInstitution = cube.Table(Selected, [Dimension.MboInstelling], Readable(Selected)).Rows;
        var known = byInstitution.Where(r => r.Keys[0] != MonitorCube.Unknown).ToList();
        if (ShowsShares)
        {
            Leavers = byInstitution.Sum(r => r.Population);
            NotInMbo = Leavers - known.Sum(r => r.Hits);
            Institutions =
            [
                .. known
                    .Where(r => r.Hits > 0)
                    .OrderByDescending(r => r.Hits)
                    .ThenBy(r => Names.Name(Dimension.MboInstelling, r.Keys[0]), StringComparer.CurrentCulture)
                    .Take(TopInstitutions),
            ];
            var bars = Institutions
                .Where(r => Suppression.Rate(r.Hits, Leavers) is not null)
                .Select(r => (Names.Name(Dimension.MboInstelling, r.Keys[0]), Suppression.Rate(r.Hits, Leavers)!.Value * 100))
                .ToList();
            if (bars.Count > 0)
                InstitutionsChart = InlineCharts.Bars(
                    $"Aandeel van de vmbo-verlaters per mbo-instelling (grootste " + $"{TopInstitutions})",
                    bars,
                    "procent van alle vmbo-verlaters in de selectie"
                );
        }
        else
        {
            Institutions =
            [
                .. known
                    .OrderByDescending(r => r.Population)
                    .ThenBy(r => r.Keys[0], StringComparer.Ordinal)
                    .Take(TopInstitutions)
                    .OrderByDescending(r => Suppression.Rate(r.Hits, r.Population) ?? -1)
                    .ThenByDescending(r => r.Population),
            ];
            var bars = Institutions
                .Where(r => Suppression.Rate(r.Hits, r.Population) is not null)
                .Select(r => (Names.Name(Dimension.MboInstelling, r.Keys[0]), Suppression.Rate(r.Hits, r.Population)!.Value * 100))
                .ToList();
            if (bars.Count > 0)
                InstitutionsChart = InlineCharts.Bars($"{SelectedDefinition.Name} per mbo-instelling (grootste {TopInstitutions})", bars, "percentage");
        }

        var flows = Network.Flows(
            cube.Table(Domain.Indicator.DoorstroomVoMbo, [Dimension.VoVestiging, Dimension.MboInstelling], Readable(Domain.Indicator.DoorstroomVoMbo))
        );
        var (top, others) = Sankey.Split(flows, TopFlows);
        Flows = top;
        OtherFlows = (others.Count, others.Sum(f => f.Count));
        FlowTotal = flows.Sum(f => f.Count);
        if (FlowTotal > 0)
            FlowChart = InlineCharts.FlowTop(flows, TopFlows, FlowTitle, Names.Institution, FlowNote);
    }

    /// <summary>What a cohort whose measurement window is still open shows instead of a percentage.</summary>
    public const string NotYet = "nog niet af te lezen";

    /// <summary>One sentence naming the cohorts not yet readable and from when (<see cref="Afleesbaarheid"/>).</summary>
    public static string NotYetSentence(IReadOnlyCollection<Afleesbaarheid> open)
    {
        ArgumentNullException.ThrowIfNull(open);
        var list = open.OrderBy(a => a.Cohort).Select(a => $"{a.Cohort} (vanaf {DutchFormat.ShortDate(a.Vanaf)})");
        return $"{(open.Count == 1 ? "Cohort" : "Cohorten")} {string.Join(", ", list)} {(open.Count == 1 ? "is" : "zijn")} {NotYet} en "
            + $"{(open.Count == 1 ? "telt" : "tellen")} niet mee: {open.First().Reden}.";
    }

    /// <summary>The Sankey's title.</summary>
    public string FlowTitle =>
        Flows.Count == 0
            ? $"Stroom vmbo-vestigingen → mbo-instellingen: geen stroom van 5 of meer leerlingen, alle samen als “{Sankey.OtherFlows}”"
            : $"Stroom vmbo-vestigingen → mbo-instellingen: de {Flows.Count} grootste stromen en de rest als “{Sankey.OtherFlows}”";

    /// <summary>The line under the Sankey: the total, and what the band "overige stromen" holds.</summary>
    public string FlowNote =>
        $"Totaal {MonitorView.Count(FlowTotal)} leerlingen"
        + (
            OtherFlows.Flows > 0
                ? $"; niet apart getekend: {DutchFormat.Count(OtherFlows.Flows)} {(OtherFlows.Flows == 1 ? "stroom" : "stromen")} met samen "
                    + $"{MonitorView.Count(OtherFlows.Pupils)} leerlingen (“{Sankey.OtherFlows}”)"
                : ""
        )
        + ".";

    /// <summary>True when the cohort (a key of the Cohort dimension) of the selected indicator can be read from the data.</summary>
    public bool CanRead(string cohort) => Readability(cohort)?.Afleesbaar ?? true;

    /// <summary>Whether a cohort of the selected indicator can be read from the data; null for a key that is no year.</summary>
    public Afleesbaarheid? Readability(string cohort) =>
        int.TryParse(cohort, NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? Afleesbaarheid.Op(Selected, year, Data.Context.Through) : null;

    /// <summary>The choices of a filter, by name (the option's value stays the code).</summary>
    public IEnumerable<(string Value, string Text)> Choices(Dimension dimension) =>
        Data.Choices.TryGetValue(dimension, out var keys)
            ? keys.Select(k => (k, Names.Name(dimension, k)))
                .OrderBy(c => c.Item2 == MonitorCube.Unknown ? 1 : 0)
                .ThenBy(c => c.Item2, StringComparer.CurrentCulture)
            : [];

    /// <summary>The page's address with the current filters and another indicator.</summary>
    public string LinkTo(Indicator indicator) =>
        Url.Page(
            "/Monitor/Index",
            new
            {
                indicator = indicator.ToString(),
                route = Route,
                cohort = Cohort,
                school = School,
                instelling = Instelling,
                leerweg = Leerweg,
                sector = Sector,
            }
        ) ?? "/monitor";

    /// <summary>An element id for an indicator: its enum name in lower case.</summary>
    public static string Id(Indicator indicator) => indicator.ToString().ToLowerInvariant();
}
