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
}
