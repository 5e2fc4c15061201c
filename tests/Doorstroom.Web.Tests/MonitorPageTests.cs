using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Doorstroom.Web.Pages.Monitor;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The analyst's monitor: only the analist reaches it, it shows every indicator over a selection that agrees with
/// <see cref="EventMonitor.Compute(Database, MonitorContext, CancellationToken)"/> on the same store, small cells are suppressed as in the CLI, and no pupil
/// key appears.
/// </summary>
[Collection(PoisonedEventApiTests.StoreWriters)]
public sealed partial class MonitorPageTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_analist_sees_every_indicator_with_its_definition_and_the_charts()
    {
        using var client = await site.SignedIn("analist");
        using var response = await client.GetAsync("/monitor", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(Cancel);
        foreach (var d in site.Site.Catalogue.IndicatorDefinitions)
        {
            Assert.Contains(HtmlEncoder.Default.Encode(d.Name), html, StringComparison.Ordinal);
            Assert.Contains(HtmlEncoder.Default.Encode(d.Rule), html, StringComparison.Ordinal);
            Assert.Matches(@"^(\d{1,3}(\.\d{3})*|&lt;5)$", Cell(html, "populatie", d.Indicator));
        }
        Assert.True(Population(html, Indicator.DoorstroomVoMbo) > 0, "the demo site has vmbo leavers");
        // Three inline charts, each an image with a title and a description, each with a data table.
        Assert.Equal(3, Regex.Count(html, "<svg[^>]* role=\"img\" aria-labelledby=\"grafiek-[a-z]+-titel grafiek-[a-z]+-uitleg\""));
        Assert.Contains("<desc id=\"grafiek-stroom-uitleg\">", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tabel-trend\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tabel-instellingen\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"tabel-stroom\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decaan")]
    [InlineData("intake")]
    [InlineData("leerling")]
    public async Task A_signed_in_user_without_the_analist_role_is_refused(string username)
    {
        using var client = await site.SignedIn(username);
        using var response = await client.GetAsync("/monitor", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/geen-toegang", response.Headers.Location!.PathAndQuery(), StringComparison.OrdinalIgnoreCase);
        using var refused = await client.GetAsync(response.Headers.Location, Cancel);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("id=\"populatie-", await refused.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/monitor", Cancel);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/inloggen", response.Headers.Location!.PathAndQuery(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_cohort_filter_narrows_every_indicator_to_what_the_store_gives_for_that_cohort()
    {
        var cube = Compute();
        var cohort = cube.Table(Indicator.DoorstroomVoMbo, [Dimension.Cohort]).Rows.MaxBy(r => r.Population)!.Keys[0];
        using var client = await site.SignedIn("analist");
        var all = await client.GetStringAsync("/monitor", Cancel);
        var one = await client.GetStringAsync($"/monitor?cohort={cohort}", Cancel);

        Assert.NotEqual(Population(all, Indicator.DoorstroomVoMbo), Population(one, Indicator.DoorstroomVoMbo));
        var through = Through();
        foreach (var indicator in Enum.GetValues<Indicator>())
        {
            // Only cohorts that can be read count (an open one is "nog niet af te lezen", not a 0 %).
            var expected = cube.Table(indicator, [], c =>
                    c.Cohort.ToString(System.Globalization.CultureInfo.InvariantCulture) == cohort && Afleesbaarheid.Kan(indicator, c.Cohort, through)
                )
                .Rows.FirstOrDefault()
                ?? new MonitorRow([], 0, 0, null);
            var total = cube.Table(indicator, [], c => Afleesbaarheid.Kan(indicator, c.Cohort, through)).Rows.FirstOrDefault()
                ?? new MonitorRow([], 0, 0, null);
            Assert.Equal(WebUtility.HtmlEncode(MonitorView.Count(expected.Population)), Cell(one, "populatie", indicator));
            if (expected.Population > 0)
                Assert.Equal(WebUtility.HtmlEncode(MonitorView.Count(expected.Hits)), Cell(one, "teller", indicator));
            Assert.Equal(WebUtility.HtmlEncode(MonitorView.Count(total.Population)), Cell(all, "populatie", indicator));
        }
    }

    [Fact]
    public async Task A_selection_of_fewer_than_five_pupils_shows_the_suppression_text_not_the_count()
    {
        var cube = Compute();
        var (query, small) = SmallSelection(cube);
        Assert.True(Suppression.Hides(small.Population));
        using var client = await site.SignedIn("analist");
        var html = await client.GetStringAsync("/monitor?" + query, Cancel);

        var shown = Cell(html, "populatie", Indicator.DoorstroomVoMbo);
        Assert.Equal("&lt;5", shown);
        Assert.NotEqual(small.Population.ToString(System.Globalization.CultureInfo.InvariantCulture), shown);
        Assert.Equal("–", WebUtility.HtmlDecode(Cell(html, "percentage", Indicator.DoorstroomVoMbo)));
        Assert.Contains("id=\"onderdrukt\"", html, StringComparison.Ordinal);
        Assert.Contains("staat voor 1 tot en met 4 leerlingen", html, StringComparison.Ordinal);
        // The flow section shows no flow of 1 to 4 pupils either.
        foreach (Match m in FlowCount().Matches(html))
            Assert.False(
                Suppression.Hides(long.Parse(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture))
            );
    }

    [Fact]
    public async Task The_page_shows_no_pupil_key()
    {
        var (query, _) = SmallSelection(Compute());
        using var client = await site.SignedIn("analist");
        foreach (var url in new[] { "/monitor", "/monitor?indicator=NieuweVsv", "/monitor?" + query })
        {
            var html = await client.GetStringAsync(url, Cancel);
            Assert.DoesNotContain("DEMO-", html, StringComparison.Ordinal);
            Assert.DoesNotContain("SIM-", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_cube_is_computed_once_and_again_only_when_the_event_count_changes()
    {
        var folder = Directory.CreateTempSubdirectory("doorstroom-monitor-cache-").FullName;
        try
        {
            var own = new SiteServices(new SiteOptions { Database = Path.Combine(folder, "cache.db") }, TimeProvider.System);
            using var cache = new MonitorCache(own);
            var first = await cache.Get(Cancel);
            var second = await cache.Get(Cancel);
            Assert.Same(first, second);
            Assert.Equal(1, cache.Computations);

            new EventStore(own.Database).Append(
                [
                    new EventRecord(
                        new TransitionEvent("TEST-1", new DateOnly(2024, 8, 1), EventKind.Ingeschreven, "00AA00", Leerweg.Kb, Leerjaar: 3),
                        Synthetic: true
                    ),
                ],
                cancellationToken: Cancel
            );
            var third = await cache.Get(Cancel);
            Assert.Equal(2, cache.Computations);
            Assert.Equal(0, first.Pupils);
            Assert.Equal(1, third.Pupils);
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) { }
        }
    }

    [Fact]
    public async Task After_an_import_of_one_day_only_its_pupils_are_read_again_and_the_figures_equal_a_full_computation()
    {
        var folder = Directory.CreateTempSubdirectory("doorstroom-monitor-day-").FullName;
        try
        {
            var own = new SiteServices(new SiteOptions { Database = Path.Combine(folder, "day.db") }, TimeProvider.System);
            var pupils = Simulation.Simulator.Run(Simulation.SyntheticWorld.Build(1), Simulation.Calibration.Default, 2016, 2, 150, seed: 11).ToList();
            // A day before the data's end with at most a fifth of the pupils: its import does not move the end.
            var last = pupils.SelectMany(p => p.Events).Max(e => e.Date);
            var day = pupils
                .SelectMany(p => p.Events)
                .Where(e => e.Date < last)
                .GroupBy(e => e.Date)
                .Where(g => g.Select(e => e.Pupil).Distinct().Count() <= pupils.Count / 5)
                .OrderByDescending(g => g.Count())
                .First()
                .Key;
            void Import(Func<TransitionEvent, bool> which) =>
                new EventStore(own.Database).Append(
                    pupils.SelectMany(p => p.Events.Where(which).Select(e => new EventRecord(e, Synthetic: true, p.BirthDate))),
                    cancellationToken: Cancel
                );
            Import(e => e.Date != day);
            using var cache = new MonitorCache(own);
            var before = await cache.Get(Cancel);
            Assert.Equal(RefreshKind.Full, cache.LastRefresh!.Kind);

            Import(e => e.Date == day);
            var after = await cache.Get(Cancel);

            var touched = pupils.Count(p => p.Events.Any(e => e.Date == day));
            Assert.True(touched > 5, $"the day touches {touched} pupils: too few to tell");
            Assert.Equal((RefreshKind.Incremental, touched), (cache.LastRefresh!.Kind, (int)cache.LastRefresh.PupilsRead));
            Assert.Equal(pupils.Sum(p => p.Events.Length), after.Events);
            Assert.True(after.Version > before.Version);
            var full = new MonitorEngine(own.Database, own.Catalogue.Domains).Refresh(Cancel).Cube;
            Assert.Null(after.Cube.Difference(full));
            Assert.NotNull(before.Cube.Difference(full));
        }
        finally
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException) { }
        }
    }

    [Fact]
    public async Task The_page_shows_no_code_where_a_name_exists()
    {
        var names = InstitutionNames.All(site.Site.Database);
        var routes = site.Site.Catalogue.Routes.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
        var cube = Compute();
        // The codes in the data that have a name: every vestiging, institution and route of the vmbo leavers, the vsv'ers and D8.
        var codes = new[] { Indicator.DoorstroomVoMbo, Indicator.NieuweVsv, Indicator.Jaarresultaat }
            .SelectMany(i => cube.Table(i, [Dimension.VoVestiging, Dimension.MboInstelling, Dimension.Route]).Rows)
            .SelectMany(r =>
                new[] { (r.Keys[0], names.ContainsKey(r.Keys[0])), (r.Keys[1], names.ContainsKey(r.Keys[1])), (r.Keys[2], routes.Contains(r.Keys[2])) }
            )
            .Where(c => c.Item2 && c.Item1 != MonitorCube.Unknown)
            .Select(c => c.Item1)
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(codes.Count > 20, $"the demo store names its institutions ({codes.Count} codes with a name)");
        using var client = await site.SignedIn("analist");
        foreach (var url in new[] { "/monitor", "/monitor?indicator=Jaarresultaat", "/monitor?indicator=NieuweVsv" })
        {
            var text = VisibleText(await client.GetStringAsync(url, Cancel));
            Assert.Contains("Stroom vmbo", text, StringComparison.Ordinal);
            text = WithoutNames(text, codes.Where(names.ContainsKey).Select(c => (c, names[c])));
            var shown = codes.Where(c => Regex.IsMatch(text, $@"(?<![\w-]){Regex.Escape(c)}(?![\w-])")).ToList();
            Assert.True(shown.Count == 0, $"{url} shows codes where a name exists: {string.Join(", ", shown.Take(10))}");
        }
    }

    [Fact]
    public async Task The_Sankey_adds_up_to_the_flow_table_and_to_the_vmbo_leavers_in_the_mbo()
    {
        var cube = Compute();
        var expected = cube.Table(Indicator.DoorstroomVoMbo, [], c =>
                c.MboInstelling is not null && Afleesbaarheid.Kan(Indicator.DoorstroomVoMbo, c.Cohort, Through())
            )
            .Rows.Single()
            .Hits;
        using var client = await site.SignedIn("analist");
        var html = await client.GetStringAsync("/monitor", Cancel);

        var svg = Regex.Match(html, "<svg[^>]*aria-labelledby=\"grafiek-stroom-titel[^>]*>.*?</svg>", RegexOptions.Singleline).Value;
        Assert.NotEmpty(svg);
        long Column(string anchor) =>
            Regex
                .Matches(svg, $"<text [^>]*text-anchor=\"{anchor}\">[^<]*\\(([0-9.]+)\\)</text>")
                .Sum(m => long.Parse(m.Groups[1].Value.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture));
        var left = Column("end");
        var right = Column("start");
        var table = Regex.Match(html, "id=\"totaal-stromen\"><th scope=\"row\" colspan=\"2\">Totaal</th><td class=\"num\">([0-9.]+)</td>");
        Assert.True(table.Success, "the flow table has a total row");
        var rows = Regex
            .Matches(
                html[html.IndexOf("id=\"tabel-stroom\"", StringComparison.Ordinal)..html.IndexOf("id=\"totaal-stromen\"", StringComparison.Ordinal)],
                "<td class=\"num\">([0-9.]+)</td></tr>"
            )
            .Sum(m => Number(m.Groups[1].Value));

        Assert.Equal(expected, left);
        Assert.Equal(expected, right);
        Assert.Equal(expected, Number(table.Groups[1].Value));
        Assert.Equal(expected, rows);
        // The chart itself says how much is in "overige stromen".
        Assert.Matches("<text class=\"note\"[^>]*>Totaal [0-9.]+ leerlingen; niet apart getekend: [0-9.]+ stromen met samen [0-9.]+ leerlingen", svg);
        Assert.Contains(">overige stromen (", svg, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cohort_whose_window_is_open_reads_nog_niet_af_te_lezen_not_a_rate()
    {
        // On 30 November 2026 no vmbo leaver of the demo (exam years 2024–2027) has had five years for a startkwalificatie.
        Assert.False(Afleesbaarheid.Kan(Indicator.TijdTotStartkwalificatie, 2024, Through()));
        using var client = await site.SignedIn("analist");
        var html = await client.GetStringAsync("/monitor?indicator=TijdTotStartkwalificatie", Cancel);

        Assert.Equal(IndexModel.NotYet, Cell(html, "percentage", Indicator.TijdTotStartkwalificatie));
        Assert.Contains("id=\"open-tijdtotstartkwalificatie\"", html, StringComparison.Ordinal);
        var trend = html[html.IndexOf("id=\"tabel-trend\"", StringComparison.Ordinal)..];
        trend = trend[..trend.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("nog niet af te lezen", trend, StringComparison.Ordinal);
        Assert.DoesNotContain("%", trend, StringComparison.Ordinal);
        // A cohort that can be read still shows its rate: doorstroom vmbo→mbo of 2025 was read on 1 October 2025.
        var direct = await client.GetStringAsync("/monitor?cohort=2025", Cancel);
        Assert.EndsWith("%", WebUtility.HtmlDecode(Cell(direct, "percentage", Indicator.DoorstroomVoMbo)), StringComparison.Ordinal);
    }

    private DateOnly Through() => EventMonitor.Context(site.Site.Database, site.Site.Catalogue.Domains).Through;

    private static long Number(string text) => long.Parse(text.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text a reader sees or hears in the main part of the page: tag contents, SVG text and titles; no attribute values.</summary>
    /// <summary>
    /// The text without the names of these codes, whole or shortened with "…" as a chart label shortens them: a name may
    /// hold its own code (the synthetic institutions of a clone without ../shared are called "Vmbo-school 10AA00
    /// (synthetisch)", a Sankey label "Vmbo-school 10AA00 (s…"), and such a code is a name shown, not a code.
    /// </summary>
    private static string WithoutNames(string text, IEnumerable<(string Code, string Name)> named)
    {
        foreach (var (code, name) in named.OrderByDescending(n => n.Name.Length))
        {
            text = text.Replace(name, " ", StringComparison.Ordinal);
            var end = name.IndexOf(code, StringComparison.Ordinal) + code.Length;
            if (end < code.Length)
                continue;
            for (var length = name.Length - 1; length >= end; length--)
                text = text.Replace(name[..length] + "…", " ", StringComparison.Ordinal);
        }
        return text;
    }

    private static string VisibleText(string html)
    {
        var main = html[html.IndexOf("<main", StringComparison.Ordinal)..];
        return WebUtility.HtmlDecode(Regex.Replace(main, "<[^>]+>", " "));
    }

    /// <summary>The cube straight from the store, as the CLI computes it.</summary>
    private MonitorCube Compute()
    {
        var context = EventMonitor.Context(site.Site.Database, site.Site.Catalogue.Domains);
        return EventMonitor.Compute(site.Site.Database, context, Cancel).Cube;
    }

    /// <summary>A selection (as a query string) whose vmbo→mbo population is 1 to 4 pupils, found in the store.</summary>
    private static (string Query, MonitorRow Row) SmallSelection(MonitorCube cube)
    {
        (Dimension Dimension, string Name)[][] tries =
        [
            [(Dimension.VoVestiging, "school"), (Dimension.Cohort, "cohort")],
            [(Dimension.VoVestiging, "school")],
            [(Dimension.MboInstelling, "instelling"), (Dimension.Cohort, "cohort")],
            [(Dimension.Route, "route"), (Dimension.Cohort, "cohort"), (Dimension.Leerweg, "leerweg"), (Dimension.Sector, "sector")],
        ];
        foreach (var dims in tries)
        {
            var row = cube.Table(Indicator.DoorstroomVoMbo, [.. dims.Select(d => d.Dimension)])
                .Rows.FirstOrDefault(r => Suppression.Hides(r.Population) && r.Keys.All(k => k != MonitorCube.Unknown));
            if (row is not null)
                return (string.Join('&', dims.Select((d, i) => $"{d.Name}={Uri.EscapeDataString(row.Keys[i])}")), row);
        }
        throw new InvalidOperationException("the demo store has no selection of 1 to 4 vmbo leavers");
    }

    private static string Cell(string html, string column, Indicator indicator)
    {
        var m = Regex.Match(html, $"id=\"{column}-{IndexModel.Id(indicator)}\">([^<]*)<");
        return m.Success ? m.Groups[1].Value : throw new InvalidOperationException($"no {column} cell for {indicator}");
    }

    private static long Population(string html, Indicator indicator) =>
        long.Parse(Cell(html, "populatie", indicator).Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex("<tr><th scope=\"row\">[^<]*</th><td>[^<]*</td><td class=\"num\">([0-9.]+)</td></tr>")]
    private static partial Regex FlowCount();
}

internal static class UriExtensions
{
    /// <summary>The path and query of a relative or absolute redirect location.</summary>
    public static string PathAndQuery(this Uri location) => location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString;
}
