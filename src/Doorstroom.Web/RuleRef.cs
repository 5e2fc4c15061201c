using System.Text.Encodings.Web;
using Doorstroom.Domain;
using Microsoft.AspNetCore.Html;

namespace Doorstroom.Web;

/// <summary>
/// The rule id behind a reason as a small reference after the sentence, never inside it (issue 11): visible text
/// "regel R6.2" (so not colour-only, and read out as such), a link to the rule on the route's page where the route lists
/// it, else to the rule's first source, else plain text; the title names the rule's rulebook statement.
/// </summary>
public static class RuleRef
{
    /// <summary>The fragment id of a rule in the "Regels" table of /routes/{id}: "regel-R6.2", "regel-par5.1".</summary>
    public static string Anchor(string rule) => "regel-" + rule.Replace("§", "par", StringComparison.Ordinal);

    /// <summary>The reference to <paramref name="rule"/>, linked to <paramref name="route"/>'s page when that route lists it.</summary>
    public static IHtmlContent Html(SiteServices site, string rule, string? route = null, Confidence confidence = Confidence.High)
    {
        ArgumentNullException.ThrowIfNull(site);
        var catalogue = site.Catalogue;
        var known = catalogue.Rules.GetValueOrDefault(rule);
        string? href = null;
        if (route is not null && catalogue.FindRoute(route) is { } r && r.Rules.Contains(rule))
            href = $"/routes/{r.Id}#{Anchor(rule)}";
        else if (known is not null)
        {
            foreach (var key in known.Sources)
            {
                if (site.Sources.FirstOrDefault(s => s.Key == key)?.Url is { Length: > 0 } url)
                {
                    href = url;
                    break;
                }
            }
        }
        var e = HtmlEncoder.Default;
        var label = "regel " + rule;
        var title = known is null ? null : $" title=\"{e.Encode("Regel " + rule + " van het regelboek: " + known.Statement)}\"";
        var body = href is null
            ? $"<span{title}>{e.Encode(label)}</span>"
            : $"<a href=\"{e.Encode(href)}\"{title}{(href.StartsWith('/') ? "" : " rel=\"noopener\"")}>{e.Encode(label)}</a>";
        var unsure = confidence == Confidence.Low ? ", onzeker" : "";
        return new HtmlString($"<small class=\"rule-ref\">({body}{unsure})</small>");
    }
}
