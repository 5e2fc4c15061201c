using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Doorstroom.Domain;

namespace Doorstroom.Report;

/// <summary>What the report shows. No pupil keys: only aggregated <see cref="MonitorTable"/>s go in.</summary>
/// <param name="Title">The report's title.</param>
/// <param name="MadeOn">The date the report is made (passed in: the library has no clock).</param>
/// <param name="DataSource">Where the data comes from, in words (e.g. "doorstroom.db, simulatie van 1 cohort").</param>
/// <param name="Synthetic">True when the data is synthetic (simulated pupils): the report then carries a clear banner.</param>
/// <param name="Tables">The tables shown in full, each with its indicator's definition.</param>
/// <param name="TrendTables">Tables broken down by (at least) [Route, Cohort]: one trend chart each, one line per route.</param>
/// <param name="InstitutionTables">Tables broken down by (at least) [MboInstelling]: one bar chart each.</param>
/// <param name="Definitions">The indicators' definitions in words, from the catalogue (<see cref="RouteCatalogue.IndicatorDefinitions"/>); every table's
/// indicator needs one.</param>
/// <param name="FlowTable">A table broken down by [VoVestiging, MboInstelling] whose hits are the pupils going from one to the other (see <see
/// cref="Network.Flows"/>); null for no flow section.</param>
public sealed record ReportInput(
    string Title,
    DateOnly MadeOn,
    string DataSource,
    bool Synthetic,
    ImmutableArray<MonitorTable> Tables,
    ImmutableArray<MonitorTable> TrendTables,
    ImmutableArray<MonitorTable> InstitutionTables,
    MonitorTable? FlowTable,
    ImmutableArray<IndicatorDefinition> Definitions
)
{
    /// <summary>The definition of a table's indicator.</summary>
    public IndicatorDefinition Definition(MonitorTable table) =>
        Definitions.FirstOrDefault(d => d.Indicator == table.Indicator)
        ?? throw new ArgumentException($"The report has no definition for indicator {table.Indicator}.", nameof(table));

    /// <summary>How many institutions the bar charts show (the largest by population with an unsuppressed rate).</summary>
    public int TopInstitutions { get; init; } = 15;

    /// <summary>How many vmbo vestigingen the Sankey shows; the rest is grouped as "overige".</summary>
    public int TopVoVestigingen { get; init; } = 8;

    /// <summary>How many mbo institutions the Sankey shows; the rest is grouped as "overige".</summary>
    public int TopMboInstellingen { get; init; } = 6;

    /// <summary>How many rows the network tables (intake per institution, spread per vestiging) show.</summary>
    public int TopNetworkRows { get; init; } = 20;
}

/// <summary>What <see cref="HtmlReport.Write"/> wrote: the page and its charts (paths relative to the report folder).</summary>
/// <param name="Index">The full path of index.html.</param>
public sealed record ReportFiles(string Index, ImmutableArray<ChartFiles> Charts);

/// <summary>The monitor's report: one self-contained index.html (inline CSS, no scripts, no external URLs) beside its charts as PNG and SVG.</summary>
public static class HtmlReport
{
    private const string SuppressionNote =
        "Zoals DUO publiceert: aantallen van 1 tot en met 4 staan er als “&lt;5”, en een percentage over een populatie kleiner dan 10 "
        + "wordt niet getoond (“–”), zodat geen leerling in een kleine groep herkenbaar is. Grafieken laten zulke percentages weg.";

    /// <summary>Writes index.html and the charts into <paramref name="outDir"/> (created when missing) and returns what it wrote.</summary>
    public static ReportFiles Write(string outDir, ReportInput input)
    {
        Directory.CreateDirectory(outDir);
        var charts = ImmutableArray.CreateBuilder<ChartFiles>();
        var trends = input
            .TrendTables.Select((t, i) => Charts.Trend(outDir, $"trend-{i + 1}-{Charts.Slug(input.Definition(t).Id)}", t, input.Definition(t)))
            .ToList();
        var institutions = input
            .InstitutionTables.Select(
                (t, i) =>
                    Charts.Institutions(outDir, $"instellingen-{i + 1}-{Charts.Slug(input.Definition(t).Id)}", t, input.Definition(t), input.TopInstitutions)
            )
            .ToList();
        var flows = input.FlowTable is null ? [] : Network.Flows(input.FlowTable);
        var flow = input.FlowTable is null ? null : Charts.Flow(outDir, flows, input.TopVoVestigingen, input.TopMboInstellingen);
        charts.AddRange(trends);
        charts.AddRange(institutions);
        if (flow is not null)
            charts.Add(flow);

        var h = new StringBuilder();
        h.Append(
            "<!DOCTYPE html>\n<html lang=\"nl\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, "
                + "initial-scale=1\">\n"
        );
        h.Append(
            CultureInfo.InvariantCulture,
            $"<title>{E(input.Title)}</title>\n<style>{Css}</style>\n</head>\n<body>\n<header>\n<h1>{E(input.Title)}</h1>\n"
        );
        if (input.Synthetic)
            h.Append(
                "<div class=\"banner synthetic\" role=\"alert\" id=\"synthetisch\"><strong>Synthetische gegevens.</strong> Dit rapport is gemaakt op "
                    + "gesimuleerde leerlingen, niet op echte. De cijfers tonen hoe het rapport werkt, niet hoe het onderwijs loopt.</div>\n"
            );
        h.Append(
            CultureInfo.InvariantCulture,
            $"<dl class=\"meta\">\n<dt>Gemaakt op</dt><dd "
                + $"id=\"gemaakt-op\">{input.MadeOn:yyyy-MM-dd}</dd>\n<dt>Gegevensbron</dt><dd "
                + $"id=\"bron\">{E(input.DataSource)}{(input.Synthetic ? " (synthetisch)" : "")}</dd>\n</dl>\n"
        );
        h.Append("<nav><ul>\n<li><a href=\"#indicatoren\">Indicatoren</a></li>\n");
        if (trends.Count > 0)
            h.Append("<li><a href=\"#trends\">Trends per route</a></li>\n");
        if (institutions.Count > 0)
            h.Append("<li><a href=\"#instellingen\">Per mbo-instelling</a></li>\n");
        if (flow is not null)
            h.Append("<li><a href=\"#stroom\">Stroom vmbo → mbo</a></li>\n");
        h.Append("<li><a href=\"#onderdrukking\">Onderdrukking kleine aantallen</a></li>\n</ul></nav>\n</header>\n<main>\n");

        h.Append("<section id=\"indicatoren\">\n<h2>Indicatoren</h2>\n");
        for (var i = 0; i < input.Tables.Length; i++)
            Indicator(h, input.Tables[i], input.Definition(input.Tables[i]), $"indicator-{i + 1}-{Charts.Slug(input.Definition(input.Tables[i]).Id)}");
        if (input.Tables.IsEmpty)
            h.Append("<p>Geen tabellen.</p>\n");
        h.Append("</section>\n");

        if (trends.Count > 0)
        {
            h.Append("<section id=\"trends\">\n<h2>Trends per route</h2>\n");
            foreach (var c in trends)
                Figure(h, c);
            h.Append("</section>\n");
        }
        if (institutions.Count > 0)
        {
            h.Append("<section id=\"instellingen\">\n<h2>Per mbo-instelling</h2>\n");
            foreach (var c in institutions)
                Figure(h, c);
            h.Append("</section>\n");
        }
        if (flow is not null)
        {
            h.Append("<section id=\"stroom\">\n<h2>Stroom vmbo → mbo</h2>\n");
            h.Append(
                CultureInfo.InvariantCulture,
                $"<p>Bron: {E(input.Definition(input.FlowTable!).Name)} ({E(input.Definition(input.FlowTable!).Id)}), de "
                    + $"leerlingen in de teller per vo-vestiging en mbo-instelling.</p>\n"
            );
            Figure(h, flow);
            NetworkTables(h, flows, input.TopNetworkRows);
            h.Append("</section>\n");
        }
        h.Append(
            CultureInfo.InvariantCulture,
            $"</main>\n<footer>\n<p id=\"onderdrukking\" class=\"footnote\"><sup>*</sup> "
                + $"{SuppressionNote}</p>\n<p>Doorstroom — EUPL-1.2. Gemaakt op {input.MadeOn:yyyy-MM-dd}.</p>\n</footer>\n</body>\n</html>\n"
        );

        var index = Path.Combine(outDir, "index.html");
        File.WriteAllText(index, h.ToString(), new UTF8Encoding(false));
        return new ReportFiles(index, charts.ToImmutable());
    }

    private static void Indicator(StringBuilder h, MonitorTable table, IndicatorDefinition d, string id)
    {
        h.Append(
            CultureInfo.InvariantCulture,
            $"<section class=\"indicator\" id=\"{id}\">\n<h3>{E(d.Name)} <span class=\"id\">({E(d.Id)})</span></h3>\n<dl " + $"class=\"definition\">\n"
        );
        h.Append(
            CultureInfo.InvariantCulture,
            $"<dt>Indicator</dt><dd>{E(d.Name)}</dd>\n<dt>Regelboek</dt><dd>{E(d.Id)} — " + $"{E(d.Rule)}</dd>\n<dt>Peildatum</dt><dd>{E(d.Peildatum)}</dd>\n"
        );
        h.Append(
            CultureInfo.InvariantCulture,
            $"<dt>Populatie</dt><dd>{E(d.Population)}</dd>\n<dt>Teller</dt><dd>{E(d.Numerator)}</dd>\n<dt>Uitgesplitst "
                + $"naar</dt><dd>{E(string.Join(", ", table.By.Select(DutchText.Dimension)))}</dd>\n</dl>\n"
        );
        var hasMean = table.Rows.Any(r => r.Mean is not null);
        h.Append("<table class=\"monitor\">\n<thead><tr>");
        foreach (var b in table.By)
            h.Append(CultureInfo.InvariantCulture, $"<th scope=\"col\">{E(DutchText.Dimension(b))}</th>");
        h.Append("<th scope=\"col\" class=\"num\">Populatie</th><th scope=\"col\" class=\"num\">Teller</th><th scope=\"col\" class=\"num\">Percentage</th>");
        if (hasMean)
            h.Append("<th scope=\"col\" class=\"num\">Gemiddelde</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in table.Rows)
        {
            h.Append("<tr>");
            foreach (var key in row.Keys)
                h.Append(CultureInfo.InvariantCulture, $"<td>{(string.IsNullOrEmpty(key) ? "<span class=\"none\">(leeg)</span>" : E(key))}</td>");
            h.Append(CountCell(row.Population)).Append(CountCell(row.Hits));
            h.Append(RateCell(Suppression.Rate(row.Hits, row.Population)));
            if (hasMean)
                h.Append(
                    row.Mean is { } m && Suppression.Rate(row.Hits, row.Population) is not null ? $"<td class=\"num\">{DutchFormat.Number(m, 2)}</td>"
                    : row.Mean is null ? "<td class=\"num\"></td>"
                    : Suppressed("–")
                );
            h.Append("</tr>\n");
        }
        if (table.Rows.IsEmpty)
            h.Append(CultureInfo.InvariantCulture, $"<tr><td colspan=\"{table.By.Length + 3 + (hasMean ? 1 : 0)}\">Geen " + $"rijen.</td></tr>\n");
        h.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void NetworkTables(StringBuilder h, ImmutableArray<Flow> flows, int top)
    {
        var intake = Network.Intake(flows);
        h.Append(
            CultureInfo.InvariantCulture,
            $"<h3>Instroom per mbo-instelling</h3>\n<p>{intake.Length} mbo-instellingen; per instelling het aantal "
                + $"vmbo-vestigingen dat er leerlingen heen stuurt en het aandeel van de grootste (de {Math.Min(top, intake.Length)} grootste "
                + $"instellingen).</p>\n"
        );
        h.Append(
            "<table class=\"network\" id=\"instroom\">\n<thead><tr><th scope=\"col\">Mbo-instelling</th><th scope=\"col\" "
                + "class=\"num\">Leerlingen</th><th scope=\"col\" class=\"num\">Vo-vestigingen</th><th scope=\"col\">Grootste vestiging</th><th scope=\"col\" "
                + "class=\"num\">Aandeel grootste</th></tr></thead>\n<tbody>\n"
        );
        foreach (var m in intake.Take(top))
            h.Append(
                CultureInfo.InvariantCulture,
                $"<tr><td>{E(m.MboInstelling)}</td>{CountCell(m.Total)}<td "
                    + $"class=\"num\">{m.Feeders}</td><td>{E(m.LargestFeeder)}</td>{RateCell(Suppression.Rate(m.LargestFeederCount, m.Total))}</tr>\n"
            );
        h.Append("</tbody>\n</table>\n");

        var spread = Network.Spread(flows);
        h.Append(
            CultureInfo.InvariantCulture,
            $"<h3>Uitstroom per vmbo-vestiging</h3>\n<p>{spread.Length} vo-vestigingen; per vestiging over hoeveel "
                + $"mbo-instellingen de leerlingen gaan, het aandeel van de grootste en de Herfindahl-index (de som van de gekwadrateerde aandelen: 1 = alles "
                + $"naar één instelling).</p>\n"
        );
        h.Append(
            "<table class=\"network\" id=\"uitstroom\">\n<thead><tr><th scope=\"col\">Vo-vestiging</th><th scope=\"col\" "
                + "class=\"num\">Leerlingen</th><th scope=\"col\" class=\"num\">Mbo-instellingen</th><th scope=\"col\">Grootste instelling</th><th "
                + "scope=\"col\" "
                + "class=\"num\">Aandeel grootste</th><th scope=\"col\" class=\"num\">Herfindahl</th></tr></thead>\n<tbody>\n"
        );
        foreach (var v in spread.Take(top))
        {
            var shown = v.Total >= 10;
            h.Append(
                CultureInfo.InvariantCulture,
                $"<tr><td>{E(v.VoVestiging)}</td>{CountCell(v.Total)}<td " + $"class=\"num\">{v.Institutions}</td><td>{E(v.LargestInstelling)}</td>"
            );
            h.Append(shown ? RateCell(v.LargestShare) : Suppressed("–"))
                .Append(shown ? $"<td class=\"num\">{DutchFormat.Number(v.Herfindahl, 3)}</td>" : Suppressed("–"))
                .Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>\n");
    }

    private static void Figure(StringBuilder h, ChartFiles c) =>
        h.Append(
            CultureInfo.InvariantCulture,
            $"<figure class=\"chart\" data-kind=\"{c.Kind}\">\n<img src=\"{E(c.Svg)}\" alt=\"{E(c.Title)}\">\n<figcaption>{E(c.Title)} — <a "
                + $"href=\"{E(c.Png)}\">PNG</a> · <a href=\"{E(c.Svg)}\">SVG</a></figcaption>\n</figure>\n"
        );

    private static string CountCell(long n) => Suppression.Hides(n) ? Suppressed(E(Suppression.Count(n))) : $"<td class=\"num\">{Suppression.Count(n)}</td>";

    private static string RateCell(double? rate) => rate is { } r ? $"<td class=\"num\">{DutchFormat.Percent(r)}</td>" : Suppressed("–");

    private static string Suppressed(string shown) => $"<td class=\"num suppressed\">{shown}<a class=\"note\" href=\"#onderdrukking\">*</a></td>";

    private static string E(string s) => Html.Escape(s);

    private const string Css = """

body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1100px; padding: 1rem 2rem; color: #222; line-height: 1.45; }
h1 { margin-bottom: .3rem; }
.banner.synthetic { background: #fff3cd; border: 2px solid #d39e00; padding: .8rem 1rem; margin: 1rem 0; font-size: 1.1rem; }
dl.meta, dl.definition { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dt { font-weight: 600; }
dd { margin: 0; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
section.indicator { border-top: 1px solid #ccc; margin-top: 1.5rem; }
.id { color: #666; font-weight: normal; }
table { border-collapse: collapse; margin: .8rem 0; }
th, td { border: 1px solid #ddd; padding: .25rem .6rem; }
th { background: #f3f3f3; text-align: left; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.suppressed { color: #777; }
a.note { text-decoration: none; font-size: .8em; vertical-align: super; }
.none { color: #999; }
figure.chart { margin: 1.5rem 0; }
figure.chart img { max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: .9rem; color: #444; }
footer { border-top: 1px solid #ccc; margin-top: 2rem; font-size: .9rem; }

""";
}
