using System.Net;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Web.Tests;

/// <summary>The institutions pages: search by name or plaats, paging, and one vestiging or institution in full.</summary>
public sealed class InstitutionsPageTests(SiteFactory site)
{
    [Fact]
    public async Task Searching_by_plaats_finds_a_vmbo_school_there_and_not_one_elsewhere()
    {
        (string Brin6, string Naam, string Plaats) school,
            elsewhere;
        using (var connection = site.Site.Database.ConnectMigrated())
        {
            school = connection.QueryFirst<(string, string, string)>(
                "SELECT brin6, naam, plaats FROM vo_vestiging WHERE plaats IS NOT NULL AND brin6 IN (SELECT brin6 FROM vo_leerlingen WHERE leerweg IS NOT "
                    + "NULL) ORDER BY brin6"
            );
            elsewhere = connection.QueryFirst<(string, string, string)>(
                "SELECT brin6, naam, plaats FROM vo_vestiging WHERE plaats IS NOT NULL AND LOWER(plaats) NOT LIKE @like AND LOWER(naam) NOT LIKE @like AND "
                    + "LOWER(brin6) NOT LIKE @like ORDER BY brin6",
                new { like = "%" + school.Plaats.ToLowerInvariant() + "%" }
            );
        }
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(
            await client.GetStringAsync(
                "/instellingen?soort=vo&q=" + Uri.EscapeDataString(school.Plaats.ToUpperInvariant()),
                TestContext.Current.CancellationToken
            )
        );
        Assert.Contains($"<a href=\"/instellingen/vo/{school.Brin6}\">{school.Naam}</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain($"/instellingen/vo/{elsewhere.Brin6}\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_shows_fifty_vestigingen_a_page_with_a_link_to_the_next()
    {
        long total;
        using (var connection = site.Site.Database.ConnectMigrated())
            total = connection.ExecuteScalar<long>("SELECT COUNT(*) FROM vo_vestiging");
        Assert.SkipUnless(total > 50, "fewer than 51 vo vestigingen in the store");
        using var client = site.Anonymous();
        var html = await client.GetStringAsync("/instellingen", TestContext.Current.CancellationToken);
        Assert.Equal(50, RoutesPageTests.CountOf(html, "<a href=\"/instellingen/vo/"));
        Assert.Contains("href=\"/instellingen?soort=vo&amp;pagina=2\" rel=\"next\"", html, StringComparison.Ordinal);
        Assert.Contains($"{DutchFormat.Count(total)} gevonden", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_vestiging_page_shows_its_vmbo_pupils_per_leerweg_of_the_newest_year()
    {
        var school = site.Site.Database is var db ? DemoData.Places(db).School : "";
        long bb;
        using (var connection = site.Site.Database.ConnectMigrated())
            bb = connection.ExecuteScalar<long>(
                "SELECT COALESCE(SUM(aantal), 0) FROM vo_leerlingen WHERE brin6 = @school AND leerweg = 'BL' AND schooljaar = (SELECT MAX(schooljaar) FROM "
                    + "vo_leerlingen)",
                new { school }
            );
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/instellingen/vo/{school}", TestContext.Current.CancellationToken));
        Assert.Contains(
            $"<tr><th scope=\"row\">bb (basisberoepsgericht)</th><td " + $"class=\"num\">{DutchFormat.Count(bb)}</td></tr>",
            html,
            StringComparison.Ordinal
        );

        using var missing = await client.GetAsync("/instellingen/vo/00XX99", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_mbo_institution_page_counts_the_applications_at_its_locations()
    {
        var mbo = DemoData.Places(site.Site.Database).Mbo;
        long applications;
        using (var connection = site.Site.Database.ConnectMigrated())
            applications = connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM event WHERE kind = 'Aangemeld' AND institution IN (SELECT brin6 FROM mbo_locatie WHERE brin4 = @mbo)",
                new { mbo }
            );
        Assert.True(applications > 0, "the demo has applications at the demo mbo");
        using var client = site.Anonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/instellingen/mbo/{mbo}", TestContext.Current.CancellationToken));
        Assert.Contains($"<dt>Aanmeldingen</dt><dd>{DutchFormat.Count(applications)} (gesimuleerd)</dd>", html, StringComparison.Ordinal);

        var list = WebUtility.HtmlDecode(await client.GetStringAsync($"/instellingen?soort=mbo&q={mbo}", TestContext.Current.CancellationToken));
        Assert.Contains($"<a href=\"/instellingen/mbo/{mbo}\">", list, StringComparison.Ordinal);
    }
}
