using System.Globalization;
using System.Text;
using Dapper;
using Doorstroom.Storage;

namespace Doorstroom.Cli.Tests;

public sealed class ImportKillTests
{
    private const int Pupils = 120_000,
        EventsPerPupil = 5;

    // How long the imports may take. Alone an import of the big file takes seconds; on CI's two cores shared with the
    // browser tests it has taken minutes, so the bound is only there to end a run that truly hangs. The kill itself
    // waits for the importer's own progress line, not for a time.
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(10);

    public static TheoryData<string> Stores => ["sqlite", "postgres"];

    /// <summary>
    /// Design §7 / issue #3: an import is one transaction, so a process killed with SIGKILL part-way leaves the store
    /// exactly as it was (no half file, no journal row), and the next import of the same file succeeds whole.
    /// </summary>
    [Theory, MemberData(nameof(Stores))]
    public async Task An_import_killed_part_way_leaves_the_store_as_it_was_and_the_next_import_succeeds(string store)
    {
        using var cli = new Doorstroom { Timeout = Bound };
        using var target = KillStore.Create(store, cli.WorkDir);
        var small = cli.Write("before.csv", EventsCsv(firstPupil: 1_000_000, pupils: 20));
        var big = cli.Write("big.csv", EventsCsv(firstPupil: 0, pupils: Pupils));

        Expect.Done(await cli.Run("import", "events", small, "--db", target.Target));
        var before = Snapshot(target.Database);
        Assert.Equal((20L * EventsPerPupil, 1L), (before.Events, before.Imports));

        using (var process = cli.StartDetached("import", "events", big, "--db", target.Target))
        {
            // Wait until the importer says it has stored 100,000 events of the 600,000, then kill -9.
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            bound.CancelAfter(Bound);
            var killed = false;
            while (await ReadLine(process, bound.Token) is { } line)
            {
                if (!line.Contains("storing 100,000", StringComparison.Ordinal))
                    continue;
                Assert.False(process.HasExited, "the import ended before it could be killed part-way");
                process.Kill(); // SIGKILL on Linux: no handler, no finally block runs in the child.
                killed = true;
                break;
            }

            Assert.True(killed, "the import never reported progress, so it was not killed part-way");
            await process.WaitForExitAsync(bound.Token);
            Assert.NotEqual(0, process.ExitCode);
        }

        Assert.Equal(before, Snapshot(target.Database));

        var again = await cli.Run("import", "events", big, "--db", target.Target);
        Expect.Done(again);
        Assert.Contains($"{Pupils * EventsPerPupil:N0} records", again.Stdout, StringComparison.Ordinal);
        var after = Snapshot(target.Database);
        Assert.Equal(before.Events + (long)Pupils * EventsPerPupil, after.Events);
        Assert.Equal(before.Pupils + Pupils, after.Pupils);
        Assert.Equal(2, after.Imports);
    }

    /// <summary>The importer's next stderr line; a kill and a failure if none comes within the bound.</summary>
    private static async Task<string?> ReadLine(System.Diagnostics.Process process, CancellationToken bound)
    {
        try
        {
            return await process.StandardError.ReadLineAsync(bound);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            process.Kill();
            Assert.Fail($"the import wrote no progress line for {Bound.TotalMinutes} minutes (it hangs)");
            throw;
        }
    }

    private sealed record State(long Events, long Pupils, long Imports, string Integrity);

    private static State Snapshot(Database database)
    {
        using var connection = database.ConnectMigrated();
        var integrity = database.Dialect == Dialect.Sqlite ? connection.ExecuteScalar<string>("PRAGMA integrity_check")! : "ok";
        return new State(
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM event"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil"),
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM import_log"),
            integrity
        );
    }

    /// <summary>A vmbo kb pupil going on to mbo niveau 3, five events each, in the open CSV format (docs/events.md).</summary>
    private static string EventsCsv(int firstPupil, int pupils)
    {
        var csv = new StringBuilder("pupil;date;type;institution;leerweg;leerjaar;niveau;crebo;route;detail;synthetic;birth_date\n");
        for (var i = firstPupil; i < firstPupil + pupils; i++)
        {
            var key = "T" + i.ToString("D7", CultureInfo.InvariantCulture);
            var vo = $"{10 + i % 80:D2}AB{i % 7:D2}";
            const string tail = ";true;2002-05-01\n";
            csv.Append(key).Append(";2016-08-01;Ingeschreven;").Append(vo).Append(";kb;3;;;normale-route;").Append(tail);
            csv.Append(key).Append(";2017-08-01;Bevorderd;").Append(vo).Append(";kb;4;;;normale-route;").Append(tail);
            csv.Append(key).Append(";2018-07-01;DiplomaBehaald;").Append(vo).Append(";kb;;;;normale-route;").Append(tail);
            csv.Append(key).Append(";2018-07-31;Uitgeschreven;").Append(vo).Append(";kb;4;;;;diploma").Append(tail);
            csv.Append(key).Append(";2018-08-01;Ingeschreven;25GV01;bol;;3;25087;normale-route;").Append(tail);
        }

        return csv.ToString();
    }

    /// <summary>A fresh SQLite file in the test's folder, or a fresh database on the PostgreSQL of $DOORSTROOM_TEST_PG.</summary>
    private sealed class KillStore : IDisposable
    {
        private readonly TestPostgres? _postgres;

        private KillStore(string target, TestPostgres? postgres)
        {
            Target = target;
            Database = Database.Open(target);
            _postgres = postgres;
        }

        public string Target { get; }

        public Database Database { get; }

        public static KillStore Create(string kind, string folder)
        {
            if (kind == "sqlite")
                return new KillStore(Path.Combine(folder, "kill.db"), null);
            var postgres = TestPostgres.Create();
            return new KillStore(postgres.Target, postgres);
        }

        public void Dispose()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _postgres?.Dispose();
        }
    }
}
