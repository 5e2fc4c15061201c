using Dapper;
using Doorstroom.Catalogue;
using Npgsql;

namespace Doorstroom.Storage.Tests;

/// <summary>The two stores every storage test runs on.</summary>
public enum StoreKind { Sqlite, Postgres }

/// <summary>Theory data: each storage test runs once on SQLite and once on PostgreSQL.</summary>
public sealed class BothStores : TheoryData<StoreKind>
{
    public BothStores()
    {
        Add(StoreKind.Sqlite);
        Add(StoreKind.Postgres);
    }
}

/// <summary>
/// A fresh, empty store for one test: a temporary SQLite file, or a new database on the PostgreSQL server named by
/// <c>$DOORSTROOM_TEST_PG</c> (which <c>.ci/run</c> sets after starting Debian's PostgreSQL). Without that variable
/// the PostgreSQL half of each test is skipped with a message; in CI it is always set.
/// </summary>
public sealed class TestStore : IDisposable
{
    public const string PostgresVariable = "DOORSTROOM_TEST_PG";

    private readonly string? _sqliteDirectory;
    private readonly string? _pgAdmin;
    private readonly string? _pgDatabase;

    private TestStore(Database database, string? sqliteDirectory, string? pgAdmin, string? pgDatabase)
    {
        Database = database;
        _sqliteDirectory = sqliteDirectory;
        _pgAdmin = pgAdmin;
        _pgDatabase = pgDatabase;
    }

    public Database Database { get; }

    /// <summary>The SQLite file or PostgreSQL connection string, as a user would pass to --db.</summary>
    public string Target { get; private init; } = "";

    public static TestStore Create(StoreKind kind)
    {
        if (kind == StoreKind.Sqlite)
        {
            var directory = Directory.CreateTempSubdirectory("doorstroom-store-").FullName;
            var file = Path.Combine(directory, "test.db");
            return new TestStore(Database.Open(file), directory, null, null) { Target = file };
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(admin),
            $"PostgreSQL is not configured: set {PostgresVariable} to a connection string of a user who may create databases (.ci/run does this).");
        var name = "doorstroom_t_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            connection.Execute($"CREATE DATABASE {name}");
        }

        var target = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        return new TestStore(Database.Open(target), null, admin, name) { Target = target };
    }

    public void Dispose()
    {
        Database.Dispose();
        if (_sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_sqliteDirectory, recursive: true); } catch (IOException) { }
        }

        if (_pgAdmin is not null)
        {
            using var connection = new NpgsqlConnection(_pgAdmin);
            connection.Open();
            connection.Execute($"DROP DATABASE IF EXISTS {_pgDatabase} WITH (FORCE)");
        }
    }
}

/// <summary>The real public data, or a skip that says what is missing.</summary>
public static class RealData
{
    public static string File(string relative)
    {
        var path = Path.Combine(DataPaths.RealData(), relative);
        Assert.SkipUnless(System.IO.File.Exists(path),
            $"Real data file {relative} not found under {DataPaths.RealData()} (set {DataPaths.DataVariable} to the folder that holds ../shared/data/real).");
        return path;
    }
}

/// <summary>Assertions on import outcomes that say what went wrong.</summary>
public static class Expect
{
    /// <summary>The outcome is <see cref="Imported"/>; a refusal fails with its problems listed.</summary>
    public static Imported Imported(ImportOutcome outcome)
    {
        if (outcome is Refused refused)
            Assert.Fail("refused:\n" + string.Join("\n", refused.Problems.Take(10)));
        return Assert.IsType<Imported>(outcome);
    }
}

/// <summary>A temporary folder, deleted with its files at the end of the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("doorstroom-events-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
