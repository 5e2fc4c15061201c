using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>
/// An importer of reference rows: parse the whole file first (refusing it on any bad record), then upsert every row
/// into one table by its key, in one transaction. Re-importing the same rows changes nothing.
/// </summary>
public sealed record TableImporter<TRow>(
    string Kind,
    string Description,
    ImmutableArray<string> DefaultFiles,
    Func<string, CancellationToken, Parsed<TRow>> Parse,
    Upsert Table,
    Func<TRow, object> Parameters
) : Importer(Kind, Description, DefaultFiles)
{
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
        var (answer, opened, name, sha) = Open(database, path, force);
        if (answer is not null)
            return answer;
        using var connection = opened!;

        progress?.Report(new ImportProgress("reading", 0, null));
        var parsed = Parse(path, cancellationToken);
        if (!parsed.Problems.IsEmpty)
            return new Refused(Kind, name, parsed.Problems);

        long changed;
        using (var transaction = connection.BeginTransaction())
        {
            using (var writer = new BatchedUpsert(connection, transaction, Table, database.Dialect))
            {
                foreach (var row in parsed.Rows)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    writer.Add(Parameters(row));
                    if (writer.Added % 5000 == 0)
                        progress?.Report(new ImportProgress("storing", writer.Added, parsed.Rows.Length));
                }

                writer.Flush();
                changed = writer.Changed;
            }

            if (ImportJournal.Find(connection, sha) is null)
                ImportJournal.Record(connection, transaction, sha, Kind, name, parsed.Records, parsed.Rows.Length, clock.GetUtcNow());
            transaction.Commit();
        }

        progress?.Report(new ImportProgress("storing", parsed.Rows.Length, parsed.Rows.Length));
        return new Imported(Kind, name, parsed.Records, parsed.Rows.Length, changed, parsed.Notes);
    }
}
