using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>The register of vo–mbo connections round-trips on both stores; a second put of an id replaces the first.</summary>
public sealed class ConnectionRegisterTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Theory, ClassData(typeof(BothStores))]
    public void A_connection_round_trips_with_its_form_dates_and_route(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var vm2 = new Connection("c-1", "01AB00", "25AA", ConnectionForm.DoorlopendeLeerlijn, new(2024, 8, 1), null, "VM2 techniek", "Convenant 2024", "vm2");
        var zorg = new Connection("c-2", "01AB00", "25AA01", ConnectionForm.Zorglijn, new(2023, 8, 1), new(2026, 7, 31), "Zorglijn", "Afspraak zorg");
        ConnectionRegister.Put(store.Database, zorg, "beheer", At);
        ConnectionRegister.Put(store.Database, vm2, "beheer", At);

        Assert.Equal([vm2, zorg], ConnectionRegister.All(store.Database));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Putting_an_existing_id_replaces_the_connection(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var first = new Connection("c-1", "01AB00", "25AA", ConnectionForm.Personeelsbeleid, new(2024, 8, 1), null, "Uitwisseling", "Jaarverslag");
        ConnectionRegister.Put(store.Database, first, "beheer", At);
        var ended = first with { Until = new DateOnly(2025, 7, 31) };
        ConnectionRegister.Put(store.Database, ended, "beheer", At);

        Assert.Equal([ended], ConnectionRegister.All(store.Database));
    }

    private static string[] Actions(TestStore store)
    {
        using var connection = store.Database.ConnectMigrated();
        return [.. connection.Query<string>("SELECT action FROM audit_log WHERE category LIKE 'verbinding:%' ORDER BY seq")];
    }

    private static void Institutions(TestStore store)
    {
        using var connection = store.Database.ConnectMigrated();
        connection.Execute(
            """
            INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur)
            VALUES ('25GV01', '25GV', 'Aeres VMBO', 'VMBO'), ('01AB00', '01AB', 'Vmbo', 'VMBO');
            INSERT INTO mbo_instelling (brin4, naam, aoc) VALUES ('25GV', 'Aeres MBO', 1), ('25AA', 'ROC', 0);
            """
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Bestuurlijk_is_derived_on_read_where_one_instelling_runs_both(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Institutions(store);
        var zorg = new Connection("c-2", "01AB00", "25AA01", ConnectionForm.Zorglijn, new(2023, 8, 1), null, "Zorglijn", "Afspraak zorg");
        ConnectionRegister.Put(store.Database, zorg, "beheer", At);

        var all = ConnectionRegister.All(store.Database);

        Assert.Equal(["c-2", "bestuurlijk-25GV01-25GV"], all.Select(c => c.Id));
        Assert.Equal(ConnectionForm.Bestuurlijk, all[1].Form);
        Assert.Equal([zorg], ConnectionRegister.Stored(store.Database));
        Assert.Equal(["bestuurlijk-25GV01-25GV"], ConnectionRegister.OfMboInstitution(store.Database, "25GV").Select(c => c.Id));
        Assert.Equal([zorg], ConnectionRegister.OfVoVestiging(store.Database, "01AB00"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_hand_entered_bestuurlijk_that_contradicts_the_data_is_refused_and_nothing_is_stored(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Institutions(store);
        var entered = new Connection("b-1", "01AB00", "25GV", ConnectionForm.Bestuurlijk, new(2024, 8, 1), null, "Eén bestuur", "Statuten");

        var problems = ConnectionRegister.Add(store.Database, entered, "beheer", "beheerder", null, At);

        Assert.Equal("form", Assert.Single(problems).Field);
        Assert.Empty(ConnectionRegister.Stored(store.Database));
        Assert.Empty(Actions(store));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Adding_and_ending_a_connection_are_audited(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var c = new Connection("c-1", "01AB00", "25AA", ConnectionForm.Onderwijsproject, new(2024, 8, 1), null, "Project", "Jaarplan");

        Assert.Empty(ConnectionRegister.Add(store.Database, c, "decaan", "decaan", "01AB00", At));
        Assert.NotNull(ConnectionRegister.End(store.Database, "c-1", new(2024, 7, 1), "decaan", "decaan", "01AB00", At));
        Assert.Null(ConnectionRegister.End(store.Database, "c-1", new(2025, 7, 31), "decaan", "decaan", "01AB00", At));

        Assert.Equal(new DateOnly(2025, 7, 31), ConnectionRegister.Find(store.Database, "c-1")!.Until);
        Assert.Equal(["verbinding vastgelegd", "verbinding beëindigd"], Actions(store));
    }
}
