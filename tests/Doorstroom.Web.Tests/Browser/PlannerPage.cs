using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>The planner's what-if form and its answer.</summary>
public sealed class PlannerPage(SitePage page)
{
    public async Task OpenAsync() => await page.GoAsync("/planner");

    /// <summary>Fills the pupil's situation (only what is given) and asks for the plan.</summary>
    public async Task PlanAsync(string on, string school, string? leerweg = null, int? leerjaar = null, string? birthDate = null)
    {
        await page.Page.GetByLabel("Datum van de vraag").FillAsync(on);
        await page.Page.GetByLabel("Schooltype").SelectOptionAsync(school);
        if (leerweg is not null)
            await page.Page.GetByLabel("Leerweg", new() { Exact = true }).SelectOptionAsync(leerweg);
        if (leerjaar is { } lj)
            await page.Page.GetByLabel("Leerjaar", new() { Exact = true }).FillAsync(lj.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (birthDate is not null)
            await page.Page.GetByLabel("Geboortedatum").FillAsync(birthDate);
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Bereken" }).ClickAsync());
    }

    /// <summary>The value a field of the form shows now, found by its label (a select's chosen option value, an input's text).</summary>
    public Task<string> FieldAsync(string label) => page.Page.GetByLabel(label, new() { Exact = true }).InputValueAsync();

    /// <summary>The note that says the form was filled in from a record, or null when there is none.</summary>
    public async Task<string?> PrefilledNoteAsync() =>
        await page.Page.Locator("#ingevuld").CountAsync() == 0 ? null : await page.Page.Locator("#ingevuld").InnerTextAsync();

    /// <summary>Asks for the plan with the form as it is.</summary>
    public Task CalculateAsync() => page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Bereken" }).ClickAsync());

    /// <summary>True when the answer's heading is within the window (after submit the page scrolls to #resultaten).</summary>
    public async Task<bool> AnswerInViewAsync()
    {
        var height = page.Page.ViewportSize?.Height ?? 0;
        var top = await page.Page.EvaluateAsync<double>("() => document.querySelector('#uitkomst').getBoundingClientRect().top");
        // The browser scrolls to the anchor in whole pixels while the layout has fractions (a hint line of 1.4 em): the
        // heading may start a fraction of a pixel above the screen's edge and still be read there.
        return top > -1 && top < height;
    }

    /// <summary>The heading over the open routes, e.g. "Open routes (3)".</summary>
    public Task<string> OpenRoutesHeadingAsync() => page.Page.Locator("#open-routes").InnerTextAsync();

    /// <summary>The heading over the closed routes.</summary>
    public Task<string> ClosedRoutesHeadingAsync() => page.Page.Locator("#dichte-routes").InnerTextAsync();

    /// <summary>How many step bars the pathway timeline draws.</summary>
    public Task<int> TimelineBarsAsync() => page.Page.Locator("svg.pathway-timeline rect.step").CountAsync();

    /// <summary>The accessible name of the timeline image.</summary>
    public Task<string?> TimelineTitleAsync() => page.Page.Locator("svg.pathway-timeline > title").First.TextContentAsync();
}
