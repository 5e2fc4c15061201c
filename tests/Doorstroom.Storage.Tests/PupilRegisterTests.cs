using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

public sealed class PupilRegisterTests
{
    private static void OnePupil(TestStore store) =>
        new EventStore(store.Database).Append([
            new EventRecord(
                new TransitionEvent("P-7", new DateOnly(2024, 8, 1), EventKind.Ingeschreven, "25GV01", Leerweg.Bol, Niveau: 2, Crebo: 25258),
                BirthDate: new DateOnly(2008, 3, 14)
            ),
        ]);

    [Theory, ClassData(typeof(BothStores))]
    public void Personal_details_are_kept_apart_and_erasing_them_keeps_the_pseudonymous_stream(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        OnePupil(store);
        var details = new PersonalDetails("Sanne", "de Vries", "sanne@example.org", null);
        Assert.True(PupilRegister.SetPersonal(store.Database, "P-7", details));
        Assert.Equal(details, PupilRegister.Personal(store.Database, "P-7"));

        Assert.True(PupilRegister.ErasePersonal(store.Database, "P-7"));
        Assert.Null(PupilRegister.Personal(store.Database, "P-7"));
        Assert.False(PupilRegister.ErasePersonal(store.Database, "P-7"));
        Assert.Single(new EventStore(store.Database).Stream("P-7"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Personal_details_need_a_known_pupil(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Assert.False(PupilRegister.SetPersonal(store.Database, "P-unknown", new PersonalDetails("A", "B", null, null)));
        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil_personal"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Exports_never_carry_personal_details(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        OnePupil(store);
        PupilRegister.SetPersonal(store.Database, "P-7", new PersonalDetails("Sanne", "de Vries", "sanne@example.org", "0612345678"));
        using var jsonl = new MemoryStream();
        using var csv = new MemoryStream();
        EventExport.WriteJsonLines(store.Database, jsonl, TestContext.Current.CancellationToken);
        EventExport.WriteCsv(store.Database, csv, TestContext.Current.CancellationToken);
        foreach (var text in new[] { System.Text.Encoding.UTF8.GetString(jsonl.ToArray()), System.Text.Encoding.UTF8.GetString(csv.ToArray()) })
        {
            Assert.Contains("P-7", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Sanne", text, StringComparison.Ordinal);
            Assert.DoesNotContain("sanne@example.org", text, StringComparison.Ordinal);
        }
    }
}
