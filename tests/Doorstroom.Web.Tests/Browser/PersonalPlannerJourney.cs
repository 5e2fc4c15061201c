namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// A pupil's prefilled planner (issue 14 item 2): the demo leerling signs in, opens the planner, finds her own school,
/// leerweg, leerjaar and birth date already in the form with a note that says so, and "Bereken" brings the answer into
/// view; at 1280×800 and at 390×844, with axe-core and no sideways scroll.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class PersonalPlannerJourney(BrowserSite site)
{
    [Theory]
    [InlineData(1280, 800)]
    [InlineData(390, 844)]
    public async Task A_pupils_prefilled_planner(int width, int height)
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.Page.SetViewportSizeAsync(width, height);
        await page.SignInAsync("leerling");
        var planner = new PlannerPage(page);
        await planner.OpenAsync();

        var note = await planner.PrefilledNoteAsync();
        Assert.NotNull(note);
        Assert.Contains("Ingevuld uit je eigen gegevens", note, StringComparison.Ordinal);
        Assert.Equal("vmbo", await planner.FieldAsync("Schooltype"));
        Assert.Equal("kb", await planner.FieldAsync("Leerweg"));
        Assert.Equal("4", await planner.FieldAsync("Leerjaar"));
        Assert.Equal("normale-route", await planner.FieldAsync("Route waarop de leerling nu zit"));
        Assert.Equal("2011-04-02", await planner.FieldAsync("Geboortedatum")); // demo pupil 01 of the 2027 cohort (DemoData.Stories)
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, $"planner ingevuld {width}x{height}");
        await page.ShootAsync("planner-ingevuld-leerling");
        await page.Page.SetViewportSizeAsync(width, height);

        await planner.CalculateAsync();
        Assert.True(await planner.AnswerInViewAsync(), "after Bereken the answer is not on screen");
        Assert.Contains("Open routes", await planner.OpenRoutesHeadingAsync(), StringComparison.Ordinal);
        Assert.Equal("kb", await planner.FieldAsync("Leerweg")); // the answer keeps the pupil's values in the form
        var open = await page.Page.Locator("tr.route-open[data-route='normale-route'] td").First.InnerTextAsync();
        Assert.Equal("zit hier al op", open.Trim());
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, $"planner uitkomst {width}x{height}");
        await page.ShootAsync("planner-uitkomst-leerling");
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }

    [Fact]
    public async Task A_decaan_plans_for_a_pupil_from_the_pupils_page()
    {
        Chromium.Require();
        var page = await SitePage.OpenAsync(site, "/account/inloggen");
        await page.SignInAsync("decaan");
        var pupils = new PupilsPage(page);
        await pupils.OpenListAsync();
        await pupils.OpenPupilAsync("Finn Meijer");
        await pupils.PlanForPupilAsync();

        var planner = new PlannerPage(page);
        var note = await planner.PrefilledNoteAsync();
        Assert.NotNull(note);
        Assert.Contains("Ingevuld uit de gegevens van Finn Meijer.", note, StringComparison.Ordinal);
        Assert.Equal("kb", await planner.FieldAsync("Leerweg"));
        Assert.Equal("4", await planner.FieldAsync("Leerjaar"));
        await BeheerJourney.AccessibleAndNarrowAsync(page.Page, "planner ingevuld door decaan");
        await page.ShootAsync("planner-ingevuld-decaan");
        await planner.CalculateAsync();
        Assert.DoesNotContain("leerling=", page.Page.Url, StringComparison.Ordinal); // the plan's address names no pupil
        Assert.True(await planner.AnswerInViewAsync(), "after Bereken the answer is not on screen");
        Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }
}
