using Doorstroom.Storage;

namespace Doorstroom.Testing;

/// <summary>The two stores every storage test runs on.</summary>
public enum StoreKind
{
    Sqlite,
    Postgres,
}

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
    private readonly string? _sqliteDirectory;
    private readonly TestPostgres? _postgres;

    private TestStore(Database database, string? sqliteDirectory, TestPostgres? postgres)
    {
        Database = database;
        _sqliteDirectory = sqliteDirectory;
        _postgres = postgres;
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
            return new TestStore(Database.Open(file), directory, null) { Target = file };
        }

        var postgres = TestPostgres.Create();
        return new TestStore(Database.Open(postgres.Target), null, postgres) { Target = postgres.Target };
    }

    public void Dispose()
    {
        Database.Dispose();
        if (_sqliteDirectory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDirectory, recursive: true);
            }
            catch (IOException) { }
        }

        _postgres?.Dispose();
    }
}
