using Dapper;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The dossier service writes each entry, release, request and consent change in one transaction with its audit line
/// (issue 12, finding 7): when the audit append fails, nothing of the write remains. Runs on a private copy of the demo
/// store, so the failure injected there touches no other test.
/// </summary>
public sealed class DossierAtomicityTests(SiteFactory site) : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-atomic-").FullName;

    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    /// <summary>A site and dossier service on a copy of the demo store whose audit log refuses every insert.</summary>
    private (SiteServices Site, DossierService Dossier) Broken()
    {
        var copy = Path.Combine(folder, "copy.db");
        using (var source = new SqliteConnection($"Data Source={site.DatabaseFile}"))
        using (var target = new SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            source.Open();
            target.Open();
            source.BackupDatabase(target);
            target.Execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END;");
        }
        var broken = new SiteServices(new SiteOptions { Database = copy }, new TestClock(SiteFactory.Now));
        return (broken, new DossierService(broken, new EphemeralDataProtectionProvider()));
    }

    [Fact]
    public void A_dossier_entry_whose_audit_line_fails_is_not_stored()
    {
        var (broken, dossier) = Broken();
        var places = DemoData.Places(broken.Database);
        var before = DossierStore.Entries(broken.Database, Key(3));
        var decaan = new Caller("demo-decaan", Roles.Decaan, places.School, null);
        Assert.ThrowsAny<SqliteException>(() => dossier.Write(decaan, Key(3), DossierCategory.Advies, DossierStore.Note, SiteFactory.Today, "zonder logregel"));
        Assert.Equal(before, DossierStore.Entries(broken.Database, Key(3)));

        var id = before.First().Id;
        Assert.ThrowsAny<SqliteException>(() => dossier.Release(decaan, Key(3), id, !before.First().Released));
        Assert.Equal(before, DossierStore.Entries(broken.Database, Key(3)));
    }

    [Fact]
    public void A_consent_change_or_request_whose_audit_line_fails_is_not_stored()
    {
        var (broken, dossier) = Broken();
        var places = DemoData.Places(broken.Database);
        var stream = new EventStore(broken.Database).Stream(Key(3)).Count;
        var pupil = new Caller("demo-leerling16", Roles.Leerling, null, Key(3));
        Assert.ThrowsAny<SqliteException>(() => dossier.Consent(pupil, DossierCategory.Zorg, places.Mbo, given: true));
        Assert.Equal(stream, new EventStore(broken.Database).Stream(Key(3)).Count);

        var requests = DossierStore.RequestsFor(broken.Database, Key(3)).Length;
        var intake = new Caller("demo-intake", Roles.Intake, places.Mbo, null);
        Assert.ThrowsAny<SqliteException>(() => dossier.Request(intake, Key(3), "plaatsing", [DossierCategory.Advies]));
        Assert.Equal(requests, DossierStore.RequestsFor(broken.Database, Key(3)).Length);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { }
    }
}
