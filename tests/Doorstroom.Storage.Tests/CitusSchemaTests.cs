using System.Data.Common;
using Dapper;
using Doorstroom.Domain;
using Microsoft.Data.Sqlite;

namespace Doorstroom.Storage.Tests;

/// <summary>
/// The PostgreSQL schema is distributable as is by Citus (decision 0033): read from the catalogue of a freshly migrated store,
/// every table has a place in <see cref="StoreTables"/>, a distributed table's every unique key includes its distribution column,
/// foreign keys between distributed tables include the pupil column on both sides, and <c>event</c> is hash-partitioned by pupil.
/// </summary>
public sealed class CitusSchemaTests
{
    /// <summary>The migration that made the PostgreSQL schema distributable.</summary>
    private const int CitusReady = 14;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothStores))]
    public void Every_table_of_a_migrated_store_has_a_place_on_Citus(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var connection = store.Database.ConnectMigrated();
        var tables = Tables(connection);

        var unplaced = tables.Where(t => StoreTables.Find(t) is null).ToList();
        Assert.True(unplaced.Count == 0, $"tables without a place in StoreTables.All: {string.Join(", ", unplaced)}");
        if (kind == StoreKind.Postgres)
        {
            var stale = StoreTables.All.Select(t => t.Name).Except(tables).ToList();
            Assert.True(stale.Count == 0, $"StoreTables.All lists tables the store does not have: {string.Join(", ", stale)}");
        }
    }

    [Fact]
    public void A_table_with_a_pupil_column_is_distributed()
    {
        using var store = TestStore.Create(StoreKind.Postgres);
        using var connection = store.Database.ConnectMigrated();
        var withPupil = connection.Query<string>(
            """
            SELECT c.table_name FROM information_schema.columns c
            JOIN pg_class r ON r.relname = c.table_name AND r.relnamespace = 'public'::regnamespace
            WHERE c.table_schema = 'public' AND c.column_name = 'pupil_id' AND NOT r.relispartition
            """
        );

        var local = withPupil.Where(t => StoreTables.Find(t)?.Placement is not (TablePlacement.Pupil or TablePlacement.Keyed)).ToList();
        Assert.True(local.Count == 0, $"tables with a pupil_id that are not distributed: {string.Join(", ", local)}");
        Assert.Contains("event", withPupil);
    }

    [Fact]
    public void Every_unique_key_of_a_distributed_table_includes_its_distribution_column()
    {
        using var store = TestStore.Create(StoreKind.Postgres);
        using var connection = store.Database.ConnectMigrated();
        var keys = connection
            .Query<(string Table, string Index, string[] Columns)>(
                """
                SELECT t.relname, i.relname, ARRAY(
                    SELECT a.attname FROM unnest(x.indkey::int2[]) AS k (n) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n)
                FROM pg_index x
                JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_class i ON i.oid = x.indexrelid
                WHERE t.relnamespace = 'public'::regnamespace AND x.indisunique AND NOT t.relispartition
                """
            )
            .ToList();

        var broken = keys.Where(k => StoreTables.Find(k.Table) is { By: { } by } && !k.Columns.Contains(by))
            .Select(k => $"{k.Index} on {k.Table} ({string.Join(", ", k.Columns)}) leaves out {StoreTables.Find(k.Table)!.By}")
            .ToList();
        Assert.True(broken.Count == 0, "unique keys Citus cannot keep on one node:\n" + string.Join('\n', broken));
        // Each distributed table has its primary key among them: the rule above was asked of something.
        foreach (var table in StoreTables.All.Where(t => t.By is not null))
            Assert.Contains(keys, k => k.Table == table.Name && k.Index == table.Name + "_pkey");
    }

    [Fact]
    public void Foreign_keys_between_distributed_tables_include_the_pupil_column_on_both_sides()
    {
        using var store = TestStore.Create(StoreKind.Postgres);
        using var connection = store.Database.ConnectMigrated();
        var foreignKeys = connection
            .Query<(string Name, string From, string To, string[] FromColumns, string[] ToColumns)>(
                """
                SELECT c.conname, f.relname, t.relname,
                    ARRAY(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY AS k (n, o)
                        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o),
                    ARRAY(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY AS k (n, o)
                        JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)
                FROM pg_constraint c
                JOIN pg_class f ON f.oid = c.conrelid
                JOIN pg_class t ON t.oid = c.confrelid
                WHERE c.contype = 'f' AND f.relnamespace = 'public'::regnamespace AND NOT f.relispartition
                """
            )
            .ToList();

        var broken = foreignKeys.Select(k => (Key: k, Problem: Problem(k.From, k.To, k.FromColumns, k.ToColumns))).Where(k => k.Problem is not null);
        Assert.True(
            !broken.Any(),
            "foreign keys Citus cannot keep:\n" + string.Join('\n', broken.Select(k => $"{k.Key.Name} ({k.Key.From} → {k.Key.To}): {k.Problem}"))
        );
        Assert.Contains(foreignKeys, k => k.From == "event" && k.To == "pupil");
        Assert.Contains(foreignKeys, k => k.From == "meeloopdag_signup" && k.To == "meeloopdag");

        static string? Problem(string from, string to, string[] fromColumns, string[] toColumns)
        {
            var (source, target) = (StoreTables.Find(from), StoreTables.Find(to));
            if (source is null || target is null)
                return "a table without a place in StoreTables";
            if (source.By is not null && target.By is not null)
            {
                if (source.Placement != TablePlacement.Pupil || target.Placement != TablePlacement.Pupil)
                    return "distributed tables that are not colocated with pupil";
                var at = Array.IndexOf(fromColumns, source.By);
                return at >= 0 && at == Array.IndexOf(toColumns, target.By) ? null : $"the key does not pair {source.By} with {target.By}";
            }
            return (source.Placement, target.Placement) switch
            {
                (TablePlacement.Pupil or TablePlacement.Keyed, TablePlacement.Reference) => null,
                (TablePlacement.Local, TablePlacement.Local or TablePlacement.Reference) => null,
                (TablePlacement.Reference, TablePlacement.Reference) => null,
                _ => $"a {source.Placement} table cannot name a {target.Placement} table",
            };
        }
    }

    [Fact]
    public void Event_is_hash_partitioned_by_pupil_into_the_named_partitions()
    {
        using var store = TestStore.Create(StoreKind.Postgres);
        using var connection = store.Database.ConnectMigrated();
        var (strategy, columns) = connection.QuerySingle<(string, string[])>(
            """
            SELECT p.partstrat::text, ARRAY(SELECT a.attname FROM unnest(p.partattrs::int2[]) AS k (n)
                JOIN pg_attribute a ON a.attrelid = p.partrelid AND a.attnum = k.n)
            FROM pg_partitioned_table p WHERE p.partrelid = 'event'::regclass
            """
        );
        var partitions = connection
            .Query<(string Name, string Bound)>(
                """
                SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
                WHERE i.inhparent = 'event'::regclass ORDER BY c.relname
                """
            )
            .ToList();

        Assert.Equal("h", strategy);
        Assert.Equal(["pupil_id"], columns);
        Assert.Equal(8, EventStore.Partitions);
        Assert.Equal(
            EventStore.PartitionNames.Select((name, remainder) => (name, $"FOR VALUES WITH (modulus {EventStore.Partitions}, remainder {remainder})")),
            partitions
        );
    }

    [Fact]
    public void Migrating_a_store_with_events_moves_every_event_and_new_ids_follow_the_old_ones()
    {
        using var store = TestStore.Create(StoreKind.Postgres);
        long oldMax,
            handedOut;
        string before;
        using (var connection = store.Database.Connect())
        {
            MigrateUpTo(connection, CitusReady - 1);
            connection.Execute(
                """
                INSERT INTO pupil (pkey, synthetic) SELECT 'P-' || g, 1 FROM generate_series(1, 40) AS g;
                INSERT INTO event (pupil_id, kind, on_date, institution, leerweg, leerjaar, route, digest)
                SELECT p.id, 'Ingeschreven', DATE '2020-08-01' + g, '25PJ00', 'kb', 3, 'vmbo', p.id * 1000 + g
                FROM pupil p, generate_series(1, 50) AS g;
                INSERT INTO dossier_entry (pupil_id, category, kind, on_date, author, institution, body)
                VALUES (1, 'Advies', 'advies', DATE '2021-03-01', 'a', '25PJ00', 'b');
                INSERT INTO dossier_request (id, pupil_id, institution, purpose, categories, requested_on, expires_on, requested_by)
                VALUES ('r-1', 2, '25LH', 'intake', 'Advies', DATE '2021-04-01', DATE '2021-07-31', 'intake');
                """
            );
            oldMax = connection.ExecuteScalar<long>("SELECT MAX(id) FROM event");
            // An append that rolled back used ids past the newest stored one: the new sequence must not hand them out again.
            handedOut = connection.ExecuteScalar<long>("SELECT nextval(pg_get_serial_sequence('event', 'id'))");
            before = Fingerprint(connection);
        }
        Assert.Equal(2000, oldMax);

        var events = new EventStore(store.Database);
        Assert.Equal(oldMax, events.Version());
        using (var connection = store.Database.ConnectMigrated())
        {
            Assert.Equal(before, Fingerprint(connection));
            Assert.Equal(40, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil_key k JOIN pupil p ON p.id = k.pupil_id AND p.pkey = k.pkey"));
            Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dossier_entry"));
            Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM dossier_request WHERE id = 'r-1' AND pupil_id = 2"));
        }
        Assert.Equal(2000, events.Count());
        Assert.Equal(50, events.Stream("P-7").Count);

        var known = new EventRecord(EventSamples.Of("P-7", EventKind.Bevorderd, new DateOnly(2021, 8, 1)), Synthetic: true);
        var appended = events.Append([known, .. EventSamples.Streams(1, "NEW")], cancellationToken: Ct);

        Assert.Equal(1, appended.NewPupils);
        Assert.Equal(51, events.Stream("P-7").Count);
        var newIds = events.Raw("P-7").Events.Select(e => e.Id).Where(id => id > oldMax).ToList();
        Assert.Single(newIds);
        Assert.True(newIds[0] > handedOut, $"the first new id {newIds[0]} is not above {handedOut}, the last the old sequence gave");
        Assert.All(events.Raw("NEW00000").Events, e => Assert.True(e.Id > handedOut));
        Assert.True(events.Version() > handedOut);
    }

    [Fact]
    public async Task Two_appends_racing_on_one_new_pupil_key_make_one_pupil()
    {
        using var store = TestStore.Create(StoreKind.Postgres);
        var events = new EventStore(store.Database);
        var day = new DateOnly(2021, 8, 1);
        EventRecord Event(EventKind kind, int days) => new(EventSamples.Of("P-RACE", kind, day.AddDays(days)));

        using var first = store.Database.ConnectMigrated();
        using var transaction = first.BeginTransaction();
        var a = events.Append(first, transaction, [Event(EventKind.Ingeschreven, 0)], cancellationToken: Ct);
        // The second append finds no pupil P-RACE (the first has not committed) and claims the key: it waits for the first.
        var second = Task.Run(() => events.Append([Event(EventKind.Bevorderd, 300)], cancellationToken: Ct), Ct);
        using (var watcher = store.Database.Connect())
        {
            var waited = Task.Delay(TimeSpan.FromSeconds(20), Ct);
            while (!second.IsCompleted && !waited.IsCompleted && watcher.ExecuteScalar<long>("SELECT COUNT(*) FROM pg_locks WHERE NOT granted") == 0)
                await Task.Delay(20, Ct);
            Assert.False(second.IsCompleted, "the second append did not wait for the first: " + second.Exception?.InnerException?.Message);
            Assert.False(waited.IsCompleted, "the second append never waited for a lock");
        }
        transaction.Commit();
        var b = await second;

        Assert.Equal(1, a.NewPupils);
        Assert.Equal(0, b.NewPupils);
        Assert.Equal(1, b.Inserted);
        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(1, connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil WHERE pkey = 'P-RACE'"));
        Assert.Equal([EventKind.Ingeschreven, EventKind.Bevorderd], events.Stream("P-RACE").Select(e => e.Kind));
    }

    [Fact]
    public void The_operators_Citus_commands_in_the_docs_are_the_ones_the_classification_makes()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "scale-out.md")).ReplaceLineEndings("\n");
        var commands = StoreTables.CitusCommands();

        Assert.True(docs.Contains(commands, StringComparison.Ordinal), "docs/scale-out.md should hold StoreTables.CitusCommands():\n" + commands);
        Assert.StartsWith("SELECT create_reference_table('vo_vestiging');", commands, StringComparison.Ordinal);
        Assert.Contains("SELECT create_distributed_table('event', 'pupil_id', colocate_with => 'pupil');", commands, StringComparison.Ordinal);
        Assert.True(
            commands.IndexOf("'pupil', 'id'", StringComparison.Ordinal) < commands.IndexOf("'event', 'pupil_id'", StringComparison.Ordinal),
            "pupil is distributed before the tables colocated with it"
        );
        Assert.DoesNotContain("audit_log", commands, StringComparison.Ordinal);
    }

    private static List<string> Tables(DbConnection connection) =>
        connection is SqliteConnection
            ? [.. connection.Query<string>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
            :
            [
                .. connection.Query<string>(
                    "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') AND NOT relispartition"
                ),
            ];

    /// <summary>Every event row (all columns, in id order) as one digest, with the count and newest id.</summary>
    private static string Fingerprint(DbConnection connection) =>
        connection.ExecuteScalar<string>(
            """
            SELECT COUNT(*) || ' ' || MAX(id) || ' ' || md5(string_agg(
                concat_ws('|', id, pupil_id, kind, on_date, institution, leerweg, leerjaar, niveau, crebo, route, detail, digest, voids), ',' ORDER BY id))
            FROM event
            """
        )!;

    private static void MigrateUpTo(DbConnection connection, int version)
    {
        connection.Execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        foreach (var migration in Migrations.All.Where(m => m.Version <= version))
        {
            connection.Execute(migration.For(Dialect.Postgres));
            connection.Execute("INSERT INTO schema_migrations (version, name) VALUES (@Version, @Name)", new { migration.Version, migration.Name });
        }
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Doorstroom.slnx")))
                return dir.FullName;
        }
        throw new InvalidOperationException("the repository root (Doorstroom.slnx) is not above " + AppContext.BaseDirectory);
    }
}
