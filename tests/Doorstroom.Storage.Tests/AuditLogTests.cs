using Dapper;
using Npgsql;

namespace Doorstroom.Storage.Tests;

/// <summary>The hash-chained audit log: intact after appends, and every kind of tampering is found at its entry, on both stores.</summary>
public sealed class AuditLogTests
{
    private const string Pupil = "P-1";

    private static AuditEntry Entry(int i) =>
        new(
            new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero).AddMinutes(i),
            $"intake{i % 3}",
            "intake",
            "25AA",
            Pupil,
            "gelezen",
            i % 2 == 0 ? "zorg" : "leerresultaten",
            "plaatsing",
            i % 4 == 0 ? "geweigerd" : "gedaan",
            i % 2 == 0 ? "P5" : "P3"
        );

    private static List<AuditEntry> AppendMany(TestStore store, int count) =>
        [.. Enumerable.Range(1, count).Select(i => AuditLog.Append(store.Database, Entry(i)))];

    private static void Sql(TestStore store, string sql, object? parameters = null)
    {
        using var connection = store.Database.ConnectMigrated();
        connection.Execute(sql, parameters);
    }

    private static void Insert(TestStore store, AuditEntry e) =>
        Sql(
            store,
            """
            INSERT INTO audit_log (seq, at, actor, role, institution, pupil, action, category, purpose, outcome, rule, prev_hash, hash)
            VALUES (@Seq, @At, @Actor, @Role, @Institution, @Pupil, @Action, @Category, @Purpose, @Outcome, @Rule, @PreviousHash, @Hash)
            """,
            new
            {
                e.Seq,
                At = e.At.ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", System.Globalization.CultureInfo.InvariantCulture),
                e.Actor,
                e.Role,
                e.Institution,
                e.Pupil,
                e.Action,
                e.Category,
                e.Purpose,
                e.Outcome,
                e.Rule,
                e.PreviousHash,
                e.Hash,
            }
        );

    private static AuditCheck Broken(TestStore store, long at)
    {
        var check = AuditLog.Verify(store.Database);
        Assert.False(check.Intact, "the tampering went unnoticed");
        Assert.True(check.BrokenAt == at, $"expected the break at entry {at}; found {check.BrokenAt}: {check.Problem}");
        return check;
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_chain_verifies_intact_after_appends(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Assert.Equal(new AuditCheck(0, null, null), AuditLog.Verify(store.Database));
        var appended = AppendMany(store, 12);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => (long)i), appended.Select(e => e.Seq));
        Assert.Equal(AuditLog.Genesis, appended[0].PreviousHash);
        Assert.All(appended.Skip(1).Zip(appended), p => Assert.Equal(p.Second.Hash, p.First.PreviousHash));

        var check = AuditLog.Verify(store.Database);
        Assert.True(check.Intact, check.Problem);
        Assert.Equal(12, check.Entries);
        // What is read back is what was written, hashes included.
        Assert.Equal(appended, AuditLog.ForPupil(store.Database, Pupil));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Verify_finds_an_altered_field_at_its_entry(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        AppendMany(store, 8);
        Sql(store, "UPDATE audit_log SET outcome = 'gedaan' WHERE seq = 4");
        var check = Broken(store, 4);
        Assert.Contains("entry 4 was altered", check.Problem, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Verify_finds_a_removed_entry(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        AppendMany(store, 8);
        Sql(store, "DELETE FROM audit_log WHERE seq = 5");
        var check = Broken(store, 6);
        Assert.Contains("entry 5 is missing", check.Problem, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Verify_finds_an_entry_inserted_between_even_when_it_chains_to_the_one_before(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var appended = AppendMany(store, 8);
        // Make room after entry 4 (in two steps: seq is a key) and put in a forged entry 5 that chains correctly to entry 4.
        Sql(store, "UPDATE audit_log SET seq = seq + 1000 WHERE seq >= 5");
        Sql(store, "UPDATE audit_log SET seq = seq - 999 WHERE seq >= 1000");
        var forged = AuditLog.Chain(Entry(99) with { Actor = "niemand", Outcome = "gedaan" }, 5, appended[3].Hash);
        Insert(store, forged);

        // The forged entry itself passes; the old entry 5, now at 6, cannot follow it without recomputing every later hash.
        var check = Broken(store, 6);
        Assert.Contains("does not follow entry 5", check.Problem, StringComparison.Ordinal);
        Assert.Equal(6, check.Entries);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Verify_finds_a_forged_last_entry_that_does_not_chain_to_the_tail(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var appended = AppendMany(store, 8);
        // A self-consistent entry 9 chained to entry 7's hash (say, copied from an older backup).
        Insert(store, AuditLog.Chain(Entry(9), 9, appended[6].Hash));
        var check = Broken(store, 9);
        Assert.Contains("does not follow entry 8", check.Problem, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Verify_finds_an_altered_entry_whose_hash_was_recomputed_at_the_entry_after_it(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var appended = AppendMany(store, 8);
        var altered = AuditLog.Chain(appended[6] with { Outcome = "gedaan", Rule = null }, 7, appended[5].Hash);
        Sql(
            store,
            "UPDATE audit_log SET outcome = @Outcome, rule = @Rule, hash = @Hash WHERE seq = 7",
            new
            {
                altered.Outcome,
                altered.Rule,
                altered.Hash,
            }
        );
        var check = Broken(store, 8);
        Assert.Contains("does not follow entry 7", check.Problem, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Verify_finds_an_altered_next_to_last_entry_when_only_the_last_was_rehashed(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var appended = AppendMany(store, 8);
        Sql(store, "UPDATE audit_log SET actor = 'iemand anders' WHERE seq = 7");
        var last = AuditLog.Chain(appended[7] with { Outcome = "geweigerd" }, 8, appended[6].Hash);
        Sql(store, "UPDATE audit_log SET outcome = @Outcome, hash = @Hash WHERE seq = 8", new { last.Outcome, last.Hash });
        var check = Broken(store, 7);
        Assert.Contains("entry 7 was altered", check.Problem, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_log_rewritten_whole_passes_the_walk_but_not_a_head_recorded_before(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var appended = AppendMany(store, 6);
        var before = AuditLog.Verify(store.Database);
        Assert.True(before.Intact);
        Assert.Equal(appended[5].Hash, before.HeadHash);

        // Someone with write access alters entry 3 and recomputes every hash from there on: the walk alone cannot tell.
        var previous = appended[1].Hash;
        for (var i = 2; i < appended.Count; i++)
        {
            var rewritten = AuditLog.Chain(i == 2 ? appended[i] with { Actor = "iemand anders" } : appended[i], i + 1, previous);
            Sql(
                store,
                "UPDATE audit_log SET actor = @Actor, prev_hash = @PreviousHash, hash = @Hash WHERE seq = @Seq",
                new
                {
                    rewritten.Actor,
                    rewritten.PreviousHash,
                    rewritten.Hash,
                    rewritten.Seq,
                }
            );
            previous = rewritten.Hash;
        }
        Assert.True(AuditLog.Verify(store.Database).Intact);

        var anchored = AuditLog.Verify(store.Database, (6, before.HeadHash!));
        Assert.False(anchored.Intact);
        Assert.Equal(6, anchored.BrokenAt);
        Assert.True(AuditLog.Verify(store.Database, (2, appended[1].Hash)).Intact, "entries before the rewrite still match their recorded hashes");
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_head_recorded_before_catches_a_log_cut_short(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var appended = AppendMany(store, 5);
        Sql(store, "DELETE FROM audit_log WHERE seq = 5");
        Assert.True(AuditLog.Verify(store.Database).Intact);
        var check = AuditLog.Verify(store.Database, (5, appended[4].Hash));
        Assert.Equal(5, check.BrokenAt);
        Assert.Contains("is gone", check.Problem, StringComparison.Ordinal);
    }

    [Theory, ClassData(typeof(BothStores))]
    public async Task Concurrent_appends_make_one_gapless_valid_chain(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        // The schema first: this test is about the chain, not about two first connections migrating a new store at once.
        store.Database.ConnectMigrated().Dispose();
        var tasks = Enumerable
            .Range(0, 4)
            .Select(t =>
                Task.Run(
                    () => Enumerable.Range(0, 25).Select(i => AuditLog.Append(store.Database, Entry(t * 100 + i)).Seq).ToList(),
                    TestContext.Current.CancellationToken
                )
            );
        var seqs = (await Task.WhenAll(tasks)).SelectMany(s => s).Order().ToList();

        Assert.Equal(Enumerable.Range(1, 100).Select(i => (long)i), seqs);
        var check = AuditLog.Verify(store.Database);
        Assert.True(check.Intact, check.Problem);
        Assert.Equal(100, check.Entries);
    }

    [Fact]
    public async Task Two_nodes_appending_at_once_to_one_PostgreSQL_store_make_one_valid_chain()
    {
        using var store = TestStore.Create(StoreKind.Postgres);
        store.Database.ConnectMigrated().Dispose();
        // Two web nodes: two Database instances, each with its own connection pool (as two processes have), nothing shared
        // but the server. Each writes single entries, batches and list reads, all released at once.
        Database Node(string name) =>
            Database.Open(new NpgsqlConnectionStringBuilder(store.Target) { Pooling = true, ApplicationName = name }.ConnectionString);
        Database[] nodes = [Node("web-1"), Node("web-2")];
        const int Writers = 6,
            Rounds = 15;
        using var start = new Barrier(Writers);
        var tasks = Enumerable
            .Range(0, Writers)
            .Select(w =>
                Task.Run(
                    () =>
                    {
                        var node = nodes[w % nodes.Length];
                        start.SignalAndWait(TestContext.Current.CancellationToken);
                        var seqs = new List<long>();
                        for (var i = 0; i < Rounds; i++)
                        {
                            var entry = Entry(w * 100 + i);
                            switch (i % 3)
                            {
                                case 0:
                                    seqs.Add(AuditLog.Append(node, entry).Seq);
                                    break;
                                case 1:
                                    seqs.AddRange(AuditLog.Append(node, [entry, entry with { Action = "gelezen-2" }]).Select(e => e.Seq));
                                    break;
                                default:
                                    seqs.Add(AuditLog.AppendList(node, entry, [$"P-{w}", $"P-{i}"]).Seq);
                                    break;
                            }
                        }
                        return seqs;
                    },
                    TestContext.Current.CancellationToken
                )
            );
        var all = (await Task.WhenAll(tasks)).SelectMany(s => s).Order().ToList();

        var expected = Writers * (Rounds / 3) * 4;
        Assert.Equal(Enumerable.Range(1, expected).Select(i => (long)i), all);
        var check = AuditLog.Verify(store.Database);
        Assert.True(check.Intact, check.Problem);
        Assert.Equal(expected, check.Entries);
    }
}
