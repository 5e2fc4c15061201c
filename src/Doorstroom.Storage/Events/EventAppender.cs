using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.ExceptionServices;
using Doorstroom.Domain;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Doorstroom.Storage;

/// <summary>
/// Appends events inside a transaction the caller owns, batch by batch: checks each event, maps pupil keys to ids
/// (a dictionary per append, looked up in and added to the store a batch at a time), and hands the batch to the
/// store's bulk writer. Reading, checking and hashing run on the caller's thread while a writer thread stores the
/// previous batches (a bounded hand-over of a few batches), so a two-core machine keeps both cores busy.
/// Problems go to <c>report</c> with the caller's line number; after the first one nothing more is written (the caller
/// rolls back) but events are still checked, so a file's problems come out together.
/// </summary>
internal sealed class EventAppender : IDisposable
{
    /// <summary>How often progress is reported, in events.</summary>
    public const int ProgressEvery = 10_000;

    private readonly IEventSink _sink;
    private readonly Action<long, string, string> _report;
    private readonly IProgress<ImportProgress>? _progress;
    private readonly Dictionary<string, PupilRef> _pupils = new(StringComparer.Ordinal);
    private readonly BlockingCollection<(Pending[] Rows, int Count)> _full = new(boundedCapacity: 4);
    private readonly ConcurrentQueue<Pending[]> _free = new();
    private readonly Lock _lock = new();
    private readonly Thread _writer;
    private readonly int _batchSize;
    private readonly bool _storeHadPupils;
    private readonly DeferredIndexes? _deferred;
    private Pending[] _batch;
    private int _count;
    private long _events,
        _inserted,
        _newPupils;
    private volatile bool _failed;
    private Exception? _error;

    public EventAppender(
        DbConnection connection,
        DbTransaction transaction,
        Dialect dialect,
        Action<long, string, string> report,
        IProgress<ImportProgress>? progress,
        bool deferIndexes = false
    )
    {
        _deferred = deferIndexes ? DeferredIndexes.DropIfEmpty(connection, transaction, dialect) : null;
        var plain = _deferred is not null;
        _sink =
            dialect == Dialect.Sqlite
                ? new SqliteEventSink((SqliteConnection)connection, plain)
                : new PostgresEventSink((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, plain);
        _batchSize = dialect == Dialect.Sqlite ? 4096 : 50_000;
        _batch = new Pending[_batchSize];
        _report = report;
        _progress = progress;
        _storeHadPupils = _sink.AnyPupils();
        _writer = new Thread(Write) { Name = "event writer", IsBackground = true };
        _writer.Start();
    }

    /// <summary>True once a problem was reported: nothing more is written.</summary>
    public bool Failed => _failed;

    /// <summary>Checks an event and queues it for the store.</summary>
    public void Add(long line, EventRecord record)
    {
        var e = EventNames.Normalize(record.Event);
        var problems = EventShapes.Check(e);
        foreach (var (field, message) in problems)
            Report(line, field, message);
        if (record.BirthDate is { } birth && !BirthDateInRange(birth))
        {
            Report(
                line,
                "birth_date",
                $"a birth date from {EventNames.Date(ContractDates.EarliestBirthDate)} to {EventNames.Date(ContractDates.Latest)} "
                    + $"(found {EventNames.Date(birth)})"
            );
            return;
        }
        if (++_events % ProgressEvery == 0)
            _progress?.Report(new ImportProgress("storing", _events, null));
        if (!problems.IsEmpty || _failed)
            return;

        _batch[_count++] = new Pending(line, e, record.Synthetic, record.BirthDate, EventDigest.Of(e));
        if (_count == _batch.Length)
            HandOver();
    }

    /// <summary>True for a birth date the contract accepts.</summary>
    internal static bool BirthDateInRange(DateOnly birth) => birth >= ContractDates.EarliestBirthDate && birth <= ContractDates.Latest;

    /// <summary>Writes what is queued, waits for the writer, and says what the append did.</summary>
    public Appended Complete()
    {
        HandOver();
        _full.CompleteAdding();
        _writer.Join();
        if (_error is not null)
            ExceptionDispatchInfo.Throw(_error);
        if (_deferred is not null && !_failed)
        {
            _progress?.Report(new ImportProgress("building the indexes", _events, _events));
            _inserted -= _deferred.Rebuild();
        }

        _progress?.Report(new ImportProgress("storing", _events, _events));
        return new Appended(_events, _inserted, _newPupils);
    }

    /// <summary>Writes nothing more: the caller found a problem of its own and will roll back.</summary>
    public void Stop() => _failed = true;

    public void Dispose()
    {
        if (!_full.IsAddingCompleted)
        {
            _failed = true;
            _full.CompleteAdding();
        }

        _writer.Join();
        _full.Dispose();
        _sink.Dispose();
    }

    private void Report(long line, string field, string message)
    {
        lock (_lock)
        {
            _failed = true;
            _report(line, field, message);
        }
    }

    private void HandOver()
    {
        if (_error is not null)
            ExceptionDispatchInfo.Throw(_error);
        if (_count == 0 || _failed)
        {
            _count = 0;
            return;
        }

        _full.Add((_batch, _count));
        _batch = _free.TryDequeue(out var free) ? free : new Pending[_batchSize];
        _count = 0;
    }

    private void Write()
    {
        foreach (var (rows, count) in _full.GetConsumingEnumerable())
        {
            try
            {
                if (!_failed && _error is null)
                    Flush(rows.AsSpan(0, count));
            }
            catch (Exception e)
            {
                // Whatever fails here is rethrown on the caller's thread by the next hand-over or Complete.
                _error = e;
                _failed = true;
            }

            Array.Clear(rows, 0, count);
            _free.Enqueue(rows);
        }
    }

    private void Flush(Span<Pending> batch)
    {
        ResolvePupils(batch);
        var allNew = true;
        foreach (ref var p in batch)
        {
            var pupil = _pupils[p.Event.Pupil];
            if (pupil.Synthetic != p.Synthetic)
                Report(p.Line, "synthetic", $"{Bool(pupil.Synthetic)}, as pupil {p.Event.Pupil} already has (found {Bool(p.Synthetic)})");
            if (pupil.BirthDate != p.BirthDate)
                Report(p.Line, "birth_date", $"{Date(pupil.BirthDate)}, as pupil {p.Event.Pupil} already has (found {Date(p.BirthDate)})");
            p.PupilId = pupil.Id;
            allNew &= pupil.New;
        }

        if (!_failed)
            _inserted += _sink.Write(batch, allNew);

        static string Bool(bool b) => b ? "true" : "false";
        static string Date(DateOnly? d) => d is { } date ? EventNames.Date(date) : "no birth date";
    }

    private void ResolvePupils(Span<Pending> batch)
    {
        var unknown = new List<NewPupil>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ref readonly var p in batch)
        {
            if (!_pupils.ContainsKey(p.Event.Pupil) && seen.Add(p.Event.Pupil))
                unknown.Add(new NewPupil(p.Event.Pupil, p.Synthetic, p.BirthDate));
        }

        if (unknown.Count == 0)
            return;
        if (_storeHadPupils)
        {
            _sink.FindPupils([.. unknown.Select(u => u.Key)], _pupils);
            unknown.RemoveAll(u => _pupils.ContainsKey(u.Key));
        }

        _newPupils += _sink.CreatePupils(unknown, _pupils);
    }
}
