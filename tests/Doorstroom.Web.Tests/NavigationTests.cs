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
        var menu = Menu(home);
        foreach (var link in shown)
            Assert.Contains($"href=\"{link}\"", menu, StringComparison.Ordinal);
        foreach (var link in hidden)
            Assert.DoesNotContain($"href=\"{link}\"", menu, StringComparison.Ordinal);
    }

    private static string Menu(string html) =>
        html[html.IndexOf("aria-label=\"Hoofdmenu\"", StringComparison.Ordinal)..html.IndexOf("</nav>", StringComparison.Ordinal)];

    private static IEnumerable<string> Links(string html) =>
        System.Text.RegularExpressions.Regex.Matches(html, "href=\"(/[^\"]*)\"").Select(m => m.Groups[1].Value);

    public static TheoryData<string> Accounts => [.. DemoData.AccountList.Select(a => a.Username)];

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task The_home_page_lists_every_page_the_menu_offers_the_role(string account)
    {
        using var client = await site.SignedIn(account);
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        var cards = home[home.IndexOf("<ul class=\"cards\">", StringComparison.Ordinal)..];
        cards = cards[..cards.IndexOf("</ul>", StringComparison.Ordinal)];
        var menu = Links(Menu(home)).ToHashSet();
        Assert.NotEmpty(menu);
        Assert.Equal(menu, Links(cards).ToHashSet());
    }

    [Fact]
    public async Task The_sign_in_card_names_pupils_and_parents()
    {
        using var client = site.Anonymous();
        var home = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("Leerlingen en ouders loggen in met", home, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Accounts))]
    public async Task The_header_names_the_role_once(string account)
    {
        using var client = await site.SignedIn(account);
        var home = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/", TestContext.Current.CancellationToken));
        var who = home[home.IndexOf("<div class=\"who\">", StringComparison.Ordinal)..];
        who = who[(who.IndexOf("<span>", StringComparison.Ordinal) + 6)..who.IndexOf("</span>", StringComparison.Ordinal)];
        var role = DemoData.AccountList.Single(a => a.Username == account).Role;
        var word = Roles.Title(role).Split(' ')[0];
        Assert.Equal(
            1,
            System.Text.RegularExpressions.Regex.Count(
                who,
                System.Text.RegularExpressions.Regex.Escape(word),
                System.Text.RegularExpressions.RegexOptions.IgnoreCase
            )
        );
    }

    [Fact]
    public void The_header_adds_the_role_when_the_name_does_not_say_it()
    {
        Assert.Equal("Jan Smit · Decaan / mentor", Roles.Label("Jan Smit", Roles.Decaan));
        Assert.Equal("Analist", Roles.Label("Analist", Roles.Analist));
    }

    [Theory]
    [InlineData("zorgvo", "/intake")]
    [InlineData("zorgvo", "/intake/dossierverzoeken")]
    [InlineData("zorgvo", "/intake/DEMO-KEY")]
    [InlineData("zorg", "/dossier")]
    [InlineData("zorg", "/leerlingen")]
    [InlineData("intake", "/dossier")]
    public async Task A_page_hidden_from_the_menu_is_also_closed(string account, string path)
    {
        using var client = await site.SignedIn(account);
        var url = path.Replace("DEMO-KEY", DemoData.PupilKey(SiteFactory.Today, 3), StringComparison.Ordinal);
        await PageText.AssertForbidden(client, await client.GetAsync(url, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_monitor_filters_show_schools_and_institutions_by_name_with_the_code_as_value()
    {
        using var client = await site.SignedIn("analist");
        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/monitor", TestContext.Current.CancellationToken));
        var places = DemoData.Places(site.Site.Database);
        var names = MonitorNames.Of(site.Site);
        var mboName = names.Name(Domain.Dimension.MboInstelling, places.Mbo);
        Assert.Equal(Storage.InstitutionNames.Of(site.Site.Database, places.Mbo), mboName);
        Assert.Contains($"<option value=\"{places.Mbo}\">{mboName}</option>", html, StringComparison.Ordinal);
        Assert.Contains(
            $"<option value=\"{places.School}\">{names.Name(Domain.Dimension.VoVestiging, places.School)}</option>",
            html,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain($"{places.Mbo} — ", html, StringComparison.Ordinal);
    }
}
