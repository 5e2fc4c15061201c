using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Report;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Monitor;

/// <summary>
/// The analyst's monitor: every indicator over the selection, one indicator in detail with its charts, and the vmbo → mbo
/// flows. Only aggregates from the cached cube; every count goes through <see cref="Suppression"/> as in the CLI.
/// </summary>
public sealed class IndexModel(MonitorCache cache, Site site) : PageModel
{
    /// <summary>The largest mbo institutions in the bar chart and its table.</summary>
    public const int TopInstitutions = 15;

    /// <summary>The largest flows in the flow table under the Sankey.</summary>
    public const int TopFlows = 25;

    [BindProperty(SupportsGet = true)] public string? Indicator { get; set; }
    [BindProperty(SupportsGet = true)] public string? Route { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cohort { get; set; }
    [BindProperty(SupportsGet = true)] public string? School { get; set; }
    [BindProperty(SupportsGet = true)] public string? Instelling { get; set; }
    [BindProperty(SupportsGet = true)] public string? Leerweg { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sector { get; set; }

    public MonitorSnapshot Data { get; private set; } = null!;
    public MonitorSelection Selection { get; private set; } = MonitorSelection.All;
    public Indicator Selected { get; private set; } = Domain.Indicator.DoorstroomVoMbo;

    /// <summary>Per indicator its total over the selection (population 0 when it has none).</summary>
    public ImmutableArray<(IndicatorDefinition Definition, MonitorRow Total)> Overview { get; private set; } = [];

    /// <summary>The selected indicator by route and cohort (the trend chart's data).</summary>
    public MonitorTable Trend { get; private set; } = null!;

    /// <summary>The selected indicator per mbo institution, the largest first (the bar chart's data).</summary>
    public ImmutableArray<MonitorRow> Institutions { get; private set; } = [];

    public InlineChart? TrendChart { get; private set; }
    public InlineChart? InstitutionsChart { get; private set; }
    public InlineChart? FlowChart { get; private set; }

    /// <summary>The vmbo → mbo flows of the selection that may be shown (5 pupils or more), largest first.</summary>
    public ImmutableArray<Flow> Flows { get; private set; } = [];

    /// <summary>The flows of 1 to 4 pupils left out of the diagram, and their pupils together.</summary>
    public (int Flows, long Pupils) SmallFlows { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Data = await cache.Get(cancellationToken);
        if (Enum.TryParse<Indicator>(Indicator, ignoreCase: true, out var chosen) && Enum.IsDefined(chosen)) Selected = chosen;
        Selection = MonitorSelection.Of([
            new(Dimension.Route, Route), new(Dimension.Cohort, Cohort), new(Dimension.VoVestiging, School),
            new(Dimension.MboInstelling, Instelling), new(Dimension.Leerweg, Leerweg), new(Dimension.Sector, Sector)]);
        var where = Selection.Where();
        var cube = Data.Cube;

        Overview = [.. Indicators.Definitions.Select(d =>
            (d, cube.Table(d.Indicator, [], where).Rows.FirstOrDefault() ?? new MonitorRow([], 0, 0, null)))];

        Trend = cube.Table(Selected, [Dimension.Route, Dimension.Cohort], where);
        if (!Trend.Rows.IsEmpty)
            TrendChart = InlineCharts.Trend(Trend);

        var byInstitution = cube.Table(Selected, [Dimension.MboInstelling], where);
        Institutions = [.. byInstitution.Rows
            .Where(r => r.Keys[0] != MonitorCube.Unknown)
            .OrderByDescending(r => r.Population).ThenBy(r => r.Keys[0], StringComparer.Ordinal)
            .Take(TopInstitutions)];
        if (byInstitution.Rows.Any(r => Suppression.Rate(r.Hits, r.Population) is not null))
            InstitutionsChart = InlineCharts.Institutions(byInstitution, TopInstitutions);

        var flows = Network.Flows(cube.Table(Domain.Indicator.DoorstroomVoMbo, [Dimension.VoVestiging, Dimension.MboInstelling], where));
        var small = flows.Where(f => Suppression.Hides(f.Count)).ToList();
        SmallFlows = (small.Count, small.Sum(f => f.Count));
        Flows = [.. flows.Where(f => !Suppression.Hides(f.Count))
            .OrderByDescending(f => f.Count).ThenBy(f => f.VoVestiging, StringComparer.Ordinal).ThenBy(f => f.MboInstelling, StringComparer.Ordinal)];
        if (!Flows.IsEmpty)
            FlowChart = InlineCharts.Flow(Flows);
    }

    /// <summary>The choices of a filter, with the route's name beside a route id.</summary>
    public IEnumerable<(string Value, string Text)> Choices(Dimension dimension) =>
        Data.Choices.TryGetValue(dimension, out var keys) ? keys.Select(k => (k, ChoiceText(dimension, k))) : [];

    // Routes, schools and institutions by name beside their code; the other dimensions are their own words.
    private string ChoiceText(Dimension dimension, string key) => dimension switch
    {
        Dimension.Route when site.Catalogue.Routes.FirstOrDefault(r => r.Id == key) is { } route => $"{key} — {route.Name}",
        Dimension.VoVestiging or Dimension.MboInstelling when Doorstroom.Storage.InstitutionNames.Of(site.Database, key) is var name && name != key => $"{key} — {name}",
        _ => key,
    };

    /// <summary>The page's address with the current filters and another indicator.</summary>
    public string LinkTo(Indicator indicator) =>
        Url.Page("/Monitor/Index", new { indicator = indicator.ToString(), route = Route, cohort = Cohort, school = School, instelling = Instelling, leerweg = Leerweg, sector = Sector })
        ?? "/monitor";

    /// <summary>An element id for an indicator: its enum name in lower case.</summary>
    public static string Id(Indicator indicator) => indicator.ToString().ToLowerInvariant();
}
