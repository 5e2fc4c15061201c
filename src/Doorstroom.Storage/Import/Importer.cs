using System.Collections.Immutable;
using System.Data.Common;
using Doorstroom.Catalogue;

namespace Doorstroom.Storage;

/// <summary>
/// The importer of one kind of file: all of it in one transaction together with its journal entry, or nothing with
/// the problems. <see cref="TableImporter{TRow}"/> does reference tables, <see cref="EventImporter"/> pupil events.
/// </summary>
/// <param name="Kind">The name on the command line, e.g. <c>vo-vestigingen</c>.</param>
/// <param name="Description">One line for <c>import --help</c>.</param>
/// <param name="DefaultFiles">The files of this kind under the real-data folder.</param>
public abstract record Importer(string Kind, string Description, ImmutableArray<string> DefaultFiles)
{
    /// <summary>Imports a file of this kind: all of it in one transaction, or nothing with the problems.</summary>
    public abstract ImportOutcome Run(
        Database database,
        string path,
        TimeProvider clock,
        IProgress<ImportProgress>? progress = null,
        bool force = false,
        CancellationToken cancellationToken = default
    );

    /// <summary>
    /// The start every import shares: the file must exist, and a file whose bytes the journal already holds is not
    /// read again unless forced. Either <c>Answer</c> is the outcome to return at once, or <c>Connection</c> is an
    /// open, migrated connection the caller disposes.
    /// </summary>
    protected (ImportOutcome? Answer, DbConnection? Connection, string Name, string Sha256) Open(Database database, string path, bool force)
    {
        ArgumentNullException.ThrowIfNull(database);
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
            return (new Refused(Kind, name, [new Problem(path, null, "", "file not found")]), null, name, "");

        var sha = ImportJournal.Sha256Of(path);
        var connection = database.ConnectMigrated();
        if (!force && ImportJournal.Find(connection, sha) is { } before)
        {
            connection.Dispose();
            return (new AlreadyImported(Kind, name, before.ImportedAt, before.Records), null, name, sha);
        }

        return (null, connection, name, sha);
    }
}
