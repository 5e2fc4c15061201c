using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Doorstroom.Storage;

/// <summary>
/// Where the data lives: one SQLite file (the embedded default, <c>doorstroom.db</c>) or a PostgreSQL server chosen
/// by a connection string. Everything above this class runs the same code on both; the few places that differ
/// (identity columns, bulk loading) ask <see cref="Dialect"/>. A PostgreSQL store opens its connections from one
/// <see cref="NpgsqlDataSource"/> (its pool), which <see cref="Dispose"/> closes.
/// </summary>
public sealed class Database : IDisposable
{
    /// <summary>The file used when no <c>--db</c> is given.</summary>
    public const string DefaultFile = "doorstroom.db";

    /// <summary>The environment variable that may name the store instead of <c>--db</c>.</summary>
    public const string Variable = "DOORSTROOM_DB";

    private readonly string _connectionString;
    private readonly NpgsqlDataSource? _dataSource;
    private volatile bool _migrated;

    private volatile bool _created;

    private Database(Dialect dialect, string connectionString, string description, string? file = null)
    {
        Dialect = dialect;
        _connectionString = connectionString;
        Description = description;
        File = file;
        if (dialect == Dialect.Postgres)
            _dataSource = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>The SQLite file's full path; null for PostgreSQL.</summary>
    public string? File { get; }

    /// <summary>SQLite or PostgreSQL.</summary>
    public Dialect Dialect { get; }

    /// <summary>What to show a person: the file path, or host/port/database without the password.</summary>
    public string Description { get; }

    /// <summary>
    /// The store named by <paramref name="target"/>: a PostgreSQL connection string (<c>Host=…</c> or a
    /// <c>postgresql://</c> URL) or else a SQLite file path; null means <c>$DOORSTROOM_DB</c> or <see cref="DefaultFile"/>.
    /// </summary>
    public static Database Open(string? target)
    {
        target = string.IsNullOrWhiteSpace(target) ? Environment.GetEnvironmentVariable(Variable) : target;
        if (string.IsNullOrWhiteSpace(target))
            target = DefaultFile;
        if (IsPostgres(target))
        {
            var builder = new NpgsqlConnectionStringBuilder(FromUrl(target));
            return new Database(Dialect.Postgres, builder.ConnectionString, $"PostgreSQL {builder.Host}:{builder.Port}/{builder.Database}");
        }

        var path = Path.GetFullPath(target);
        var sqlite = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true };
        return new Database(Dialect.Sqlite, sqlite.ConnectionString, $"SQLite {path}", path);
    }

    /// <summary>True when the text names a PostgreSQL server rather than a file.</summary>
    public static bool IsPostgres(string target) =>
        target.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
        || target.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
        || target.Contains("Host=", StringComparison.OrdinalIgnoreCase);

    private static string FromUrl(string target)
    {
        if (!target.Contains("://", StringComparison.Ordinal))
            return target;
        var uri = new Uri(target);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Database = uri.AbsolutePath.Trim('/'),
        };
        if (uri.UserInfo.Split(':', 2) is [var user, ..] && user.Length > 0)
            builder.Username = Uri.UnescapeDataString(user);
        if (uri.UserInfo.Split(':', 2) is [_, var password])
            builder.Password = Uri.UnescapeDataString(password);
        return builder.ConnectionString;
    }

    /// <summary>An open connection, configured for this store (SQLite: WAL, foreign keys, a busy timeout).</summary>
    public DbConnection Connect()
    {
        if (_dataSource is not null)
            return _dataSource.OpenConnection();

        CreatePrivately();
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        using var pragma = connection.CreateCommand();
        pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    /// <summary>
    /// A new SQLite file is created readable and writable by its owner only (0600): it holds pupils' data. SQLite gives
    /// the -wal and -shm files the mode of the database file.
    /// </summary>
    private void CreatePrivately()
    {
        if (_created || File is null || OperatingSystem.IsWindows())
            return;
        _created = true;
        if (System.IO.File.Exists(File) || Directory.Exists(File))
            return;
        try
        {
            using var created = new FileStream(
                File,
                new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                }
            );
        }
        catch (IOException)
        {
            // Made meanwhile by another connection, or its folder is missing: opening it says which.
        }
        catch (UnauthorizedAccessException)
        {
            // A folder we may not write to: opening the store says so.
        }
    }

    /// <summary>
    /// Opens a connection, the schema brought up to date: checked on the first call of this instance only (a web request
    /// or an import opens many connections; the schema does not go back in between).
    /// </summary>
    public DbConnection ConnectMigrated()
    {
        var connection = Connect();
        if (!_migrated)
        {
            Migrations.Apply(connection, Dialect);
            _migrated = true;
        }
        return connection;
    }

    /// <summary>Brings the schema up to date now (a host does this at startup, before it serves anything).</summary>
    public void Migrate()
    {
        using var connection = ConnectMigrated();
    }

    /// <inheritdoc />
    /// <summary>
    /// "column is in the list parameter", in each store's words: Dapper hands a list to Npgsql as one array
    /// (<c>= ANY(@p)</c>) and expands it into <c>IN (@p1, @p2, …)</c> for SQLite.
    /// </summary>
    internal static string InList(DbConnection connection, string column, string parameter) =>
        connection is Npgsql.NpgsqlConnection ? $"{column} = ANY(@{parameter})" : $"{column} IN @{parameter}";

    public override string ToString() => Description;

    /// <summary>Closes the PostgreSQL pool of this store (its idle connections); SQLite has nothing to close.</summary>
    public void Dispose() => _dataSource?.Dispose();
}
