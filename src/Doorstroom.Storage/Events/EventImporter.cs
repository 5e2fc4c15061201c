using Doorstroom.Catalogue;

namespace Doorstroom.Storage;

/// <summary>
/// Imports a file of pupil events (JSON Lines <c>.jsonl</c> or CSV <c>.csv</c>, docs/events.md): streamed, never
/// whole in memory; all of it in one transaction with its journal entry, or nothing with the problems (at most
/// <see cref="MaxProblems"/>). Idempotent twice over: the same bytes again are skipped by the journal, and events
/// already in their pupil's stream are skipped by their digest. Into an empty event table it loads, then indexes, in the
/// same transaction (<see cref="DeferredIndexes"/>).
/// </summary>
public sealed record EventImporter() : Importer("events", "pupil event streams: JSON Lines (.jsonl) or CSV (.csv, ';'), see docs/events.md", [])
{
    /// <summary>The problems reported before the importer stops reading a bad file.</summary>
    public const int MaxProblems = 100;

    /// <inheritdoc />
    public override ImportOutcome Run(
        Database database,
        string path,
        TimeProvider clock,
        IProgress<ImportProgress>? progress = null,
        bool force = false,
        CancellationToken cancellationToken = default
    )
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (EventColumns.FormatOf(path) is not { } format)
            return new Refused(
                Kind,
                Path.GetFileName(path),
                [new Problem(Path.GetFileName(path), null, "", "a file named *.jsonl (JSON Lines) or *.csv (CSV " + "with ';')")]
            );

        progress?.Report(new ImportProgress("hashing", 0, null));
        var (answer, opened, name, sha) = Open(database, path, force);
        if (answer is not null)
            return answer;
        using var connection = opened!;

        var problems = new List<Problem>();
        void Report(long line, string field, string message)
        {
            // The reader reports on this thread, the appender's writer (contradicting pupil attributes) on its own.
            lock (problems)
            {
                if (problems.Count < MaxProblems)
                    problems.Add(new Problem(name, checked((int)line), field, message));
            }
        }

        using var transaction = connection.BeginTransaction();
        Appended appended;
        using (var appender = new EventAppender(connection, transaction, database.Dialect, Report, progress, deferIndexes: true))
        {
            foreach (var (line, record) in EventReader.Read(format, path, Report, cancellationToken))
            {
                if (record is not null)
                    appender.Add(line, record);
                if (problems.Count > 0)
                    appender.Stop();
                if (problems.Count >= MaxProblems)
                    break;
            }

            appended = appender.Complete();
        }

        if (problems.Count > 0)
            return new Refused(Kind, name, [.. problems.OrderBy(p => p.Line)]);
        if (ImportJournal.Find(connection, sha) is null)
            ImportJournal.Record(connection, transaction, sha, Kind, name, appended.Events, appended.Events, clock.GetUtcNow());
        transaction.Commit();

        var notes = new List<string>();
        if (appended.NewPupils > 0)
            notes.Add($"{appended.NewPupils:N0} new pupils");
        if (appended.Inserted < appended.Events)
            notes.Add($"{appended.Events - appended.Inserted:N0} events were already in their pupil's stream (or repeated in the file) and were skipped");
        return new Imported(Kind, name, appended.Events, appended.Events, appended.Inserted, [.. notes]);
    }
}
