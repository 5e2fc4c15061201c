using System.Buffers;
using System.Collections.Immutable;
using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Data.Common;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>An event together with the attributes of its pupil, as events travel in files and out of the store.</summary>
/// <param name="Event">The event; <see cref="TransitionEvent.Pupil"/> is the pseudonymous key.</param>
/// <param name="Synthetic">True for a generated pupil (demo, benchmark), never to be presented as real.</param>
/// <param name="BirthDate">The pupil's date of birth, when known.</param>
public sealed record EventRecord(TransitionEvent Event, bool Synthetic = false, DateOnly? BirthDate = null);

/// <summary>One pupil's stream as it counts, and how many stored rows of it could not be read as events (and were left out).</summary>
public sealed record PupilEvents(ImmutableArray<TransitionEvent> Events, int Skipped);

/// <summary>A stored event with its row id (what <c>doorstroom events void --id</c> names).</summary>
public sealed record StoredEvent(long Id, TransitionEvent Event);

/// <summary>
/// The stored rows a read left out because it could not interpret them (a row put in by SQL past every check): how many,
/// and for the first few the row id and what was wrong — never a pupil key or a value, so it may go to a log.
/// </summary>
public sealed class SkippedRows
{
    private readonly List<string> _examples = [];

    /// <summary>How many rows were left out.</summary>
    public long Count { get; private set; }

    /// <summary>Up to five of them: "event 42: its date lies outside …".</summary>
    public IReadOnlyList<string> Examples => _examples;

    internal void Add(long id, string problem)
    {
        Count++;
        if (_examples.Count < 5) _examples.Add($"event {id}: {problem}");
    }

    /// <summary>One line for a person: none when nothing was skipped.</summary>
    public string? Note() => Count == 0 ? null
        : $"{Count:N0} stored event{(Count == 1 ? "" : "s")} could not be read and {(Count == 1 ? "was" : "were")} left out ({string.Join("; ", Examples)}{(Count > Examples.Count ? "; …" : "")}); correct or remove {(Count == 1 ? "it" : "them")} in the store";
}

/// <summary>What an append did.</summary>
/// <param name="Events">Events offered.</param>
/// <param name="Inserted">Events newly stored; the rest were already in their pupil's stream.</param>
/// <param name="NewPupils">Pupils created.</param>
public sealed record Appended(long Events, long Inserted, long NewPupils);

/// <summary>
/// The identity of an event within its pupil's stream: the first 8 bytes (little-endian) of XxHash3-64 (seed 0) over a
/// canonical encoding of date, kind and every field. XxHash3 rather than SHA-256 because the digest is an identity, not
/// a security boundary (the pupil id is part of the key), and it is ~20× cheaper per event; the algorithm is a fixed
/// specification, so digests stay stable across versions. The encoding is in docs/events.md.
/// </summary>
public static class EventDigest
{
    /// <summary>The digest of an event (the pupil key is not part of it).</summary>
    public static long Of(TransitionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Span<byte> date = stackalloc byte[10];
        e.Date.TryFormat(date, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Span<byte> numbers = stackalloc byte[33];
        var n1 = Number(e.Leerjaar, numbers[..11]);
        var n2 = Number(e.Niveau, numbers[11..22]);
        var n3 = Number(e.Crebo, numbers[22..]);

        var length = 9 * 2 + 10 + EventNames.KindUtf8(e.Kind).Length + Utf8Length(e.Institution)
            + (e.Leerweg is { } lw ? EventNames.LeerwegUtf8(lw).Length : 0) + Math.Max(n1, 0) + Math.Max(n2, 0) + Math.Max(n3, 0)
            + Utf8Length(e.Route) + Utf8Length(e.Detail) + (e.Voids is null ? 0 : 2 + 16);
        byte[]? rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var buffer = rented is null ? stackalloc byte[1024] : rented;
        var at = 0;
        Put(buffer, ref at, date);
        Put(buffer, ref at, EventNames.KindUtf8(e.Kind));
        PutText(buffer, ref at, e.Institution);
        if (e.Leerweg is { } leerweg) Put(buffer, ref at, EventNames.LeerwegUtf8(leerweg)); else Null(buffer, ref at);
        PutNumber(buffer, ref at, numbers[..11], n1);
        PutNumber(buffer, ref at, numbers[11..22], n2);
        PutNumber(buffer, ref at, numbers[22..], n3);
        PutText(buffer, ref at, e.Route);
        PutText(buffer, ref at, e.Detail);
        // A tenth field only on a correction, so every other event keeps the digest it was stored with.
        if (e.Voids is { } voids)
        {
            Span<byte> hex = stackalloc byte[16];
            unchecked((ulong)voids).TryFormat(hex, out _, "x16", CultureInfo.InvariantCulture);
            Put(buffer, ref at, hex);
        }
        var digest = unchecked((long)XxHash3.HashToUInt64(buffer[..at]));
        if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        return digest;

        static int Utf8Length(string? s) => s is null ? 0 : Encoding.UTF8.GetByteCount(s);
        static int Number(int? value, Span<byte> into) => value is { } v && v.TryFormat(into, out var written, default, CultureInfo.InvariantCulture) ? written : -1;
        static void Null(Span<byte> buffer, ref int at)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], 0xFFFF);
            at += 2;
        }
        static void Put(Span<byte> buffer, ref int at, ReadOnlySpan<byte> value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], (ushort)value.Length);
            value.CopyTo(buffer[(at + 2)..]);
            at += 2 + value.Length;
        }
        static void PutNumber(Span<byte> buffer, ref int at, ReadOnlySpan<byte> digits, int length)
        {
            if (length < 0) Null(buffer, ref at); else Put(buffer, ref at, digits[..length]);
        }
        static void PutText(Span<byte> buffer, ref int at, string? text)
        {
            if (text is null)
            {
                Null(buffer, ref at);
                return;
            }

            var written = Encoding.UTF8.GetBytes(text, buffer[(at + 2)..]);
            BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], (ushort)written);
            at += 2 + written;
        }
    }
}

/// <summary>The names events are written with: the <see cref="EventKind"/> names and the leerwegen as <see cref="JsonSpelling"/> spells them.</summary>
public static class EventNames
{
    private static readonly string[] Kinds = Enum.GetNames<EventKind>();
    private static readonly byte[][] KindsUtf8 = [.. Kinds.Select(Encoding.UTF8.GetBytes)];
    private static readonly string[] Leerwegen = [.. Enum.GetValues<Leerweg>().Select(JsonSpelling.Of)];
    private static readonly byte[][] LeerwegenUtf8 = [.. Leerwegen.Select(Encoding.UTF8.GetBytes)];
    private static readonly FrozenDictionary<string, EventKind>.AlternateLookup<ReadOnlySpan<char>> KindLookup =
        Enum.GetValues<EventKind>().ToFrozenDictionary(k => k.ToString(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, Leerweg>.AlternateLookup<ReadOnlySpan<char>> LeerwegLookup =
        JsonSpelling.Leerwegen.ToFrozenDictionary(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The kind's name, e.g. <c>Ingeschreven</c>.</summary>
    public static string Kind(EventKind kind) => Kinds[(int)kind];

    /// <summary>The leerweg in lowercase, e.g. <c>bol</c>.</summary>
    public static string Leerweg(Leerweg leerweg) => Leerwegen[(int)leerweg];

    /// <summary>The kind named exactly so (case-sensitive), if any.</summary>
    public static bool TryKind(ReadOnlySpan<char> name, out EventKind kind) => KindLookup.TryGetValue(name, out kind);

    /// <summary>The leerweg named exactly so in lowercase, if any.</summary>
    public static bool TryLeerweg(ReadOnlySpan<char> name, out Leerweg leerweg) => LeerwegLookup.TryGetValue(name, out leerweg);

    /// <summary>What a kind cell must hold.</summary>
    public static string KindExpected { get; } = "an event type: one of " + string.Join(", ", Kinds);

    /// <summary>What a leerweg cell must hold.</summary>
    public static string LeerwegExpected { get; } = "a leerweg: one of " + string.Join(", ", Leerwegen);

    internal static ReadOnlySpan<byte> KindUtf8(EventKind kind) => KindsUtf8[(int)kind];

    internal static ReadOnlySpan<byte> LeerwegUtf8(Leerweg leerweg) => LeerwegenUtf8[(int)leerweg];

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An event's identity (its digest) as the formats, the API and the CLI write it: 16 lowercase hex digits.</summary>
    public static string Identity(long digest) => unchecked((ulong)digest).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>An identity written as 16 hex digits, if the text is one.</summary>
    public static bool TryIdentity(ReadOnlySpan<char> text, out long digest)
    {
        digest = 0;
        if (text.Length != 16 || !ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value)) return false;
        digest = unchecked((long)value);
        return true;
    }

    /// <summary>What an identity cell must hold.</summary>
    public const string IdentityExpected = "an event id: 16 hexadecimal digits";

    /// <summary>Empty text is no value: the formats cannot tell an empty cell from a missing one, so neither does the store.</summary>
    internal static TransitionEvent Normalize(TransitionEvent e) =>
        e.Institution is "" || e.Route is "" || e.Detail is ""
            ? e with { Institution = NullIfEmpty(e.Institution), Route = NullIfEmpty(e.Route), Detail = NullIfEmpty(e.Detail) }
            : e;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}

/// <summary>
/// The pupils' event streams in a <see cref="Database"/>: append (idempotent: an event already in its pupil's stream
/// is skipped) and read back. One code path for both stores; only the bulk write differs per dialect
/// (SQLite: multi-row prepared INSERT … ON CONFLICT DO NOTHING; PostgreSQL: binary COPY).
/// </summary>
public sealed class EventStore(Database database)
{
    /// <summary>The columns <see cref="TryReadEvent"/> reads, in its order (<c>e</c> the event, <c>p</c> its pupil).</summary>
    internal const string EventColumns = """
        p.pkey, p.synthetic, p.birth_date, e.kind, e.on_date, e.institution, e.leerweg, e.leerjaar, e.niveau, e.crebo, e.route, e.detail, e.voids, e.id
        """;

    /// <summary>
    /// Appends events, creating their pupils, in one transaction: all of them or, when one is not well formed
    /// (<see cref="EventShapes.Check"/>) or its pupil attributes contradict the store, none (and an
    /// <see cref="ArgumentException"/> says which).
    /// </summary>
    public Appended Append(IEnumerable<EventRecord> events, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var connection = database.ConnectMigrated();
        using var transaction = connection.BeginTransaction();
        var result = Append(connection, transaction, events, progress, cancellationToken);
        transaction.Commit();
        return result;
    }

    /// <summary>
    /// Appends events inside the caller's transaction (a consent change with its audit entry, <see cref="AuditLog.Write{T}"/>):
    /// when one is not well formed an <see cref="ArgumentException"/> says which, and the caller's rollback stores none.
    /// </summary>
    public Appended Append(DbConnection connection, DbTransaction transaction, IEnumerable<EventRecord> events,
        IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        var problems = new List<(long Line, string Field, string Message)>();
        Appended result;
        using (var appender = new EventAppender(connection, transaction, database.Dialect, (line, field, message) => problems.Add((line, field, message)), progress))
        {
            long line = 0;
            foreach (var record in events)
            {
                cancellationToken.ThrowIfCancellationRequested();
                appender.Add(++line, record);
                if (problems.Count > 0) break;
            }

            result = appender.Complete();
        }

        if (problems.Count > 0)
            throw new ArgumentException($"event {problems[0].Line}: {problems[0].Field}: {problems[0].Message}; nothing was stored", nameof(events));
        return result;
    }

    /// <summary>
    /// One pupil's stream as it counts, in order of date and then of arrival; empty for an unknown pupil. A stored row that
    /// cannot be read as an event is left out (<see cref="Read"/> counts them); so are the events a correction voided and
    /// the corrections (<see cref="Corrections"/>).
    /// </summary>
    public IReadOnlyList<TransitionEvent> Stream(string pupil) => Read(pupil).Events;

    /// <summary>One pupil's stream as it counts (see <see cref="Stream"/>), and how many stored rows could not be read.</summary>
    public PupilEvents Read(string pupil)
    {
        var (events, skipped) = Raw(pupil);
        return new PupilEvents(Counted(events), (int)skipped.Count);
    }

    /// <summary>One pupil's stored events as they are, corrections and voided events included, each with its id; unreadable rows counted.</summary>
    public (ImmutableArray<StoredEvent> Events, SkippedRows Skipped) Raw(string pupil)
    {
        using var connection = database.ConnectMigrated();
        return Raw(pupil, connection, null);
    }

    internal static (ImmutableArray<StoredEvent> Events, SkippedRows Skipped) Raw(string pupil, DbConnection connection, DbTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT {EventColumns} FROM event e JOIN pupil p ON p.id = e.pupil_id WHERE p.pkey = @pkey ORDER BY e.on_date, e.id";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "pkey";
        parameter.Value = pupil;
        command.Parameters.Add(parameter);
        var skipped = new SkippedRows();
        var events = ImmutableArray.CreateBuilder<StoredEvent>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (TryReadEvent(reader, 0, skipped) is { } record)
                events.Add(new StoredEvent(Convert.ToInt64(reader.GetValue(13), CultureInfo.InvariantCulture), record.Event));
        }
        return (events.ToImmutable(), skipped);
    }

    /// <summary>The stream as it counts: without voided events and corrections (<see cref="Corrections.Apply"/> by digest).</summary>
    internal static ImmutableArray<TransitionEvent> Counted(ImmutableArray<StoredEvent> events)
    {
        var stream = events.Select(e => e.Event).ToImmutableArray();
        return Corrections.Any(stream.AsSpan()) ? Corrections.Apply(stream.AsSpan(), EventDigest.Of) : stream;
    }

    /// <summary>
    /// Every event with its pupil's attributes, streamed (never all in memory), pupil by pupil in the order the
    /// pupils were created, each pupil's stream in order of date and then arrival; corrections and voided events
    /// included (an export keeps them). A row that cannot be read as an event is left out and counted (in the <see cref="SkippedRows"/> given).
    /// </summary>
    public IEnumerable<EventRecord> ReadAll(CancellationToken cancellationToken = default) => ReadAll(new SkippedRows(), cancellationToken);

    /// <inheritdoc cref="ReadAll(CancellationToken)"/>
    public IEnumerable<EventRecord> ReadAll(SkippedRows skipped, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(skipped);
        using var connection = database.ConnectMigrated();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {EventColumns} FROM event e JOIN pupil p ON p.id = e.pupil_id ORDER BY e.pupil_id, e.on_date, e.id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryReadEvent(reader, 0, skipped) is { } record) yield return record;
        }
    }

    /// <summary>
    /// The id of the newest event (0 when there is none). The stream is append-only, so a different value means events
    /// were added; unlike <see cref="Count"/> it costs one index step, not a scan of every event.
    /// </summary>
    public long Version()
    {
        using var connection = database.ConnectMigrated();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) FROM event";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>How many events the store holds.</summary>
    public long Count()
    {
        using var connection = database.ConnectMigrated();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM event";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The event at the reader's row, its <see cref="EventColumns"/> starting at column <paramref name="offset"/>; null (and
    /// counted in <paramref name="skipped"/>) for a row that is not an event this version can interpret: put in by SQL
    /// past the checks, a date that does not parse or lies outside <see cref="ContractDates"/>, an unknown kind or leerweg.
    /// An unreadable birth date is read as unknown. Never throws for a row's content.
    /// </summary>
    internal static EventRecord? TryReadEvent(DbDataReader reader, int offset, SkippedRows skipped)
    {
        string? Text(int i) => reader.IsDBNull(offset + i) ? null : reader.GetString(offset + i);
        int? Int(int i) => reader.IsDBNull(offset + i) ? null : Convert.ToInt32(reader.GetValue(offset + i), CultureInfo.InvariantCulture);
        string problem;
        try
        {
            var kindName = reader.GetString(offset + 3);
            if (!TryDate(reader.GetValue(offset + 4), out var date)) problem = "its date is not a date";
            else if (!ContractDates.Contains(date)) problem = $"its date lies outside {ContractDates.Range}";
            else if (!EventNames.TryKind(kindName, out var kind)) problem = "its kind is unknown";
            else if (!reader.IsDBNull(offset + 6) && !EventNames.TryLeerweg(reader.GetString(offset + 6), out _)) problem = "its leerweg is unknown";
            else
            {
                Leerweg? leerweg = reader.IsDBNull(offset + 6) ? null : EventNames.TryLeerweg(reader.GetString(offset + 6), out var lw) ? lw : null;
                var e = new TransitionEvent(reader.GetString(offset), date, kind, Text(5), leerweg, Int(7), Int(8), Int(9), Text(10), Text(11),
                    reader.IsDBNull(offset + 12) ? null : Convert.ToInt64(reader.GetValue(offset + 12), CultureInfo.InvariantCulture));
                DateOnly? birth = !reader.IsDBNull(offset + 2) && TryDate(reader.GetValue(offset + 2), out var b) && EventAppender.BirthDateInRange(b) ? b : null;
                return new EventRecord(e, Convert.ToInt64(reader.GetValue(offset + 1), CultureInfo.InvariantCulture) != 0, birth);
            }
        }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException or InvalidDataException)
        {
            problem = "a column does not hold what the schema says";
        }
        skipped.Add(reader.IsDBNull(offset + 13) ? 0 : Convert.ToInt64(reader.GetValue(offset + 13), CultureInfo.InvariantCulture), problem);
        return null;
    }

    /// <summary>A DATE as either store returns it, if it is one (SQLite keeps text, which SQL can make anything).</summary>
    internal static bool TryDate(object value, out DateOnly date)
    {
        switch (value)
        {
            case string s: return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
            case DateOnly d: date = d; return true;
            case DateTime t: date = DateOnly.FromDateTime(t); return true;
            default: date = default; return false;
        }
    }

    /// <summary>A DATE as either store returns it: ISO text (SQLite) or a date (PostgreSQL).</summary>
    internal static DateOnly Date(object value) => value switch
    {
        string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateOnly d => d,
        DateTime t => DateOnly.FromDateTime(t),
        _ => throw new InvalidDataException($"a date in the store (found {value.GetType().Name})"),
    };
}
