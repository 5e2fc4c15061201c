using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Doorstroom.Report.Tests;

/// <summary>The page: every section, the definitions, the suppression marks, no pupil keys, nothing external; every chart as PNG and SVG.</summary>
public sealed partial class HtmlReportTests(ReportFolder report) : IClassFixture<ReportFolder>
{
    [Fact]
    public void Page_has_title_date_source_banner_and_every_section()
    {
        var html = report.Html;
        Assert.Contains("<h1>Doorstroommonitor — testrapport</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<dd id=\"gemaakt-op\">2026-11-29</dd>", html, StringComparison.Ordinal);
        Assert.Contains("handgemaakte testtabellen", html, StringComparison.Ordinal);
        Assert.Contains("id=\"synthetisch\"", html, StringComparison.Ordinal);
        foreach (var id in new[] { "indicatoren", "trends", "instellingen", "stroom", "instroom", "uitstroom", "onderdrukking" })
            Assert.Contains($"id=\"{id}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_indicator_shows_its_definition_and_a_table()
    {
        var html = report.Html;
        Assert.Equal(2, Regex.Count(html, "<section class=\"indicator\""));
        Assert.Equal(2, Regex.Count(html, "<table class=\"monitor\">"));
        foreach (var d in new[] { Sample.Doorstroom, Sample.Switch })
        {
            Assert.Contains(System.Net.WebUtility.HtmlEncode(d.Name), html, StringComparison.Ordinal);
            Assert.Contains($"<dt>Regelboek</dt><dd>{d.Id} —", html, StringComparison.Ordinal);
            Assert.Contains($"<dt>Peildatum</dt><dd>{d.Peildatum}</dd>", html, StringComparison.Ordinal);
            Assert.Contains($"<dt>Populatie</dt><dd>{d.Population}</dd>", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Small_counts_show_as_less_than_5_and_small_rates_as_a_dash_with_the_footnote()
    {
        var html = report.Html;
        // vm2 2019: population 3, hits 2 → "<5", "<5", rate "–".
        Assert.Matches(
            "<td>vm2</td><td>2019</td><td class=\"num suppressed\">&lt;5<a class=\"note\" href=\"#onderdrukking\">\\*</a></td><td class=\"num "
                + "suppressed\">&lt;5",
            html
        );
        Assert.Contains("<td class=\"num suppressed\">–<a class=\"note\" href=\"#onderdrukking\">*</a></td>", html, StringComparison.Ordinal);
        // Institution 20MB: 8 pupils (shown), 4 hits ("<5"), rate "–".
        Assert.Contains("<td>20MB</td><td class=\"num\">8</td><td class=\"num suppressed\">&lt;5", html, StringComparison.Ordinal);
        Assert.Contains("DUO", html, StringComparison.Ordinal);
        Assert.Contains("kleiner dan 10", html, StringComparison.Ordinal);
        // A shown rate has a Dutch decimal comma.
        Assert.Matches(@"<td class=""num"">\d{1,3},\d %</td>", html);
    }

    [Fact]
    public void Page_holds_no_pupil_key_no_script_and_no_external_url()
    {
        var html = report.Html;
        Assert.DoesNotContain("SIM-", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(PupilLikeKey(), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("<style>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_chart_is_written_as_a_valid_png_and_svg_and_shown_on_the_page()
    {
        // 2 trend tables + 1 institution table + the flow.
        Assert.Equal(4, report.Files.Charts.Length);
        Assert.Equal(["trend", "trend", "instellingen", "stroom"], report.Files.Charts.Select(c => c.Kind));
        foreach (var chart in report.Files.Charts)
        {
            var png = File.ReadAllBytes(Path.Combine(report.Directory, chart.Png));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            Assert.Equal(960, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4))); // IHDR width
            Assert.Equal(540, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4))); // IHDR height
            Assert.True(png.Length > 5_000, $"{chart.Png} is only {png.Length} bytes");
            var svg = XDocument.Load(Path.Combine(report.Directory, chart.Svg));
            Assert.Equal("svg", svg.Root!.Name.LocalName);
            Assert.Equal("http://www.w3.org/2000/svg", svg.Root.Name.NamespaceName);
            Assert.Contains($"<img src=\"{chart.Svg}\"", report.Html, StringComparison.Ordinal);
            Assert.Contains($"<a href=\"{chart.Png}\">PNG</a>", report.Html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Real_data_has_no_synthetic_banner_and_no_flow_section_without_a_flow_table()
    {
        using var plain = new ReportFolder(Sample.Input(synthetic: false) with { FlowTable = null });
        Assert.DoesNotContain("id=\"synthetisch\"", plain.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"stroom\"", plain.Html, StringComparison.Ordinal);
        Assert.Equal(3, plain.Files.Charts.Length);
    }

    /// <summary>A simulated key (SIM-2020-17) or a nine-digit number like a BSN or onderwijsnummer.</summary>
    [GeneratedRegex(@"SIM-\d|(?<!\d)\d{9}(?!\d)")]
    private static partial Regex PupilLikeKey();
}
