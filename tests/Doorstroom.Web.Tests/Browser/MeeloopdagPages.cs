using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>The mbo intake's meeloopdagen: publish a day, open its participants, record who came.</summary>
public sealed class IntakeMeeloopdagPage(SitePage page)
{
    public async Task OpenAsync() => await page.GoAsync("/intake/meeloopdagen");

    /// <summary>Fills the publish form (at the first location offered) and submits it.</summary>
    public async Task PublishAsync(int crebo, DateOnly on, int places, string? time = null)
    {
        await page.Page.GetByLabel("Crebo van de opleiding").FillAsync(crebo.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Page.GetByLabel("Datum", new() { Exact = true }).FillAsync(on.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await page.Page.GetByLabel("Aantal plaatsen").FillAsync(places.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (time is not null)
            await page.Page.GetByLabel("Tijd (niet verplicht)").FillAsync(time);
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Publiceren" }).ClickAsync());
    }

    /// <summary>Opens the participants of the day on a date (as the page writes it, e.g. "30 november 2026").</summary>
    public async Task OpenDayAsync(string date) =>
        await page.SubmitAsync(() =>
            page.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Deelnemers " + Regex.Escape(date)) }).First.ClickAsync()
        );

    /// <summary>Presses "Bijgewoond" or "Niet verschenen" for a participant (by the name shown).</summary>
    public async Task RecordAsync(string name, bool came) =>
        await page.SubmitAsync(() =>
            page
                .Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{(came ? "Bijgewoond" : "Niet verschenen")}\\W+{Regex.Escape(name)}$") })
                .ClickAsync()
        );

    /// <summary>The status shown for a participant.</summary>
    public async Task<string> StatusAsync(string name) =>
        await page
            .Page.GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.Page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) })
            .Locator(".meeloop-status")
            .InnerTextAsync();
}

/// <summary>The meeloopdagen a pupil (or the decaan for a pupil) signs up for: the days to come and the pupil's own status.</summary>
public sealed class PupilMeeloopdagPage(SitePage page)
{
    public async Task OpenAsync(string path = "/meeloopdagen") => await page.GoAsync(path);

    /// <summary>Presses the sign-up button of the day on a date: "Aanmelden" while there is room, "Op de wachtlijst" when full.</summary>
    public async Task SignUpAsync(string date) =>
        await page.SubmitAsync(() =>
            page.Page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^(Aanmelden|Op de wachtlijst) voor {Regex.Escape(date)}") }).First.ClickAsync()
        );

    /// <summary>The message after a change (or the refusal).</summary>
    public async Task<string> MessageAsync() => await page.Page.Locator("main [role=status], main [role=alert]").First.InnerTextAsync();

    /// <summary>The pupil's status for the day on a date, from "Jouw meeloopdagen".</summary>
    public async Task<string> StatusAsync(string date) =>
        await page
            .Page.GetByRole(AriaRole.Row)
            .Filter(new() { Has = page.Page.GetByRole(AriaRole.Rowheader, new() { NameRegex = new Regex("^" + Regex.Escape(date)) }) })
            .Locator(".meeloop-status")
            .First.InnerTextAsync();
}
