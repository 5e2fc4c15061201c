using System.Text.Json;
using System.Text.RegularExpressions;
using Doorstroom.Domain;

namespace Doorstroom.Catalogue.Tests;

/// <summary>
/// Every catalogue text a pupil, parent or decaan can read is Dutch (issue 14 item 8, docs/voice.md): rule titles and
/// statements (the "Regels" table on /routes/{id} and the title of every rule reference), regime summaries, the
/// route texts, reasons, caveats, source titles and the monitor's indicator definitions (indicators.json, on /monitor and in the report). Maintainer fields
/// (<c>note</c>, <c>basis</c>, aocs.json) are not shown.
/// English is recognised by function words that do not occur in Dutch.
/// </summary>
public sealed partial class DutchTextTests
{
    [GeneratedRegex(@"\b(the|and|must|with|is required|should|which|only|after|before|until|from|may|are|for|not|this|that|there)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWord();

    /// <summary>Every catalogue text shown on a page, with where it lives.</summary>
    private static IEnumerable<(string Where, string Text)> ShownTexts()
    {
        var c = TestCatalogue.Catalogue;
        foreach (var rule in c.Rules.Values)
            yield return ($"rules.json {rule.Id} statement", rule.Statement);
        foreach (var (id, title) in RuleTitles())
            yield return ($"rules.json {id} title", title);
        foreach (var regime in c.Regimes)
            yield return ($"catalogue.json regime {regime.Id}", regime.Summary);
        foreach (var (code, t) in c.Reasons)
            yield return ($"reasons.json {code}", t.Text);
        foreach (var d in c.IndicatorDefinitions)
        {
            yield return ($"indicators.json {d.Indicator} name", d.Name);
            yield return ($"indicators.json {d.Indicator} rule", d.Rule);
            yield return ($"indicators.json {d.Indicator} peildatum", d.Peildatum);
            yield return ($"indicators.json {d.Indicator} population", d.Population);
            yield return ($"indicators.json {d.Indicator} numerator", d.Numerator);
        }
        foreach (var r in c.Routes)
        {
            yield return ($"routes/{r.Id}.json name", r.Name);
            yield return ($"routes/{r.Id}.json aims", r.Aims);
            yield return ($"routes/{r.Id}.json whoMayEnter", r.WhoMayEnter);
            yield return ($"routes/{r.Id}.json outcome", r.Outcome);
            foreach (var reason in Conditions.AllReasons(r.Entry))
                yield return ($"routes/{r.Id}.json {reason.Code}", reason.Text);
            foreach (var caveat in r.Caveats)
            {
                yield return ($"routes/{r.Id}.json {caveat.Reason.Code}", caveat.Reason.Text);
                if (caveat.IfUnknown is { } unknown)
                    yield return ($"routes/{r.Id}.json {unknown.Code}", unknown.Text);
            }
        }
        foreach (var source in CatalogueLoader.Load(DataPaths.DefaultCatalogue()).Sources)
            yield return ($"sources.json {source.Key} title", source.Title);
    }

    /// <summary>The rule titles, which the Domain does not load, read straight from rules.json.</summary>
    private static IEnumerable<(string Id, string Title)> RuleTitles()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(DataPaths.DefaultCatalogue(), "rules.json")));
        return [.. doc.RootElement.GetProperty("rules").EnumerateArray().Select(r => (r.GetProperty("id").GetString()!, r.GetProperty("title").GetString()!))];
    }

    [Fact]
    public void No_catalogue_text_a_user_reads_is_english()
    {
        var texts = ShownTexts().ToList();
        var offenders = texts.Where(t => EnglishWord().IsMatch(t.Text)).Select(t => $"{t.Where}: '{EnglishWord().Match(t.Text).Value}'").ToList();

        Assert.True(texts.Count > 300, $"only {texts.Count} texts checked");
        Assert.True(offenders.Count == 0, $"{offenders.Count} English texts: " + string.Join("; ", offenders));
    }

    [Fact]
    public void The_english_check_finds_english_and_passes_dutch()
    {
        Assert.Matches(EnglishWord(), "A vmbo diploma (any leerweg) is not a startkwalificatie.");
        Assert.Matches(EnglishWord(), "Admission to bbl only for persons whose full leerplicht has ended");
        Assert.Matches(EnglishWord(), "Years 1–2 are the onderbouw");
        Assert.DoesNotMatch(EnglishWord(), "Een vmbo-diploma (van elke leerweg) is geen startkwalificatie.");
        Assert.DoesNotMatch(
            EnglishWord(),
            "Toelating tot de bbl alleen voor wie de volledige leerplicht (Leerplichtwet §2) achter zich heeft; mbo-2, -3 en " + "-4, havo/vwo 3→4."
        );
    }
}
