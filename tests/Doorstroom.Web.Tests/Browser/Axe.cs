using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// axe-core's WCAG 2.1 A and AA rules on the page as it is now, the serious and critical violations one line each.
/// </summary>
/// <remarks>
/// Deque's <c>RunAxe</c> runs axe in two halves to reach into cross-origin frames: it injects axe-core (half a megabyte
/// of script) into the page, and then opens a new browser page to inject it again and join the halves, on every call.
/// A page without frames has nothing to join, so here axe-core (the same script, from Deque's package) is injected once
/// per document and <c>axe.run(document)</c> runs in it, as that package itself does on an axe without the halves; a
/// page with a frame still goes through <c>RunAxe</c>. Same rules, same page, a fraction of the work per check.
/// </remarks>
internal static class Axe
{
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    private static readonly Lazy<string> Source = new(() => new BundledAxeScriptProvider().GetScript());

    public static async Task<List<string>> SeriousViolationsAsync(IPage page, string where)
    {
        var frames = await page.EvaluateAsync<int>("() => document.querySelectorAll('iframe, frame, object, embed').length");
        if (frames > 0)
        {
            var axe = await page.RunAxe(
                new AxeRunOptions
                {
                    RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] },
                }
            );
            return
            [
                .. axe
                    .Violations.Where(v => v.Impact is "serious" or "critical")
                    .SelectMany(v => v.Nodes.Select(n => $"{where}: {v.Id} ({v.Impact}: {v.Help}) at {n.Target}")),
            ];
        }

        if (!await page.EvaluateAsync<bool>("() => typeof window.axe?.run === 'function'"))
            await page.EvaluateAsync(Source.Value);
        var lines = await page.EvaluateAsync<string[]>(
            """
            async tags => {
                const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
                return result.violations
                    .filter(v => v.impact === 'serious' || v.impact === 'critical')
                    .flatMap(v => v.nodes.map(n => `${v.id} (${v.impact}: ${v.help}) at ${n.target.join(' ')}`));
            }
            """,
            Tags
        );
        return [.. lines.Select(l => $"{where}: {l}")];
    }
}
