using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Doorstroom.Storage;

/// <summary>
/// The hash-chained audit log of the transfer dossier. Each entry carries the hash of the one before, so altering,
/// removing or inserting an entry breaks the chain at that point, and <see cref="Verify(Database, IReadOnlyCollection{AuditAnchor})"/> says where.
/// </summary>
public static class AuditLog
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Columns = "seq, at, actor, role, institution, pupil, action, category, purpose, outcome, rule, prev_hash, hash";

    /// <summary>Appends an entry at the end of the chain (serialised: one writer at a time) and returns it with its seq and hashes.</summary>
    public static AuditEntry Append(Database database, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return Append(database, [entry])[0];
    }

    /// <summary>
    /// Appends entries in one transaction (a list read logs one entry per pupil shown): one tail read, one lock, one commit.
    /// </summary>
    public static ImmutableArray<AuditEntry> Append(Database database, IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
            return [];
        return Write(database, (_, transaction) => Append(transaction, entries), _ => []);
    }

    /// <summary>Separates the view, the count and the digest in the purpose of a list read.</summary>
    public const string ListMark = " · ";

    /// <summary>
    /// Logs a list read: ONE entry (its pupil empty) whose purpose is the entry's purpose (the view), the number of pupils and
    /// a SHA-256 over their sorted keys, and one narrow <c>audit_read</c> row per pupil so each pupil finds it
    /// (<see cref="ForPupil(Database, string)"/>); all in one transaction. <see cref="Verify(Database, IReadOnlyCollection{AuditAnchor})"/> checks the rows
    /// against the digest.
    /// </summary>
    public static AuditEntry AppendList(Database database, AuditEntry entry, IEnumerable<string> pupils)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(pupils);
        var keys = pupils.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var listed = entry with
        {
            Pupil = null,
            Purpose = $"{entry.Purpose}{ListMark}{keys.Length.ToString(CultureInfo.InvariantCulture)} " + $"leerlingen{ListMark}{Digest(keys)}",
        };
        return Write(
            database,
            (connection, transaction) =>
            {
                var appended = Append(transaction, [listed])[0];
                InsertReads(connection, transaction, appended.Seq, keys);
                return appended;
            },
            _ => []
        );
    }

    /// <summary>The digest a list read's purpose ends with (a pupil-less entry whose purpose ends in 64 hex digits after the mark), or null.</summary>
    private static string? ListDigest(AuditEntry entry) =>
        entry.Pupil is null
        && entry.Purpose is { } purpose
        && purpose.LastIndexOf(ListMark, StringComparison.Ordinal) is > 0 and var mark
        && purpose[(mark + ListMark.Length)..] is { Length: 64 } digest
        && digest.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            ? digest
            : null;

    private static string Digest(IEnumerable<string> sortedKeys) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', sortedKeys))));

    private static void InsertReads(DbConnection connection, DbTransaction transaction, long seq, string[] keys)
    {
        if (keys.Length == 0)
            return;
        if (connection is NpgsqlConnection)
        {
            connection.Execute("INSERT INTO audit_read (pupil, seq) SELECT unnest(@keys::text[]), @seq", new { keys, seq }, transaction);
            return;
        }
        // SQLite: one statement over a JSON array (json_each), no round of the driver per pupil.
        connection.Execute(
            "INSERT INTO audit_read (pupil, seq) SELECT value, @seq FROM json_each(@keys)",
            new { keys = System.Text.Json.JsonSerializer.Serialize(keys), seq },
            transaction
        );
    }

    /// <summary>
    /// Runs <paramref name="write"/> and appends the audit entries <paramref name="audit"/> makes of its result in ONE
    /// transaction: both are stored or neither (a crash, or a failure in between, leaves no write without its entry). The
    /// transaction is a write transaction from its start (SQLite <c>BEGIN IMMEDIATE</c>; PostgreSQL takes the audit lock
    /// first, so two writers never wait on each other's rows while holding it). Returns the write's result.
    /// </summary>
    public static T Write<T>(Database database, Func<DbConnection, DbTransaction, T> write, Func<T, IEnumerable<AuditEntry>> audit)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(write);
        ArgumentNullException.ThrowIfNull(audit);
        // PostgreSQL may refuse a SERIALIZABLE commit (40001) when concurrent transactions read what this one wrote, even under
        // the audit lock (the list reads' audit_read rows); nothing of the attempt is stored then, so it is run again, a few times.
        var attempt = 0;
        while (true)
        {
            attempt++;
            try
            {
                using var connection = database.ConnectMigrated();
                using var transaction = BeginWrite(connection);
                var result = write(connection, transaction);
                Append(transaction, [.. audit(result)]);
                transaction.Commit();
                return result;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.SerializationFailure && attempt < MaxAttempts)
            {
                // Run again in a new transaction.
            }
        }
    }

    /// <summary>How often <see cref="Write{T}"/> runs a write that PostgreSQL refused to serialize before it lets the failure go.</summary>
    private const int MaxAttempts = 4;

    /// <summary>
    /// A write transaction that may append to the audit log: SQLite <c>BEGIN IMMEDIATE</c> (the write lock before the tail is
    /// read); PostgreSQL an exclusive lock on the audit table, taken first and held until the commit.
    /// </summary>
    public static DbTransaction BeginWrite(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Microsoft.Data.Sqlite begins a non-deferred transaction with BEGIN IMMEDIATE.
        var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
        if (connection is NpgsqlConnection)
            connection.Execute("LOCK TABLE audit_log IN EXCLUSIVE MODE", transaction: transaction);
        return transaction;
    }

    /// <summary>
    /// Appends entries at the end of the chain inside the caller's transaction, which must be a write transaction from its
    /// start (<see cref="BeginWrite"/>): nothing is stored until the caller commits, and a rollback takes the entries with it.
    /// </summary>
    public static ImmutableArray<AuditEntry> Append(DbTransaction transaction, IReadOnlyList<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
            return [];
        var connection = transaction.Connection ?? throw new ArgumentException("the transaction has ended", nameof(transaction));
        var postgres = connection is NpgsqlConnection;
        if (postgres)
            connection.Execute("LOCK TABLE audit_log IN EXCLUSIVE MODE", transaction: transaction);
        var tail = connection.QueryFirstOrDefault<(long Seq, string Hash)?>(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT " + "1",
            transaction: transaction
        );
        var chained = ImmutableArray.CreateBuilder<AuditEntry>(entries.Count);
        long seq = tail?.Seq ?? 0;
        var previous = tail?.Hash ?? Genesis;
        foreach (var entry in entries)
        {
            ArgumentNullException.ThrowIfNull(entry);
            var placed = Chain(entry, ++seq, previous);
            chained.Add(placed);
            previous = placed.Hash;
        }
        if (postgres)
            InsertPostgres(connection, transaction, chained);
        else
            InsertSqlite(connection, transaction, chained);
        return chained.MoveToImmutable();
    }

    /// <summary>Appends one entry inside the caller's write transaction (<see cref="BeginWrite"/>); see <see cref="Append(DbTransaction,
    /// IReadOnlyList{AuditEntry})"/>.</summary>
    internal static AuditEntry Append(DbTransaction transaction, AuditEntry entry) => Append(transaction, [entry])[0];

    private const string Insert = $"""
        INSERT INTO audit_log ({Columns})
        VALUES (@Seq, @At, @Actor, @Role, @Institution, @Pupil, @Action, @Category, @Purpose, @Outcome, @Rule, @PreviousHash, @Hash)
        """;

    // SQLite: one prepared statement, its parameters rebound per row (no SQL text to parse per row).
    private static void InsertSqlite(DbConnection connection, DbTransaction transaction, ImmutableArray<AuditEntry>.Builder entries)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Insert;
        string[] names = ["Seq", "At", "Actor", "Role", "Institution", "Pupil", "Action", "Category", "Purpose", "Outcome", "Rule", "PreviousHash", "Hash"];
        var parameters = names
            .Select(name =>
            {
                var p = command.CreateParameter();
                p.ParameterName = "@" + name;
                command.Parameters.Add(p);
                return p;
            })
            .ToArray();
        command.Prepare();
        foreach (var e in entries)
        {
            object?[] values =
            [
                e.Seq,
                Iso(e.At),
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
            ];
            for (var i = 0; i < values.Length; i++)
                parameters[i].Value = values[i] ?? DBNull.Value;
            command.ExecuteNonQuery();
        }
    }

    // PostgreSQL: one statement for the whole batch (one round trip), the columns as arrays.
    private static void InsertPostgres(DbConnection connection, DbTransaction transaction, ImmutableArray<AuditEntry>.Builder entries)
    {
        if (entries.Count == 1)
        {
            connection.Execute(Insert, Parameters(entries[0]), transaction);
            return;
        }
        connection.Execute(
            $"""
            INSERT INTO audit_log ({Columns})
            SELECT * FROM unnest(@Seq::bigint[], @At::text[], @Actor::text[], @Role::text[], @Institution::text[], @Pupil::text[], @Action::text[],
                                 @Category::text[], @Purpose::text[], @Outcome::text[], @Rule::text[], @PreviousHash::text[], @Hash::text[])
            """,
            new
            {
                Seq = entries.Select(e => e.Seq).ToArray(),
                At = entries.Select(e => Iso(e.At)).ToArray(),
                Actor = entries.Select(e => e.Actor).ToArray(),
                Role = entries.Select(e => e.Role).ToArray(),
                Institution = entries.Select(e => e.Institution).ToArray(),
                Pupil = entries.Select(e => e.Pupil).ToArray(),
                Action = entries.Select(e => e.Action).ToArray(),
                Category = entries.Select(e => e.Category).ToArray(),
                Purpose = entries.Select(e => e.Purpose).ToArray(),
                Outcome = entries.Select(e => e.Outcome).ToArray(),
                Rule = entries.Select(e => e.Rule).ToArray(),
                PreviousHash = entries.Select(e => e.PreviousHash).ToArray(),
                Hash = entries.Select(e => e.Hash).ToArray(),
            },
            transaction
        );
    }

    /// <summary>The entries about one pupil's dossier, oldest first: what the pupil reads on their audit page.</summary>
    public static ImmutableArray<AuditEntry> ForPupil(Database database, string pupil)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        // The pupil's own entries and the list reads that showed them; a list read is shown with this pupil and its view only
        // (never the number or digest of the others it showed).
        return
        [
            .. Read(
                    connection,
                    "WHERE pupil = @pupil OR (pupil IS NULL AND EXISTS (SELECT 1 FROM audit_read r WHERE r.seq = audit_log.seq AND r.pupil = " + "@pupil))",
                    new { pupil }
                )
                .Select(e =>
                    e.Pupil is null && e.Purpose is { } purpose && purpose.IndexOf(ListMark, StringComparison.Ordinal) is > 0 and var cut
                        ? e with
                        {
                            Pupil = pupil,
                            Purpose = purpose[..cut],
                        }
                        : e
                ),
        ];
    }

    /// <summary>The entries about one pupil with one of these actions, oldest first.</summary>
    public static ImmutableArray<AuditEntry> ForPupil(Database database, string pupil, IReadOnlyCollection<string> actions)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(actions);
        using var connection = database.ConnectMigrated();
        return
        [
            .. Read(
                connection,
                $"WHERE pupil = @pupil AND " + $"{Database.InList(connection, "action", "actions")}",
                new { pupil, actions = actions.ToArray() }
            ),
        ];
    }

    /// <summary>
    /// Walks the whole chain: seq must run 1, 2, 3 …, each prev_hash must be the hash before, each hash must match its fields.
    /// With an <paramref name="anchor"/> (a head recorded earlier outside the store), the entry at that seq must still carry
    /// that hash: a log rewritten whole, every hash recomputed, passes the walk but not the anchor.
    /// </summary>
    public static AuditCheck Verify(Database database, (long Seq, string Hash)? anchor = null) =>
        Verify(database, anchor is { } a ? [new AuditAnchor(a.Seq, a.Hash, null, "--anchor")] : []);

    /// <summary>
    /// Walks the whole chain as <see cref="Verify(Database, ValueTuple{long, string}?)"/> does, checking every anchor (heads
    /// recorded outside the store, <see cref="AuditAnchors"/>): each anchored entry must still exist with its hash.
    /// </summary>
    public static AuditCheck Verify(Database database, IReadOnlyCollection<AuditAnchor> anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        var anchored = anchors.GroupBy(a => a.Seq).ToDictionary(g => g.Key, g => g.ToList());
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        long expected = 1,
            count = 0;
        var previous = Genesis;
        var lists = new Dictionary<long, string>();
        foreach (var entry in Read(connection, "", null))
        {
            count++;
            if (entry.Seq != expected)
                return new(
                    count,
                    entry.Seq,
                    entry.Seq > expected ? $"entry {expected} is missing (the log jumps to " + $"{entry.Seq})" : $"entry {entry.Seq} appears out of order"
                );
            if (entry.PreviousHash != previous)
                return new(count, entry.Seq, $"entry {entry.Seq} does not follow entry {entry.Seq - 1}: an entry was removed, inserted or altered before it");
            if (Compute(entry) != entry.Hash)
                return new(count, entry.Seq, $"entry {entry.Seq} was altered: its fields no longer match its hash");
            if (
                anchored.TryGetValue(entry.Seq, out var here)
                && here.FirstOrDefault(a => !string.Equals(a.Hash, entry.Hash, StringComparison.OrdinalIgnoreCase)) is { } a
            )
                return new(
                    count,
                    entry.Seq,
                    $"entry {entry.Seq} no longer has the hash recorded for it ({a.Hash}, {a.Source}): the log was rewritten up to "
                        + $"there, or the record was altered"
                );
            if (ListDigest(entry) is { } digest)
                lists[entry.Seq] = digest;
            previous = entry.Hash;
            expected++;
        }
        if (anchors.Where(a => a.Seq > count).MaxBy(a => a.Seq) is { } last)
            return new(count, last.Seq, $"entry {last.Seq}, recorded earlier, is gone: the log ends at entry {count} (recorded in {last.Source})");
        if (Lists(connection, lists, count) is { } broken)
            return new(count, broken, $"entry {broken}: the pupils it showed (audit_read) no longer match its hash: a row was removed, added or altered");
        return new(count, null, null, count == 0 ? null : previous);
    }

    /// <summary>The first list read whose audit_read rows do not match its digest (or rows without a list read), or null.</summary>
    /// <remarks>Rows after <paramref name="last"/> (the walk's last entry) belong to list reads appended since, and wait for the next walk.</remarks>
    private static long? Lists(DbConnection connection, Dictionary<long, string> lists, long last)
    {
        long? first = null;
        void Broken(long seq) => first = first is { } f ? Math.Min(f, seq) : seq;
        var seen = new HashSet<long>();
        long current = -1;
        var keys = new List<string>();
        void Close()
        {
            if (current < 0)
                return;
            seen.Add(current);
            keys.Sort(StringComparer.Ordinal);
            if (!lists.TryGetValue(current, out var digest) || digest != Digest(keys))
                Broken(current);
        }
        foreach (
            var (seq, pupil) in connection.Query<(long Seq, string Pupil)>(
                "SELECT seq, pupil FROM audit_read WHERE seq <= @last ORDER BY " + "seq",
                new { last },
                buffered: false
            )
        )
        {
            if (seq != current)
            {
                Close();
                current = seq;
                keys.Clear();
            }
            keys.Add(pupil);
        }
        Close();
        // A list read with no rows left at all: only right when it showed nobody.
        foreach (var (seq, digest) in lists)
            if (!seen.Contains(seq) && digest != Digest([]))
                Broken(seq);
        return first;
    }

    /// <summary>The entry with its place in the chain and its hash.</summary>
    public static AuditEntry Chain(AuditEntry entry, long seq, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var placed = entry with { Seq = seq, PreviousHash = previousHash, At = entry.At.ToUniversalTime() };
        return placed with { Hash = Compute(placed) };
    }

    private static string Compute(AuditEntry e)
    {
        // Fields separated by the unit separator, nulls as the record separator: no text can make two entries hash alike.
        var text = string.Join(
            '\u001f',
            e.PreviousHash,
            e.Seq.ToString(CultureInfo.InvariantCulture),
            Iso(e.At),
            e.Actor,
            e.Role,
            e.Institution ?? "\u001e",
            e.Pupil ?? "\u001e",
            e.Action,
            e.Category ?? "\u001e",
            e.Purpose ?? "\u001e",
            e.Outcome,
            e.Rule ?? "\u001e"
        );
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static object Parameters(AuditEntry e) =>
        new
        {
            e.Seq,
            At = Iso(e.At),
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
        };

    private static IEnumerable<AuditEntry> Read(DbConnection connection, string where, object? parameters)
    {
        foreach (
            var r in connection.Query<Row>(
                $"""
                SELECT seq AS Seq, at AS At, actor AS Actor, role AS Role, institution AS Institution, pupil AS Pupil, action AS Action,
                       category AS Category, purpose AS Purpose, outcome AS Outcome, rule AS Rule, prev_hash AS PreviousHash, hash AS Hash
                FROM audit_log {where} ORDER BY seq
                """,
                parameters,
                buffered: false
            )
        )
        {
            yield return new AuditEntry(
                DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                r.Actor,
                r.Role,
                r.Institution,
                r.Pupil,
                r.Action,
                r.Category,
                r.Purpose,
                r.Outcome,
                r.Rule
            )
            {
                Seq = r.Seq,
                PreviousHash = r.PreviousHash,
                Hash = r.Hash,
            };
        }
    }

    private sealed class Row
    {
        public long Seq { get; set; }
        public string At { get; set; } = "";
        public string Actor { get; set; } = "";
        public string Role { get; set; } = "";
        public string? Institution { get; set; }
        public string? Pupil { get; set; }
        public string Action { get; set; } = "";
        public string? Category { get; set; }
        public string? Purpose { get; set; }
        public string Outcome { get; set; } = "";
        public string? Rule { get; set; }
        public string PreviousHash { get; set; } = "";
        public string Hash { get; set; } = "";
    }
}
