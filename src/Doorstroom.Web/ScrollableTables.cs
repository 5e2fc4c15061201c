using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Doorstroom.Web;

/// <summary>
/// On a phone a table that is not stacked (<c>.stack</c>) scrolls inside its own box (site.css); a box that scrolls must be
/// reachable with the keyboard (WCAG 2.1.1, axe-core's scrollable-region-focusable), so every such table gets
/// <c>tabindex="0"</c>: a keyboard user can focus it and scroll it with the arrow keys. Its name comes from its caption or
/// aria-labelledby. Stacked tables do not scroll and are left alone.
/// </summary>
[HtmlTargetElement("table")]
public sealed class ScrollableTableTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var classes = output.Attributes.TryGetAttribute("class", out var c) ? c.Value?.ToString() ?? "" : "";
        if (classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("stack", StringComparer.Ordinal)) return;
        if (!output.Attributes.ContainsName("tabindex")) output.Attributes.SetAttribute("tabindex", "0");
    }
}
