using Dapper;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Doorstroom.Web.Tests;

/// <summary>Care data is sealed at rest and never reaches the audit log; the pupil still reads it in clear.</summary>
public sealed class DossierProtectionTests(SiteFactory site)
{
    [Fact]
    public void A_care_entry_is_stored_encrypted_and_read_back_in_clear_by_the_pupil()
    {
        var dossier = site.Services.GetRequiredService<DossierService>();
        var places = DemoData.Places(site.Site.Database);
        var school = new Caller("zorgvo", Roles.Zorgcoordinator, places.School, null);
        var pupil = DemoData.PupilKey(SiteFactory.Today, 3);
        var secret = "Zorg-geheim " + Guid.NewGuid().ToString("n");

        var written = dossier.Write(school, pupil, DossierCategory.Zorg, DossierStore.Note, SiteFactory.Today, secret);
        Assert.NotNull(written.Value);

        using (var connection = site.Site.Database.ConnectMigrated())
        {
            var (body, @sealed) = connection.QuerySingle<(string, long)>(
                "SELECT body, sealed FROM dossier_entry WHERE id = " + "@id",
                new { id = written.Value.Id }
            );
            Assert.Equal(1, @sealed);
            Assert.DoesNotContain(secret, body, StringComparison.Ordinal);
            Assert.DoesNotContain("Zorg-geheim", body, StringComparison.Ordinal);
            Assert.Equal(
                0,
                connection.ExecuteScalar<long>(
                    "SELECT COUNT(*) FROM audit_log WHERE actor LIKE @s OR purpose LIKE @s OR outcome LIKE @s OR action LIKE @s",
                    new { s = "%Zorg-geheim%" }
                )
            );
        }

        var own = dossier.OwnEntries(new Caller("leerling16", Roles.Leerling, null, pupil));
        Assert.Contains(own!.Value, e => e.Category == DossierCategory.Zorg && e.Body == secret && !e.Sealed);
    }

    [Fact]
    public void An_okr_entry_is_stored_as_written()
    {
        var dossier = site.Services.GetRequiredService<DossierService>();
        var places = DemoData.Places(site.Site.Database);
        var written = dossier.Write(
            new Caller("zorgvo", Roles.Zorgcoordinator, places.School, null),
            DemoData.PupilKey(SiteFactory.Today, 3),
            DossierCategory.Loopbaan,
            DossierStore.Note,
            SiteFactory.Today,
            "LOB-gesprek gehouden"
        );
        using var connection = site.Site.Database.ConnectMigrated();
        Assert.Equal(
            ("LOB-gesprek gehouden", 0L),
            connection.QuerySingle<(string, long)>("SELECT body, sealed FROM dossier_entry WHERE id = " + "@id", new { id = written.Value!.Id })
        );
    }
}
