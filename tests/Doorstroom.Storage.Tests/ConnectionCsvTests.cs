using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>
/// The register's CSV: every form round-trips through export and import on both stores; a file with one bad row is refused
/// whole (nothing stored, each problem naming file, line and column); a re-import changes nothing; scope is checked per row.
/// </summary>
public sealed class ConnectionCsvTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static (string, string)? Anyone(Connection _) => null;

    private static Connection Sample(ConnectionForm form) =>
        new(
            "c-" + JsonSpelling.Of(form),
            "01AB00",
            form == ConnectionForm.Administratief ? "25AA03" : "25AA",
            form,
            new(2024, 8, 1),
            form == ConnectionForm.Zorglijn ? new DateOnly(2027, 7, 31) : null,
            "Afspraak; met \"aanhalingstekens\"",
            "=Convenant 2024",
            form == ConnectionForm.DoorlopendeLeerlijn ? "vm2" : null,
            form switch
            {
                ConnectionForm.AvoLeerlijn => "rekenen",
                ConnectionForm.Initiatief => "Pas groen",
                ConnectionForm.AansluitendProgramma => "paardenklas",
                _ => null,
            },
            Synthetic: form == ConnectionForm.Onderwijsproject
        );

    private static string Export(IEnumerable<Connection> connections)
    {
        using var text = new StringWriter();
        ConnectionCsv.Write(text, connections);
        return text.ToString();
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Every_form_round_trips_through_export_and_import(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var dir = new TempDirectory();
        var all = Enum.GetValues<ConnectionForm>().Select(Sample).OrderBy(c => c.Id, StringComparer.Ordinal).ToArray();
        var path = Path.Combine(dir.Path, "verbindingen.csv");
        File.WriteAllText(path, Export(all));

        var outcome = ConnectionImport.Run(store.Database, path, "beheer", "beheerder", null, Anyone, new TestClock(At));

        Assert.Equal(13, Assert.IsType<Imported>(outcome).Changed);
        Assert.Equal(all, ConnectionRegister.Stored(store.Database).OrderBy(c => c.Id, StringComparer.Ordinal));
        Assert.Equal(Export(all), Export(ConnectionRegister.Stored(store.Database).OrderBy(c => c.Id, StringComparer.Ordinal)));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_file_with_one_bad_row_stores_nothing_and_names_file_line_and_column(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var dir = new TempDirectory();
        var good = Sample(ConnectionForm.Zorglijn);
        var bad = Sample(ConnectionForm.AvoLeerlijn) with { Subject = "Engels" };
        var path = Path.Combine(dir.Path, "fout.csv");
        File.WriteAllText(path, Export([good, bad]).Replace("2024-08-01;2027-07-31", "2024-08-01;31-07-2027", StringComparison.Ordinal));

        var refused = Assert.IsType<Refused>(ConnectionImport.Run(store.Database, path, "beheer", "beheerder", null, Anyone, new TestClock(At)));

        Assert.Equal(["fout.csv:2: until", "fout.csv:3: subject"], refused.Problems.Select(p => p.ToString().Split(": ")[0] + ": " + p.Field));
        Assert.Empty(ConnectionRegister.Stored(store.Database));
        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(0, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM audit_log"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_re_import_changes_nothing_and_the_same_bytes_are_not_read_again(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "v.csv");
        File.WriteAllText(path, Export([Sample(ConnectionForm.Personeelsbeleid)]));
        var clock = new TestClock(At);
        Assert.IsType<Imported>(ConnectionImport.Run(store.Database, path, "beheer", "beheerder", null, Anyone, clock));

        Assert.IsType<AlreadyImported>(ConnectionImport.Run(store.Database, path, "beheer", "beheerder", null, Anyone, clock));
        Assert.Equal(0, Assert.IsType<Imported>(ConnectionImport.Run(store.Database, path, "beheer", "beheerder", null, Anyone, clock, force: true)).Changed);
        Assert.Single(ConnectionRegister.Stored(store.Database));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_row_outside_the_importers_scope_refuses_the_file(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "v.csv");
        File.WriteAllText(path, Export([Sample(ConnectionForm.Zorglijn), Sample(ConnectionForm.Initiatief) with { VoVestiging = "02CD00" }]));

        var refused = Assert.IsType<Refused>(
            ConnectionImport.Run(
                store.Database,
                path,
                "decaan",
                "decaan",
                "01AB00",
                c => c.VoVestiging == "01AB00" ? null : ("vo_vestiging", "your own vo vestiging 01AB00"),
                new TestClock(At)
            )
        );

        Assert.Equal("v.csv:3: vo_vestiging: your own vo vestiging 01AB00", Assert.Single(refused.Problems).ToString());
        Assert.Empty(ConnectionRegister.Stored(store.Database));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_missing_column_and_a_repeated_id_are_refused(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var dir = new TempDirectory();
        var missing = Path.Combine(dir.Path, "kop.csv");
        File.WriteAllText(missing, "id;vo_vestiging;mbo;form;from\nc-1;01AB00;25AA;zorglijn;2024-08-01\n");
        var twice = Path.Combine(dir.Path, "dubbel.csv");
        File.WriteAllText(twice, Export([Sample(ConnectionForm.Zorglijn), Sample(ConnectionForm.Zorglijn)]));
        var clock = new TestClock(At);

        var header = Assert.Single(Assert.IsType<Refused>(ConnectionImport.Run(store.Database, missing, "b", "beheerder", null, Anyone, clock)).Problems);
        var repeat = Assert.Single(Assert.IsType<Refused>(ConnectionImport.Run(store.Database, twice, "b", "beheerder", null, Anyone, clock)).Problems);

        Assert.Equal(("kop.csv", 1, "description, source"), (header.File, header.Line, header.Field));
        Assert.Equal(("dubbel.csv", 3, "id"), (repeat.File, repeat.Line, repeat.Field));
        Assert.Empty(ConnectionRegister.Stored(store.Database));
    }
}
