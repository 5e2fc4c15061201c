using Dapper;
using Npgsql;

namespace Doorstroom.Testing;

/// <summary>
/// A new, empty database on the PostgreSQL server of <c>$DOORSTROOM_TEST_PG</c>, dropped at the end; the calling test
/// is skipped with a message where that variable is not set (in CI it always is).
/// </summary>
public sealed class TestPostgres : IDisposable
{
    public const string Variable = "DOORSTROOM_TEST_PG";

    private readonly string _admin;

    private TestPostgres(string admin, string name)
    {
        _admin = admin;
        Name = name;
        Target = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
    }

    /// <summary>The database's name (doorstroom_t_ and sixteen hex digits).</summary>
    public string Name { get; }

    /// <summary>The connection string of the new database, without pooling (so that dropping it finds no open connection).</summary>
    public string Target { get; }

    /// <summary>Why PostgreSQL tests cannot run here, or null when they can.</summary>
    public static string? Missing =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(Variable))
            ? $"PostgreSQL is not configured: set {Variable} to a connection string of a user who may create databases (.ci/run does this)."
            : null;

    /// <summary>Creates the database, or skips the calling test with <see cref="Missing"/>.</summary>
    public static TestPostgres Create()
    {
        Assert.SkipWhen(Missing is not null, Missing ?? "");
        var admin = Environment.GetEnvironmentVariable(Variable)!;
        var name = "doorstroom_t_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(admin))
        {
            connection.Open();
            connection.Execute($"CREATE DATABASE {name}");
        }

        return new TestPostgres(admin, name);
    }

    public void Dispose()
    {
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        connection.Execute($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
