using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// One audit entry: who (actor, role, institution) did what (action) to whose dossier (pupil), which category, for which
/// purpose, with which outcome and by which rule. No dossier content is ever written here.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At, string Actor, string Role, string? Institution, string? Pupil, string Action,
    string? Category, string? Purpose, string Outcome, string? Rule)
{
    /// <summary>The position in the log, from 1.</summary>
    public long Seq { get; init; }

    /// <summary>The hash of the entry before (64 zeros for the first).</summary>
    public string PreviousHash { get; init; } = "";

    /// <summary>SHA-256 (hex) of <see cref="PreviousHash"/> and every field of this entry.</summary>
    public string Hash { get; init; } = "";
}

/// <summary>What <see cref="AuditLog.Verify"/> found: the number of entries and, when the chain is broken, where and how.</summary>
/// <param name="HeadHash">The hash of the last entry (the head): kept outside the store, it lets a later check catch a log rewritten whole.</param>
public sealed record AuditCheck(long Entries, long? BrokenAt, string? Problem, string? HeadHash = null)
{
    public bool Intact => Problem is null;
}

/// <summary>
/// The hash-chained audit log of the transfer dossier. Each entry carries the hash of the one before, so altering,
/// removing or inserting an entry breaks the chain at that point, and <see cref="Verify"/> says where.
/// </summary>
public static class AuditLog
{
    /// <summary>The previous hash of the first entry.</summary>
    public static readonly string Genesis = new('0', 64);

    private const string Columns = "seq, at, actor, role, institution, pupil, action, category, purpose, outcome, rule, prev_hash, hash";

    /// <summary>Appends an entry at the end of the chain (serialised: one writer at a time) and returns it with its seq and hashes.</summary>
    public static AuditEntry Append(Database database, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(entry);
        using var connection = database.ConnectMigrated();
        // SQLite: BEGIN IMMEDIATE takes the write lock before reading the tail; PostgreSQL: an exclusive table lock.
        using var transaction = connection.BeginTransaction(IsolationLevel.Serializable);
        var chained = Append(connection, transaction, database.Dialect, entry);
        transaction.Commit();
        return chained;
    }

    /// <summary>
    /// Appends an entry inside the caller's transaction (begun <see cref="IsolationLevel.Serializable"/>), so that what it
    /// records and the entry commit together or not at all.
    /// </summary>
    internal static AuditEntry Append(DbConnection connection, DbTransaction transaction, Dialect dialect, AuditEntry entry)
    {
        if (dialect == Dialect.Postgres) connection.Execute("LOCK TABLE audit_log IN EXCLUSIVE MODE", transaction: transaction);
        var tail = connection.QueryFirstOrDefault<(long Seq, string Hash)?>("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1", transaction: transaction);
        var chained = Chain(entry, (tail?.Seq ?? 0) + 1, tail?.Hash ?? Genesis);
        connection.Execute($"""
            INSERT INTO audit_log ({Columns})
            VALUES (@Seq, @At, @Actor, @Role, @Institution, @Pupil, @Action, @Category, @Purpose, @Outcome, @Rule, @PreviousHash, @Hash)
            """, Parameters(chained), transaction);
        return chained;
    }

    /// <summary>The entries about one pupil's dossier, oldest first: what the pupil reads on their audit page.</summary>
    public static ImmutableArray<AuditEntry> ForPupil(Database database, string pupil)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return [.. Read(connection, "WHERE pupil = @pupil", new { pupil })];
    }

    /// <summary>
    /// Walks the whole chain: seq must run 1, 2, 3 …, each prev_hash must be the hash before, each hash must match its fields.
    /// With an <paramref name="anchor"/> (a head recorded earlier outside the store), the entry at that seq must still carry
    /// that hash: a log rewritten whole, every hash recomputed, passes the walk but not the anchor.
    /// </summary>
    public static AuditCheck Verify(Database database, (long Seq, string Hash)? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        long expected = 1, count = 0;
        var previous = Genesis;
        foreach (var entry in Read(connection, "", null))
        {
            count++;
            if (entry.Seq != expected)
                return new(count, entry.Seq, entry.Seq > expected ? $"entry {expected} is missing (the log jumps to {entry.Seq})" : $"entry {entry.Seq} appears out of order");
            if (entry.PreviousHash != previous)
                return new(count, entry.Seq, $"entry {entry.Seq} does not follow entry {entry.Seq - 1}: an entry was removed, inserted or altered before it");
            if (Compute(entry) != entry.Hash)
                return new(count, entry.Seq, $"entry {entry.Seq} was altered: its fields no longer match its hash");
            if (anchor is { } a && a.Seq == entry.Seq && !string.Equals(a.Hash, entry.Hash, StringComparison.OrdinalIgnoreCase))
                return new(count, entry.Seq, $"entry {entry.Seq} no longer has the hash recorded for it ({a.Hash}): the log was rewritten up to there");
            previous = entry.Hash;
            expected++;
        }
        if (anchor is { } last && last.Seq > count)
            return new(count, last.Seq, $"entry {last.Seq}, recorded earlier, is gone: the log ends at entry {count}");
        return new(count, null, null, count == 0 ? null : previous);
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
        var text = string.Join('\u001f', e.PreviousHash, e.Seq.ToString(CultureInfo.InvariantCulture), Iso(e.At), e.Actor, e.Role,
            e.Institution ?? "\u001e", e.Pupil ?? "\u001e", e.Action, e.Category ?? "\u001e", e.Purpose ?? "\u001e", e.Outcome, e.Rule ?? "\u001e");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    private static object Parameters(AuditEntry e) => new
    {
        e.Seq, At = Iso(e.At), e.Actor, e.Role, e.Institution, e.Pupil, e.Action, e.Category, e.Purpose, e.Outcome, e.Rule, e.PreviousHash, e.Hash,
    };

    private static IEnumerable<AuditEntry> Read(DbConnection connection, string where, object? parameters)
    {
        foreach (var r in connection.Query<Row>($"""
            SELECT seq AS Seq, at AS At, actor AS Actor, role AS Role, institution AS Institution, pupil AS Pupil, action AS Action,
                   category AS Category, purpose AS Purpose, outcome AS Outcome, rule AS Rule, prev_hash AS PreviousHash, hash AS Hash
            FROM audit_log {where} ORDER BY seq
            """, parameters, buffered: false))
        {
            yield return new AuditEntry(DateTimeOffset.Parse(r.At, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
                r.Actor, r.Role, r.Institution, r.Pupil, r.Action, r.Category, r.Purpose, r.Outcome, r.Rule)
            {
                Seq = r.Seq, PreviousHash = r.PreviousHash, Hash = r.Hash,
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
