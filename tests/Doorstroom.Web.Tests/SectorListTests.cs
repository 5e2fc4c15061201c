using System.Net;
using System.Text.RegularExpressions;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The planner's sector list (issue 14 item 8): every vmbo profiel by its full Dutch name with the code schools use,
/// every choice once, the sectors of tl (and of every leerweg before 2016) named as sectors.
/// </summary>
public sealed partial class SectorListTests(SiteFactory site)
{
    [GeneratedRegex("<option value=\"([^\"]*)\"[^>]*>([^<]*)</option>")]
    private static partial Regex Option();

    private async Task<List<(string Value, string Text)>> OptionsAsync(string select)
    {
        using var client = site.Anonymous();
        var html = await client.GetStringAsync("/planner", TestContext.Current.CancellationToken);
        var start = html.IndexOf($"<select id=\"{select}\"", StringComparison.Ordinal);
        Assert.True(start > 0, $"the planner has no list {select}");
        var list = html[start..html.IndexOf("</select>", start, StringComparison.Ordinal)];
        return [.. Option().Matches(list).Select(m => (m.Groups[1].Value, WebUtility.HtmlDecode(m.Groups[2].Value).Trim())).Where(o => o.Item1.Length > 0)];
    }

    [Theory]
    [InlineData("sector")]
    [InlineData("wilsector")]
    public async Task The_sector_list_shows_each_profiel_with_its_full_name_exactly_once(string select)
    {
        var options = await OptionsAsync(select);
        var texts = options.Select(o => o.Text).ToList();

        string[] profielen =
        [
            "Bouwen, wonen en interieur (BWI)",
            "Produceren, installeren en energie (PIE)",
            "Mobiliteit en transport (M&T)",
            "Media, vormgeving en ICT (MVI)",
            "Maritiem en techniek (MaT)",
            "Zorg en welzijn (Z&W)",
            "Economie en ondernemen (E&O)",
            "Horeca, bakkerij en recreatie (HBR)",
            "Dienstverlening en producten (D&P)",
        ];
        foreach (var profiel in profielen)
            Assert.Equal(1, texts.Count(t => t == profiel));
        Assert.Equal(1, texts.Count(t => t.StartsWith("Groen", StringComparison.Ordinal)));
        foreach (var sector in new[] { "Techniek (sector)", "Zorg en welzijn (sector)", "Economie (sector)" })
            Assert.Equal(1, texts.Count(t => t == sector));

        Assert.Equal(13, options.Count);
        Assert.Equal(options.Count, options.Select(o => o.Value).Distinct().Count());
        Assert.Equal(options.Count, texts.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.DoesNotContain("landbouw", options.Select(o => o.Value));
        Assert.DoesNotContain(texts, t => Regex.IsMatch(t, "^[A-Z&]+$"));
    }

    [Fact]
    public async Task The_sector_list_says_who_has_a_profiel_and_who_a_sector()
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/planner", TestContext.Current.CancellationToken));

        Assert.Contains(
            "<p class=\"hint muted\" id=\"sector-hint\">bb, kb en gl hebben sinds 2016 een profiel; de tl (en vóór 2016 elke leerweg) een " + "sector</p>",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("aria-describedby=\"sector-hint\"", html, StringComparison.Ordinal);
    }
}
