using Doorstroom.Domain;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// What people do with the site, in a real browser: each journey signs in with the keyboard, walks the pages a person
/// would, checks what they see, and saves a screenshot of every page at 1280×800 and 390×844.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class Journeys(BrowserSite site)
{
    [Fact]
    public async Task A_decaan_opens_the_timeline_of_a_refused_pupil_and_sees_the_signal()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("decaan");
        var pupils = new PupilsPage(page);
        await pupils.OpenListAsync();
        Assert.Equal("Leerlingen van uw school", await page.HeadingAsync());
        await page.ShootAsync("leerlingen");

        await pupils.OpenPupilAsync("Finn Meijer");
        await page.ShootAsync("leerling-tijdlijn");
        var text = await page.MainTextAsync();
        Assert.Contains("DEMO-2027-06", text, StringComparison.Ordinal);
        Assert.Contains("Afgewezen en (nog) niet elders toegelaten", text, StringComparison.Ordinal);
        var timeline = await pupils.TimelineAsync();
        Assert.True(
            timeline.Count >= 5,
            $"the refused pupil's timeline has {timeline.Count} entries; expected enrolment, promotion, application, intake and " + $"refusal"
        );
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }

    [Fact]
    public async Task An_intake_officer_records_an_intake_and_an_admission()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("intake");
        var intake = new IntakePage(page);
        await intake.OpenListAsync();
        await page.ShootAsync("intake");

        await intake.OpenApplicantAsync("Daan Jansen");
        await page.ShootAsync("intake-aanmelder");
        await intake.RecordAsync("positief", "toegelaten");
        var text = await page.MainTextAsync();
        Assert.Contains("Intakegesprek gehouden, uitkomst: positief", text, StringComparison.Ordinal);
        Assert.Contains("Toegelaten tot de opleiding", text, StringComparison.Ordinal);
        await page.ShootAsync("intake-vastgelegd");
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }

    [Fact]
    public async Task An_analyst_filters_the_dashboard_by_cohort_and_the_numbers_narrow()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("analist");
        var monitor = new MonitorPage(page);
        await monitor.OpenAsync();
        await page.ShootAsync("monitor");
        var all = Count(await monitor.PopulationAsync(Indicator.DoorstroomVoMbo));

        // The demo's cohorts are exam years 2024–2027; on 30 November 2026 the 2025 cohort has left vmbo and been counted.
        Assert.Contains("2025", await monitor.ChoicesAsync("Cohort"));
        await monitor.FilterAsync("Cohort", "2025");
        Assert.Contains("Cohort = 2025", await monitor.SelectionAsync(), StringComparison.Ordinal);
        var one = Count(await monitor.PopulationAsync(Indicator.DoorstroomVoMbo));
        Assert.InRange(one, 1, all - 1);
        await page.ShootAsync("monitor-gefilterd");
        Assert.DoesNotContain("DEMO-", await page.MainTextAsync(), StringComparison.Ordinal);

        // Names, not codes: the school filter reads names (a code only with "naam onbekend"), the routes by their catalogue names.
        Assert.All(await monitor.ChoiceTextsAsync("School (vo-vestiging)"), text =>
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(text, "^[0-9]{2}[A-Z]{2}[0-9]{2}$"), $"a bare vestiging code in the filter: {text}")
        );
        Assert.Contains("Normale route", await monitor.ChoiceTextsAsync("Route"));
        Assert.DoesNotContain("normale-route", await monitor.ChoiceTextsAsync("Route"));

        // The Sankey adds up: both columns and the table give the same total, and the chart says what "overige stromen" holds.
        var (left, right) = await monitor.SankeyLabelsAsync();
        var total = Count(await monitor.FlowTotalAsync());
        Assert.Equal(total, left.Sum(Label));
        Assert.Equal(total, right.Sum(Label));
        Assert.StartsWith($"Totaal {await monitor.FlowTotalAsync()} leerlingen", await monitor.SankeyNoteAsync(), StringComparison.Ordinal);
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "monitor-gefilterd");

        // A cohort still in its window is "nog niet af te lezen", not 0 %.
        await monitor.DetailAsync(Indicator.TijdTotStartkwalificatie);
        Assert.Equal("nog niet af te lezen", await monitor.PercentageAsync(Indicator.TijdTotStartkwalificatie));
        Assert.Contains("nog niet af te lezen", await monitor.TrendTableAsync(), StringComparison.Ordinal);
        await page.ShootAsync("monitor-nog-niet-af-te-lezen");
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "monitor-nog-niet-af-te-lezen");
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));

        static long Count(string text) => long.Parse(text.Replace(".", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        static long Label(string text) => Count(text[(text.LastIndexOf('(') + 1)..text.LastIndexOf(')')]);
    }

    [Fact]
    public async Task A_signed_out_visitor_is_sent_to_sign_in_and_a_wrong_role_is_refused()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/leerlingen");
        Assert.Contains("/account/inloggen", page.Page.Url, StringComparison.Ordinal);
        Assert.Equal("Inloggen", await page.HeadingAsync());
        await page.ShootAsync("inloggen");

        await page.SignInAsync("decaan");
        Assert.Contains("/leerlingen", page.Page.Url, StringComparison.Ordinal);
        var response = await page.GoAsync("/monitor");
        Assert.Equal(403, response?.Status);
        Assert.Equal("Geen toegang", await page.HeadingAsync());
        await page.ShootAsync("geen-toegang");

        response = await page.GoAsync("/leerlingen/DEMO-2027-11");
        Assert.Equal(404, response?.Status);
        Assert.DoesNotContain("Yara", await page.MainTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_keeps_the_visitor_out_with_a_message_they_can_read()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("decaan", "verkeerd");
        Assert.Contains("Gebruikersnaam of wachtwoord klopt niet", await page.MainTextAsync(), StringComparison.Ordinal);
        Assert.Equal("alert", await page.Page.Locator("#inlog-fout").GetAttributeAsync("role"));
        await page.ShootAsync("inloggen-fout");
    }

    [Fact]
    public async Task A_pupil_reads_their_timeline_and_plans_routes_on_a_timeline()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("leerling");
        await page.GoAsync("/mijn-tijdlijn");
        var own = await page.MainTextAsync();
        Assert.Contains("Ingeschreven", own, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Finn Meijer", own, StringComparison.Ordinal);
        await page.ShootAsync("mijn-tijdlijn");

        var planner = new PlannerPage(page);
        await planner.OpenAsync();
        await page.ShootAsync("planner");
        // Rulebook case C28: a bb pupil in leerjaar 4 — the normal route to niveau 2 is open, the integrated route (which begins in leerjaar 3) is not.
        await planner.PlanAsync("2026-11-30", "vmbo", "bb", 4, "2010-05-14");
        Assert.Matches(@"Open routes \([1-9]\d*\)", await planner.OpenRoutesHeadingAsync());
        Assert.Matches(@"Niet open \([1-9]\d*\)", await planner.ClosedRoutesHeadingAsync());
        Assert.True(await planner.TimelineBarsAsync() > 0, "the pathways are not drawn on the timeline");
        Assert.False(string.IsNullOrWhiteSpace(await planner.TimelineTitleAsync()), "the timeline image has no title for screen readers");
        Assert.Contains("planner?", page.Page.Url, StringComparison.Ordinal);
        await page.ShootAsync("planner-uitkomst");
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }

    [Fact]
    public async Task Every_page_has_one_h1_a_main_landmark_and_a_label_for_every_field()
    {
        Chromium.Require();
        var places = site.Places;
        (string? Account, string Path, string Name)[] pages =
        [
            (null, "/", "start"),
            (null, "/routes", "routes"),
            (null, "/routes?op=2012-09-01", "routes-2012"),
            (null, "/routes/vm2", "route-vm2"),
            (null, "/instellingen", "instellingen"),
            (null, "/instellingen?soort=mbo", "instellingen-mbo"),
            (null, $"/instellingen/vo/{places.School}", "instelling-vo"),
            (null, $"/instellingen/mbo/{places.Mbo}", "instelling-mbo"),
            (null, "/planner?op=2026-11-30&school=vmbo&leerweg=kb&leerjaar=3", "planner-kb"),
            (null, "/bestaat-niet", "niet-gevonden"),
            ("zorg", "/intake", "intake-zorgcoordinator"),
            ("zorg", "/intake/DEMO-2027-03", "intake-aanmelder-zorgcoordinator"),
            ("analist", "/monitor?indicator=switch", "monitor-switch"),
            ("leerling16", "/mijn-dossier", "mijn-dossier"),
            ("leerling16", "/mijn-dossier/logboek", "mijn-dossier-logboek"),
            ("ouder", "/mijn-dossier", "mijn-dossier-ouder"),
            ("zorgvo", "/dossier", "dossiers-vo"),
            ("zorgvo", "/dossier/DEMO-2027-03", "dossier-school"),
            ("decaan", "/dossier/DEMO-2027-02", "dossier-school-decaan"),
            ("intake", "/intake/dossierverzoeken", "dossierverzoeken"),
            ("beheer", "/beheer", "beheer"),
            ("beheer", "/beheer/accounts", "beheer-accounts"),
            ("beheer", "/beheer/accounts/decaan/wachtwoord", "beheer-wachtwoord"),
            ("beheer", "/beheer/clients", "beheer-clients"),
        ];
        foreach (var group in pages.GroupBy(p => p.Account))
        {
            var page = await SitePage.OpenAsync(site, "/account/inloggen");
            if (group.Key is { } account)
                await page.SignInAsync(account);
            foreach (var (_, path, name) in group)
            {
                await page.GoAsync(path);
                Assert.Equal(1, await page.Page.Locator("h1").CountAsync());
                Assert.Equal(1, await page.Page.Locator("main").CountAsync());
                Assert.Equal("nl", await page.Page.Locator("html").GetAttributeAsync("lang"));
                var unlabelled = await page.Page.EvaluateAsync<string[]>(
                    """
                    () => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
                        .filter(f => f.labels.length === 0 && !f.getAttribute('aria-label') && !f.getAttribute('aria-labelledby'))
                        .map(f => f.name || f.id)
                    """
                );
                Assert.True(unlabelled.Length == 0, $"{path}: fields without a label: {string.Join(", ", unlabelled)}");
                await page.ShootAsync(name);
                // The browser logs the 404 of the page that does not exist as a console error; that one is expected.
                if (path == "/bestaat-niet")
                    page.Errors.RemoveAll(e => e.Contains("404", StringComparison.Ordinal));
            }
            Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
        }
    }
}
