using System.Net;
using System.Text.RegularExpressions;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Doorstroom.Web.Pages.Planner;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The personal planner (issue 14 item 2): a pupil's or parent's planner opens filled in from the pupil's record, a decaan's
/// for a pupil of their own school only; anyone still gets the empty what-if form. And the timeline's route words (item 9).
/// </summary>
public sealed partial class PersonalPlannerTests(SiteFactory site)
{
    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The value of the selected option of a select, or null when none is marked selected.</summary>
    private static string? Selected(string html, string name)
    {
        var select = Regex.Match(html, $"<select id=\"{name}\"[^>]*>(.*?)</select>", RegexOptions.Singleline);
        Assert.True(select.Success, $"the form has no select {name}");
        var option = Regex.Match(select.Groups[1].Value, "<option value=\"([^\"]*)\" selected=\"selected\">");
        return option.Success && option.Groups[1].Value.Length > 0 ? option.Groups[1].Value : null;
    }

    /// <summary>The value of an input, or null when it has none.</summary>
    private static string? Value(string html, string name)
    {
        var input = Regex.Match(html, $"<input type=\"[a-z]+\" id=\"{name}\" name=\"{name}\" value=\"([^\"]*)\"");
        return input.Success ? input.Groups[1].Value : null;
    }

    private static List<AuditEntry> Reads(SiteFactory site, string pupil, string view) =>
        [.. AuditLog.ForPupil(site.Site.Database, pupil).Where(e => e.Action == ReadLog.Action && e.Purpose == view)];

    [Fact]
    public async Task A_pupils_planner_opens_filled_in_from_their_own_record_and_says_so()
    {
        using var client = await site.SignedIn("leerling");
        var before = Reads(site, Key(1), PupilView.OwnPlanner).Count;
        var html = await client.GetStringAsync("/planner", Ct);

        // Demo pupil 01: kb, promoted to leerjaar 4 on 1 August 2026, on the normal route ("regulier" in the school's system).
        Assert.Equal("vmbo", Selected(html, "school"));
        Assert.Equal("kb", Selected(html, "leerweg"));
        Assert.Equal("4", Value(html, "leerjaar"));
        Assert.Equal("normale-route", Selected(html, "route"));
        Assert.Equal("2026-11-30", Value(html, "op"));
        var birth = PupilDirectory.Attributes(site.Site.Database, Key(1))!.Value.BirthDate!.Value;
        Assert.Equal(birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Value(html, "geboortedatum"));
        Assert.Null(Selected(html, "sector")); // the store keeps none: not guessed
        Assert.Contains("Ingevuld uit je eigen gegevens.", html, StringComparison.Ordinal);
        Assert.Contains("Je kunt alles veranderen", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/planner?leeg=ja\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"resultaten\"", html, StringComparison.Ordinal); // filled in, not yet asked
        Assert.Equal(before + 1, Reads(site, Key(1), PupilView.OwnPlanner).Count);
    }

    [Fact]
    public async Task A_parents_planner_is_filled_in_from_their_childs_record_with_the_application()
    {
        using var client = await site.SignedIn("ouder");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/planner", Ct));

        // Demo pupil 02: tl, applied 20 days ago to a bol programme of niveau 4.
        Assert.Equal("tl", Selected(html, "leerweg"));
        Assert.Equal("4", Value(html, "leerjaar"));
        Assert.Equal("2026-11-10", Value(html, "aangemeld"));
        Assert.Equal("bol", Selected(html, "mboleerweg"));
        Assert.Equal("mbo-4", Selected(html, "doel"));
        Assert.Contains("Ingevuld uit de gegevens van je kind.", html, StringComparison.Ordinal);
        Assert.Contains("datum van aanmelding", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_sign_in_or_when_asked_for_an_empty_form_the_planner_is_the_empty_what_if_form()
    {
        using var anonymous = site.Anonymous();
        var html = await anonymous.GetStringAsync("/planner", Ct);
        Assert.Null(Selected(html, "leerweg"));
        Assert.Null(Value(html, "leerjaar") is { Length: > 0 } v ? v : null);
        Assert.DoesNotContain("id=\"ingevuld\"", html, StringComparison.Ordinal);

        using var pupil = await site.SignedIn("leerling");
        var empty = await pupil.GetStringAsync("/planner?leeg=ja", Ct);
        Assert.Null(Selected(empty, "leerweg"));
        Assert.DoesNotContain("id=\"ingevuld\"", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"resultaten\"", empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_decaan_opens_the_planner_for_a_pupil_of_their_school_from_the_pupils_page()
    {
        using var client = await site.SignedIn("decaan");
        var page = await client.GetStringAsync("/leerlingen/" + Key(6), Ct);
        Assert.Contains($"<a href=\"/planner?leerling={Key(6)}\">Plan voor deze leerling</a>", page, StringComparison.Ordinal);

        var before = Reads(site, Key(6), PupilView.SchoolPlanner).Count;
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/planner?leerling=" + Key(6), Ct));
        // Demo pupil 06: kb, applied for niveau 3 and refused: the date counts, the refused level is no goal.
        Assert.Equal("kb", Selected(html, "leerweg"));
        Assert.Equal("4", Value(html, "leerjaar"));
        Assert.Equal("2026-10-26", Value(html, "aangemeld"));
        Assert.Equal("startkwalificatie", Selected(html, "doel"));
        Assert.Contains("Ingevuld uit de gegevens van Finn Meijer.", html, StringComparison.Ordinal);
        Assert.Contains("U kunt alles veranderen", html, StringComparison.Ordinal);
        Assert.Equal(before + 1, Reads(site, Key(6), PupilView.SchoolPlanner).Count);
    }

    [Fact]
    public async Task The_decaan_of_another_school_cannot_open_the_planner_for_a_pupil_not_theirs()
    {
        using var other = await site.SignedIn("decaan2");
        using (var response = await other.GetAsync("/planner?leerling=" + Key(6), Ct))
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("Finn", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }
        using var decaan = await site.SignedIn("decaan");
        using (var response = await decaan.GetAsync("/planner?leerling=" + Key(11), Ct))
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(Reads(site, Key(11), PupilView.SchoolPlanner));
    }

    [Fact]
    public async Task Only_a_decaan_may_name_a_pupil_a_pupil_is_refused_and_a_visitor_sent_to_sign_in()
    {
        using var pupil = await site.SignedIn("leerling");
        await PageText.AssertForbidden(pupil, await pupil.GetAsync("/planner?leerling=" + Key(6), Ct));
        using var anonymous = site.Anonymous();
        using var response = await anonymous.GetAsync("/planner?leerling=" + Key(6), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/inloggen", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_route_the_pupil_is_already_on_shows_no_entry_date()
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/planner?op=2026-11-30&school=vmbo&leerweg=kb&leerjaar=4&route=normale-route", Ct));
        var row = Regex.Match(html, "<tr class=\"route-open\" data-route=\"normale-route\">.*?</tr>", RegexOptions.Singleline);
        Assert.True(row.Success, "the normal route is not open");
        Assert.Contains("zit hier al op", row.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("30 nov.", row.Value, StringComparison.Ordinal);

        var wrong = WebUtility.HtmlDecode(await client.GetStringAsync("/planner?op=2026-11-30&school=vmbo&route=geen-route", Ct));
        Assert.Contains("De planner kent geen route 'geen-route'; kies er een uit de lijst.", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"resultaten\"", wrong, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_step_of_a_pathway_is_labelled_with_its_route_by_name_and_how_long_it_takes()
    {
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/planner?op=2026-11-30&school=vmbo&leerweg=bb&leerjaar=4", Ct));
        var table = html[html.IndexOf("class=\"pathway-table\"", StringComparison.Ordinal)..];
        // The rest of vmbo on the normal route from today, then mbo niveau 2 from 1 August 2027 (an mbo step after the
        // route's own steps belongs to no route and shows only its years).
        Assert.Contains("<td>vmbo bb<br><span class=\"muted\">Normale route · nog 1 jaar</span></td>", table, StringComparison.Ordinal);
        Assert.Matches("<td>mbo niveau 2 bol<br><span class=\"muted\">(Normale route · )?[1-9](–[1-9])? jaar</span></td>", table);
        Assert.DoesNotContain(">normale-route<", table, StringComparison.Ordinal);
    }

    [Fact]
    public void A_step_that_begins_on_1_August_counts_whole_school_years_and_one_begun_during_the_year_says_nog()
    {
        var mbo = new Step("normale-route", SchoolType.Mbo, 3, Leerweg.Bol, new(2027, 8, 1), new(2029, 7, 31), new(2030, 7, 31), DiplomaKind.Mbo3, "A1", null);
        Assert.Equal("2–3 jaar", DutchText.StepDuration(mbo));
        var rest = new Step(
            "normale-route",
            SchoolType.Vmbo,
            null,
            Leerweg.Kb,
            new(2026, 11, 30),
            new(2027, 7, 31),
            new(2027, 7, 31),
            DiplomaKind.VmboKb,
            "R1.1",
            null
        );
        Assert.Equal("nog 1 jaar", DutchText.StepDuration(rest));
    }

    [Fact]
    public void The_form_filled_in_from_a_situation_reads_back_as_the_same_situation()
    {
        var situation = new Situation(new DateOnly(2026, 11, 30), SchoolType.Vmbo)
        {
            Leerweg = Leerweg.Gl,
            Leerjaar = 4,
            Sector = Sector.Zw,
            BirthDate = new DateOnly(2010, 5, 14),
            Diplomas = [new Diploma(DiplomaKind.VmboGl, ExtraVak: true)],
            Goal = Goal.Mbo4,
            WantsSector = Sector.Eo,
            MboLeerweg = Leerweg.Bbl,
            SureOfChoice = true,
            AtRiskOfNoDiploma = false,
            AppliedOn = new DateOnly(2026, 10, 1),
        };
        var form = PlannerForm.From(situation, "normale-route");
        var (read, errors) = form.Read();

        Assert.Empty(errors);
        Assert.Equal("normale-route", form.Route);
        Assert.NotNull(read);
        Assert.Equal(situation with { Diplomas = [] }, read with { Diplomas = [] });
        Assert.Equal([(DiplomaKind.VmboGl, true)], read.Diplomas.Select(d => (d.Kind, d.ExtraVak)));
    }

    [Fact]
    public async Task The_pupils_timeline_names_the_route_not_its_code()
    {
        using var client = await site.SignedIn("leerling");
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/mijn-tijdlijn", Ct));
        Assert.Contains(" · Normale route</span>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("regulier", html, StringComparison.Ordinal);
    }

    [Fact]
    public void An_mbo_enrolment_names_its_route_and_how_long_such_a_programme_takes_and_an_unknown_route_is_left_out()
    {
        var catalogue = site.Site.Catalogue;
        var on = new DateOnly(2026, 8, 1);
        var years = catalogue.DurationsOn(on).Levels[MboLevel.Vak];
        Assert.Equal(
            $"Normale route · opleiding van {DutchText.Years(years)}",
            EventText.Route(new("P", on, EventKind.Ingeschreven, "25PJ00", Leerweg.Bol, Niveau: 3, Crebo: 25003, Route: "normale-route"), catalogue)
        );
        Assert.Equal(
            "Vakmanschapsroute",
            EventText.Route(new("P", on, EventKind.Bevorderd, "25AB00", Leerweg.Kb, Leerjaar: 4, Route: "vakmanschapsroute"), catalogue)
        );
        Assert.Equal("", EventText.Route(new("P", on, EventKind.Bevorderd, "25AB00", Leerweg.Kb, Leerjaar: 4, Route: "iets-anders"), catalogue));
        Assert.Equal("", EventText.Route(new("P", on, EventKind.Aangemeld, "25PJ00", Leerweg.Bol, Niveau: 3, Route: "normale-route"), catalogue));
    }
}
