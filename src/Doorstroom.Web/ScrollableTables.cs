using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Doorstroom.Web;

/// <summary>
/// On a phone a table that is not stacked (<c>.stack</c>) scrolls inside its own box (site.css); a box that scrolls must be
/// reachable with the keyboard (WCAG 2.1.1, axe-core's scrollable-region-focusable), so every such table gets
/// <c>tabindex="0"</c>: a keyboard user can focus it and scroll it with the arrow keys. Its name comes from its caption or
/// aria-labelledby. Stacked tables do not scroll and are left alone. (A table inside a synchronous Razor helper
/// method now needs that method to be async: Razor's MVC1006.)
/// </summary>
[HtmlTargetElement("table")]
public sealed class ScrollableTableTagHelper : TagHelper
{
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!ScrollBox.Has(output, "stack"))
            ScrollBox.Focusable(output);
    }
}

internal static class ScrollBox
{
    public static bool Has(TagHelperOutput output, string name) =>
        output.Attributes.TryGetAttribute("class", out var c)
        && (c.Value?.ToString() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(name, StringComparer.Ordinal);

    public static void Focusable(TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("tabindex"))
            output.Attributes.SetAttribute("tabindex", "0");
    }
}
