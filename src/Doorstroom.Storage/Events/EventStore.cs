using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// The pupils' event streams in a <see cref="Database"/>: append (idempotent: an event already in its pupil's stream
/// is skipped) and read back. One code path for both stores; only the bulk write differs per dialect
/// (SQLite: multi-row prepared INSERT … ON CONFLICT DO NOTHING; PostgreSQL: binary COPY).
/// </summary>
public sealed class EventStore(Database database)
{
    /// <summary>
    /// On PostgreSQL <c>event</c> is partitioned by a hash of <c>pupil_id</c> into this many partitions (migration 14), named
    /// <see cref="PartitionNames"/>: a pupil's events are all in one, so a reader per partition sees whole pupils. SQLite has one table.
    /// Fixed by the migration: a different number is a new migration.
    /// </summary>
    public const int Partitions = 8;

    /// <summary>The partitions of <c>event</c> on PostgreSQL, by remainder: <c>event_p0</c> holds the pupils whose hash leaves 0, …</summary>
    public static ImmutableArray<string> PartitionNames { get; } = [.. Enumerable.Range(0, Partitions).Select(p => $"event_p{p}")];

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
    public Appended Append(
        DbConnection connection,
        DbTransaction transaction,
        IEnumerable<EventRecord> events,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        ArgumentNullException.ThrowIfNull(events);
        var problems = new List<(long Line, string Field, string Message)>();
        Appended result;
        using (
            var appender = new EventAppender(
                connection,
                transaction,
                database.Dialect,
                (line, field, message) => problems.Add((line, field, message)),
                progress
            )
        )
        {
            long line = 0;
            foreach (var record in events)
            {
                cancellationToken.ThrowIfCancellationRequested();
                appender.Add(++line, record);
                if (problems.Count > 0)
                    break;
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
            if (TryReadEvent(reader, 0, skipped) is { } record)
                yield return record;
        }
    }

    /// <summary>
    /// The id of the newest event (0 when there is none). The stream is append-only, so a different value means events
    /// were added; unlike <see cref="Count"/> it costs one index step (on PostgreSQL one per partition), not a scan of every event.
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
            if (!TryDate(reader.GetValue(offset + 4), out var date))
                problem = "its date is not a date";
            else if (!ContractDates.Contains(date))
                problem = $"its date lies outside {ContractDates.Range}";
            else if (!EventNames.TryKind(kindName, out var kind))
                problem = "its kind is unknown";
            else if (!reader.IsDBNull(offset + 6) && !EventNames.TryLeerweg(reader.GetString(offset + 6), out _))
                problem = "its leerweg is unknown";
            else
            {
                Leerweg? leerweg =
                    reader.IsDBNull(offset + 6) ? null
                    : EventNames.TryLeerweg(reader.GetString(offset + 6), out var lw) ? lw
                    : null;
                var e = new TransitionEvent(
                    reader.GetString(offset),
                    date,
                    kind,
                    Text(5),
                    leerweg,
                    Int(7),
                    Int(8),
                    Int(9),
                    Text(10),
                    Text(11),
                    reader.IsDBNull(offset + 12) ? null : Convert.ToInt64(reader.GetValue(offset + 12), CultureInfo.InvariantCulture)
                );
                DateOnly? birth =
                    !reader.IsDBNull(offset + 2) && TryDate(reader.GetValue(offset + 2), out var b) && EventAppender.BirthDateInRange(b) ? b : null;
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
            case string s:
                return DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
            case DateOnly d:
                date = d;
                return true;
            case DateTime t:
                date = DateOnly.FromDateTime(t);
                return true;
            default:
                date = default;
                return false;
        }
    }

    /// <summary>A DATE as either store returns it: ISO text (SQLite) or a date (PostgreSQL).</summary>
    internal static DateOnly Date(object value) =>
        value switch
        {
            string s => DateOnly.ParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateOnly d => d,
            DateTime t => DateOnly.FromDateTime(t),
            _ => throw new InvalidDataException($"a date in the store (found {value.GetType().Name})"),
        };
}
