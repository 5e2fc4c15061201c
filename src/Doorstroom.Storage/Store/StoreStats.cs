using System.Collections.Immutable;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>What a store holds: records per table, pupils (real, synthetic, with personal details kept apart), events per kind, and the import
/// journal.</summary>
public sealed record StoreStats(
    string Store,
    int SchemaVersion,
    ImmutableArray<Tally> Records,
    long Pupils,
    long SyntheticPupils,
    long PupilsWithPersonalDetails,
    ImmutableArray<Tally> Events,
    ImmutableArray<JournalEntry> Imports
)
{
    /// <summary>All events.</summary>
    public long EventTotal => Events.Sum(e => e.Count);

    /// <summary>The name for people of a counted table.</summary>
    public static string NameOf(string table) => Tables.FirstOrDefault(t => t.Table == table).Name ?? table;

    /// <summary>The tables counted, with a name for people.</summary>
    public static ImmutableArray<(string Table, string Name)> Tables { get; } =
    [
        ("vo_vestiging", "vo vestigingen"),
        ("mbo_instelling", "mbo instellingen"),
        ("mbo_locatie", "mbo locaties"),
        ("kwalificatie", "kwalificaties"),
        ("rmc_gemeente", "RMC gemeenten"),
        ("vsv_norm", "vsv norms (year × niveau)"),
        ("vo_examen", "vo exam records"),
        ("vo_leerlingen", "vo pupil counts"),
        ("vo_zittenblijven", "vo zittenblijvers records"),
    ];

    /// <summary>Counts everything in the store (migrating it first, so a new store reads as empty).</summary>
    public static StoreStats Read(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        // Every counted table exists once the store is migrated, so each is counted, empty or not.
        var records = Tables.Select(t => new Tally(t.Table, connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {t.Table}"))).ToImmutableArray();
        var byKind = connection.Query<(string Kind, long Count)>("SELECT kind, COUNT(*) FROM event GROUP BY kind").ToDictionary(r => r.Kind, r => r.Count);
        // Every kind is listed, in the order of a pupil's journey, so a zero is visible too.
        var events = Enum.GetValues<EventKind>().Select(k => new Tally(k.ToString(), byKind.GetValueOrDefault(k.ToString()))).ToImmutableArray();
        var imports = connection
            .Query<(string, string, long, long, string)>(
                "SELECT kind, file_name, records, stored, imported_at FROM import_log ORDER BY imported_at, kind, file_name"
            )
            .Select(r => new JournalEntry(r.Item1, r.Item2, r.Item3, r.Item4, r.Item5))
            .ToImmutableArray();
        return new StoreStats(
            database.Description,
            connection.ExecuteScalar<int>("SELECT MAX(version) FROM schema_migrations"),
            records,
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil WHERE synthetic = 1"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil_personal"),
            events,
            imports
        );
    }
}
