namespace Doorstroom.Web.Tests;

/// <summary>The menu offers each role what it may use, by the side of the institution it is bound to.</summary>
public sealed class NavigationTests(SiteFactory site)
{
    [Theory]
    [InlineData("zorgvo", new[] { "/dossier" }, new[] { "/intake", "/intake/dossierverzoeken", "/leerlingen" })]
    [InlineData("zorg", new[] { "/intake", "/intake/dossierverzoeken" }, new[] { "/dossier", "/leerlingen" })]
    [InlineData("decaan", new[] { "/leerlingen", "/dossier" }, new[] { "/intake", "/monitor" })]
    [InlineData("analist", new[] { "/monitor" }, new[] { "/leerlingen", "/intake", "/dossier", "/mijn-dossier" })]
    [InlineData("ouder", new[] { "/mijn-dossier" }, new[] { "/mijn-tijdlijn", "/leerlingen", "/intake" })]
    public async Task The_menu_shows_a_role_its_own_pages_and_no_others(string account, string[] shown, string[] hidden)
    {
        using var client = await site.SignedIn(account);
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var menu = home[home.IndexOf("aria-label=\"Hoofdmenu\"", StringComparison.Ordinal)..home.IndexOf("</nav>", StringComparison.Ordinal)];
        foreach (var link in shown) Assert.Contains($"href=\"{link}\"", menu, StringComparison.Ordinal);
        foreach (var link in hidden) Assert.DoesNotContain($"href=\"{link}\"", menu, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_monitor_filters_name_schools_and_institutions_beside_their_codes()
    {
        using var client = await site.SignedIn("analist");
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/monitor", TestContext.Current.CancellationToken));
        var places = DemoData.Places(site.Site.Database);
        var mboName = Storage.InstitutionNames.Of(site.Site.Database, places.Mbo);
        Assert.NotEqual(places.Mbo, mboName);
        Assert.Contains($"{places.Mbo} — {mboName}", html, StringComparison.Ordinal);
        Assert.Contains($"{places.School} — {Storage.InstitutionNames.Of(site.Site.Database, places.School)}", html, StringComparison.Ordinal);
    }
}
