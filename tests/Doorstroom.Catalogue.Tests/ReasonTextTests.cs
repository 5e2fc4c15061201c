using System.Text.RegularExpressions;
using Doorstroom.Domain;

namespace Doorstroom.Catalogue.Tests;

/// <summary>
/// Reason and caveat texts are read by pupils (issue 11): they speak to the pupil with "je", never about "de leerling",
/// and carry the rule id in the reason's rule field — which the web shows as a reference — not inside the sentence.
/// </summary>
public sealed partial class ReasonTextTests
{
    [GeneratedRegex(@"(?<![\p{L}\d-])(§\d+(\.\d+)*|[A-Z]\d+(\.\d+)?)(?![\p{L}\d])")]
    private static partial Regex RuleId();

    [GeneratedRegex(@"\b(de|deze) leerling\b", RegexOptions.IgnoreCase)]
    private static partial Regex ThirdPerson();

    [GeneratedRegex(@"\b(je|jij|jou|jouw)\b", RegexOptions.IgnoreCase)]
    private static partial Regex SecondPerson();

    /// <summary>Every text a pupil may read as a reason, a caveat or a note, with where it lives.</summary>
    private static IEnumerable<(string Where, string Text)> PupilTexts()
    {
        var c = TestCatalogue.Catalogue;
        foreach (var (code, t) in c.Reasons)
            yield return ($"reasons.json {code}", t.Text);
        foreach (var r in c.Routes)
        {
            foreach (var reason in Conditions.AllReasons(r.Entry))
                yield return ($"routes/{r.Id}.json {reason.Code}", reason.Text);
            foreach (var caveat in r.Caveats)
                yield return ($"routes/{r.Id}.json {caveat.Reason.Code}", caveat.Reason.Text);
        }
    }

    [Fact]
    public void No_reason_or_caveat_text_names_a_rule_id_inside_the_sentence()
    {
        var offenders = PupilTexts().Where(t => RuleId().IsMatch(t.Text)).Select(t => $"{t.Where}: {RuleId().Match(t.Text).Value}").ToList();

        Assert.True(offenders.Count == 0, "rule ids in texts (put them in the rule field): " + string.Join("; ", offenders));
    }

    [Fact]
    public void No_reason_or_caveat_text_talks_about_the_pupil_in_the_third_person()
    {
        var offenders = PupilTexts().Where(t => ThirdPerson().IsMatch(t.Text)).Select(t => t.Where).ToList();

        Assert.True(offenders.Count == 0, "texts about 'de leerling' instead of 'je': " + string.Join("; ", offenders));
    }

    [Fact]
    public void Every_reason_about_the_pupils_own_facts_speaks_to_the_pupil()
    {
        string[] own =
        [
            "heeft-al-startkwalificatie",
            "leerjaar-onbekend",
            "leerweg-onbekend",
            "bbl-leerplichtig",
            "entree-leerplichtig",
            "aangemeld-na-deadline",
            "route-nog-niet-van-kracht",
        ];
        var texts = TestCatalogue.Catalogue.Reasons;

        Assert.All(own, code => Assert.Matches(SecondPerson(), texts[code].Text));
        Assert.Equal("Je hebt al een startkwalificatie.", texts["heeft-al-startkwalificatie"].Text);
    }

    [Fact]
    public void The_rule_id_pattern_finds_the_ids_it_must_keep_out_of_texts()
    {
        Assert.Matches(RuleId(), "kun je naar mbo-2 (A5/A7).");
        Assert.Matches(RuleId(), "de overstapoptie (R9.4).");
        Assert.Matches(RuleId(), "onzeker, rulebook §14.2");
        Assert.DoesNotMatch(RuleId(), "mbo-2, havo 4, 2018/19, 3→4, Leerplichtwet art. 3b, crebo 25502");
    }
}
