using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>The doubt signals on the decaan's list of pupils: the filter, each row's signals, and the link to a pupil's loopbaandossier.</summary>
public sealed class DoubtSignalsPage(SitePage page)
{
    /// <summary>Chooses a doubt signal in the filter form by its label ("Geen keuze of twijfel", "elk twijfelsignaal") and shows the list.</summary>
    public async Task FilterAsync(string label)
    {
        await page.Page.GetByLabel("Twijfelsignaal", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = label });
        await page.SubmitAsync(() => page.Page.GetByRole(AriaRole.Button, new() { Name = "Toon" }).ClickAsync());
    }

    /// <summary>The pupil numbers of the rows on this page, in order.</summary>
    public Task<string?[]> KeysAsync() => page.Page.Locator("table#leerlingen tbody tr").EvaluateAllAsync<string?[]>("rows => rows.map(r => r.dataset.key)");

    /// <summary>The doubt signals (their query values) of the row of a pupil.</summary>
    public Task<string?[]> SignalsOfAsync(string key) =>
        page.Page.Locator($"table#leerlingen tbody tr[data-key='{key}'] li.doubt").EvaluateAllAsync<string?[]>("items => items.map(i => i.dataset.doubt)");

    /// <summary>The text of the doubt signals cell of a pupil: labels, sentences and next steps.</summary>
    public Task<string> DoubtTextAsync(string key) =>
        page.Page.Locator($"table#leerlingen tbody tr[data-key='{key}'] td[data-label='Twijfelsignalen en volgende stap']").InnerTextAsync();

    /// <summary>The loopbaandossier link of a pupil's row.</summary>
    public ILocator LoopbaanLink(string key) => page.Page.Locator($"table#leerlingen tbody tr[data-key='{key}'] a.loopbaan-link");

    /// <summary>Follows a pupil's loopbaandossier link.</summary>
    public async Task OpenLoopbaanAsync(string key)
    {
        await LoopbaanLink(key).ClickAsync();
        await page.Page.WaitForURLAsync("**/loopbaan");
    }
}
