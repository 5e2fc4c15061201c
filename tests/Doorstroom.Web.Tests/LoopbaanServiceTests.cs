using System.Data.Common;
using Dapper;
using Doorstroom.Domain;
using Doorstroom.Simulation;
using Doorstroom.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The loopbaandossier's rules on both stores (issue 16, decision 0030): who may write and read, a bad field refuses the whole,
/// and the event, the entry and the audit line are stored together or not at all. Each test has a fresh store of its own.
/// </summary>
public sealed class LoopbaanServiceTests
{
    private const string Pupil = "P-LOOPBAAN";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 10, 0, 0, TimeSpan.Zero);

    private sealed record Fixture(TestStore Store, SiteServices Site, LoopbaanService Loopbaan, DossierService Dossier, string School, string Mbo) : IDisposable
    {
        public void Dispose()
        {
            Site.Dispose();
            Store.Dispose();
        }

        public int Events => new EventStore(Store.Database).Stream(Pupil).Count;
        public int Entries => DossierStore.Entries(Store.Database, Pupil).Length;
        public int Audit => AuditLog.ForPupil(Store.Database, Pupil).Length;
    }

    private static Fixture Create(StoreKind kind)
    {
        var store = TestStore.Create(kind);
        SyntheticInstitutions.Write(store.Database, SyntheticWorld.Build(), 2026);
        using var connection = store.Database.ConnectMigrated();
        var school = connection.ExecuteScalar<string>("SELECT MIN(brin6) FROM vo_vestiging")!;
        var mbo = connection.ExecuteScalar<string>("SELECT MIN(brin6) FROM mbo_locatie")!;
        new EventStore(store.Database).Append([
            new EventRecord(
                new TransitionEvent(Pupil, new DateOnly(2026, 8, 1), EventKind.Bevorderd, school, Leerweg.Kb, Leerjaar: 4),
                true,
                new DateOnly(2011, 3, 1)
            ),
        ]);
        var site = new SiteServices(new SiteOptions { Database = store.Target }, new TestClock(Now));
        var dossier = new DossierService(site, new EphemeralDataProtectionProvider());
        return new(store, site, new LoopbaanService(site, dossier), dossier, school, mbo);
    }

    private static readonly Caller Leerling = new("leerling", Roles.Leerling, null, Pupil);

    private static LoopbaanUitkomst Meeloopdag(Fixture f, Caller caller, string reflection = "Leuk.", string date = "2026-11-20") =>
        f.Loopbaan.RecordActivity(caller, Pupil, "meeloopdag", date, f.Mbo, null, reflection);

    [Theory, ClassData(typeof(BothStores))]
    public void A_recorded_activity_is_an_event_a_linked_reflection_and_an_audit_line(StoreKind kind)
    {
        using var f = Create(kind);
        var (events, entries, audit) = (f.Events, f.Entries, f.Audit);
        var stored = Meeloopdag(f, Leerling, "Druk maar leuk.");
        Assert.Empty(stored.Fouten);
        Assert.Equal((events + 1, entries + 1, audit + 1), (f.Events, f.Entries, f.Audit));
        var e = new EventStore(f.Store.Database).Stream(Pupil).Single(x => x.Kind == EventKind.LobActiviteit);
        Assert.Equal(("meeloopdag", f.Mbo), (e.Detail, e.Institution));
        var entry = DossierStore.Entries(f.Store.Database, Pupil).Single();
        Assert.Equal((DossierCategory.Loopbaan, DossierStore.Reflection, EventDigest.Of(e), false), (entry.Category, entry.Kind, entry.Event, entry.Released));
        Assert.Equal("loopbaan: activiteit vastgelegd", AuditLog.ForPupil(f.Store.Database, Pupil)[^1].Action);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_bad_field_refuses_the_whole_write_and_stores_nothing(StoreKind kind)
    {
        using var f = Create(kind);
        var (events, entries, audit) = (f.Events, f.Entries, f.Audit);
        var refused = Meeloopdag(f, Leerling, new string('x', LoopbaanInvoer.MaxTekst + 1));
        Assert.Equal("Reflectie", Assert.Single(refused.Fouten).Veld);
        var choice = f.Loopbaan.RecordChoice(Leerling, Pupil, ["99999"], "Omdat.", "zeker", "2026-12-01");
        Assert.Equal(["Datum", "Opleidingen"], choice.Fouten.Select(x => x.Veld).Order(StringComparer.Ordinal));
        Assert.Equal((events, entries, audit), (f.Events, f.Entries, f.Audit));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Only_the_pupil_writes_their_own_activities_and_choices(StoreKind kind)
    {
        using var f = Create(kind);
        Caller[] others =
        [
            new("ander", Roles.Leerling, null, "P-ANDER"),
            new("ouder", Roles.Ouder, null, Pupil),
            new("decaan", Roles.Decaan, f.School, null),
            new("intake", Roles.Intake, f.Mbo, null),
        ];
        foreach (var caller in others)
        {
            Assert.True(Meeloopdag(f, caller).NotFound, caller.Role);
            Assert.True(f.Loopbaan.RecordChoice(caller, Pupil, ["iets met dieren"], "Omdat.", "zeker", "2026-11-30").NotFound, caller.Role);
        }
        Assert.Equal(0, f.Entries);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_decaan_of_the_school_reads_and_remarks_a_decaan_elsewhere_finds_nothing(StoreKind kind)
    {
        using var f = Create(kind);
        Assert.Empty(Meeloopdag(f, Leerling).Fouten);
        var decaan = new Caller("decaan", Roles.Decaan, f.School, null);
        Assert.NotNull(f.Loopbaan.AddRemark(decaan, Pupil, "Goed gedaan.", "2026-11-30").Onderdeel);
        var read = f.Loopbaan.School(decaan, Pupil).Value!;
        Assert.Equal(["activiteit", "opmerking"], read.Regels.Select(r => r.Soort));
        Assert.Equal("Goed gedaan.", read.Regels[1].Tekst);

        using var connection = f.Store.Database.ConnectMigrated();
        var elsewhere = connection.ExecuteScalar<string>("SELECT MAX(brin6) FROM vo_vestiging")!;
        var other = new Caller("decaan2", Roles.Decaan, elsewhere, null);
        Assert.True(f.Loopbaan.School(other, Pupil).NotFound);
        Assert.True(f.Loopbaan.AddRemark(other, Pupil, "Mag niet.", "2026-11-30").NotFound);
        Assert.Equal(2, f.Entries);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_mbo_reads_only_released_texts_with_the_events_they_belong_to(StoreKind kind)
    {
        using var f = Create(kind);
        Assert.Empty(Meeloopdag(f, Leerling, "Vrijgegeven reflectie.", "2026-11-10").Fouten);
        Assert.Empty(f.Loopbaan.RecordActivity(Leerling, Pupil, "open-dag", "2026-11-12", f.School, null, "Niet vrijgegeven.").Fouten);
        Assert.Empty(f.Loopbaan.RecordChoice(Leerling, Pupil, ["iets met dieren", "iets met paarden"], "Ik houd van dieren.", "twijfel", "2026-11-14").Fouten);
        var decaan = new Caller("decaan", Roles.Decaan, f.School, null);
        foreach (var entry in DossierStore.Entries(f.Store.Database, Pupil).Where(e => e.Body != "Niet vrijgegeven."))
            Assert.False(f.Dossier.Release(decaan, Pupil, entry.Id, released: true).NotFound);

        var entries = DossierStore.Entries(f.Store.Database, Pupil);
        var released = Loopbaandossier.Released(
            Pupil,
            new EventStore(f.Store.Database).Stream(Pupil),
            entries,
            new Dictionary<string, string>(),
            new Dictionary<int, string>()
        );
        Assert.Equal(["activiteit", "keuze"], released.Regels.Select(r => r.Soort));
        Assert.Equal("Vrijgegeven reflectie.", released.Regels[0].Tekst);
        Assert.Equal(Keuzezekerheid.Twijfel, released.Regels[1].Zekerheid);
        Assert.Equal(["iets met dieren", "iets met paarden"], released.Regels[1].Opleidingen.Select(o => o.Naam));
        Assert.DoesNotContain(released.Regels, r => r.Tekst == "Niet vrijgegeven.");

        var full = f.Loopbaan.Own(Leerling).Value!;
        Assert.Equal(3, full.Regels.Length);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void When_the_audit_line_fails_neither_the_event_nor_the_entry_is_stored(StoreKind kind)
    {
        using var f = Create(kind);
        using (var connection = f.Store.Database.ConnectMigrated())
        {
            if (kind == StoreKind.Sqlite)
                connection.Execute("CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'injected audit failure'); END;");
            else
                connection.Execute(
                    """
                    CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'injected audit failure'; END $$ LANGUAGE plpgsql;
                    CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit();
                    """
                );
        }
        var (events, entries) = (f.Events, f.Entries);
        Assert.ThrowsAny<DbException>(() => Meeloopdag(f, Leerling));
        Assert.ThrowsAny<DbException>(() => f.Loopbaan.RecordChoice(Leerling, Pupil, ["iets met dieren"], "Omdat.", "zeker", "2026-11-30"));
        Assert.Equal((events, entries), (f.Events, f.Entries));
    }
}
