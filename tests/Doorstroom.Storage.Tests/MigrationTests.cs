using Dapper;

namespace Doorstroom.Storage.Tests;

public sealed class MigrationTests
{
    [Theory, ClassData(typeof(BothStores))]
    public void A_new_store_gets_every_migration_once(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using (var first = store.Database.ConnectMigrated())
            Assert.Equal(Migrations.All.Select(m => m.Version), first.Query<int>("SELECT version FROM schema_migrations ORDER BY version"));

        // Opening again applies nothing twice: the versions stay one row each.
        using var second = store.Database.ConnectMigrated();
        Assert.Equal(Migrations.All.Length, second.ExecuteScalar<int>("SELECT COUNT(*) FROM schema_migrations"));
        Assert.Equal(0, second.ExecuteScalar<int>("SELECT COUNT(*) FROM event"));
    }

    [Fact]
    public async Task Nodes_starting_at_once_on_a_new_PostgreSQL_store_migrate_it_once()
    {
        using var store = TestStore.Create(StoreKind.Postgres);
        // Four web nodes started together on an empty store: each opens its first connection at the same moment.
        const int Nodes = 4;
        using var start = new Barrier(Nodes);
        var nodes = Enumerable
            .Range(1, Nodes)
            .Select(n => Database.Open(new Npgsql.NpgsqlConnectionStringBuilder(store.Target) { ApplicationName = $"web-{n}" }.ConnectionString))
            .ToList();
        await Task.WhenAll(
            nodes.Select(node =>
                Task.Run(
                    () =>
                    {
                        start.SignalAndWait(TestContext.Current.CancellationToken);
                        node.ConnectMigrated().Dispose();
                    },
                    TestContext.Current.CancellationToken
                )
            )
        );

        using var connection = store.Database.ConnectMigrated();
        Assert.Equal(Migrations.All.Select(m => m.Version).Order(), connection.Query<int>("SELECT version FROM schema_migrations ORDER BY version"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_unchanged_row_upserted_again_changes_nothing(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var connection = store.Database.ConnectMigrated();
        var upsert = new Upsert("mbo_instelling", ["brin4"], ["naam", "aoc"]);
        Assert.Equal(
            1,
            connection.Execute(
                upsert.Sql,
                new
                {
                    brin4 = "25GV",
                    naam = "Aeres MBO",
                    aoc = 1,
                }
            )
        );
        Assert.Equal(
            0,
            connection.Execute(
                upsert.Sql,
                new
                {
                    brin4 = "25GV",
                    naam = "Aeres MBO",
                    aoc = 1,
                }
            )
        );
        Assert.Equal(
            1,
            connection.Execute(
                upsert.Sql,
                new
                {
                    brin4 = "25GV",
                    naam = "Aeres MBO Ede",
                    aoc = 1,
                }
            )
        );
        Assert.Equal("Aeres MBO Ede", connection.ExecuteScalar<string>("SELECT naam FROM mbo_instelling WHERE brin4 = '25GV'"));
    }

    [Fact]
    public void A_connection_string_names_PostgreSQL_and_anything_else_a_SQLite_file()
    {
        Assert.Equal(Dialect.Postgres, Database.Open("Host=127.0.0.1;Database=x;Username=u;Password=secret").Dialect);
        Assert.Equal(Dialect.Postgres, Database.Open("postgresql://u:secret@127.0.0.1:5432/x").Dialect);
        var sqlite = Database.Open("some/where/my.db");
        Assert.Equal(Dialect.Sqlite, sqlite.Dialect);
        Assert.EndsWith(Path.Combine("some", "where", "my.db"), sqlite.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", Database.Open("postgresql://u:secret@127.0.0.1:5432/x").Description, StringComparison.Ordinal);
    }
}
