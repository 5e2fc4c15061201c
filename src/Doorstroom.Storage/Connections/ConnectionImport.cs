using System.Collections.Immutable;
using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// Imports a register CSV (<see cref="ConnectionCsv"/>) whole or not at all (decision 0008): every row is read and checked
/// (cells, <see cref="Connection.Check"/>, the caller's scope, <see cref="ConnectionRegister.Refusal"/>) before the one write
/// transaction commits; any problem refuses the file and stores nothing. Rows are upserted by id, so a re-import changes
/// nothing; the same bytes again are <see cref="AlreadyImported"/>. Each changed connection is audited in that transaction.
/// </summary>
public static class ConnectionImport
{
    /// <summary>The kind of file, as the journal and the outcome name it.</summary>
    public const string Kind = "connections";

    /// <summary>Imports <paramref name="path"/> for an actor.</summary>
    /// <param name="database">The store.</param>
    /// <param name="path">The CSV file.</param>
    /// <param name="actor">Who imports (an account name, or the command line's user).</param>
    /// <param name="role">The actor's role, for the audit log.</param>
    /// <param name="institution">The institution the actor is bound to, or null.</param>
    /// <param name="scope">
    /// Why the actor may not write a connection (a row of the file, or the stored one it would replace), as (column, message),
    /// or null when the actor may: a decaan only for their own vo vestiging, intake only for their own mbo institution.
    /// </param>
    /// <param name="clock">The clock for the journal and the audit log.</param>
    /// <param name="force">Run the upserts even when the same bytes were imported before.</param>
    /// <param name="displayName">The file name problems name (an upload's own name); the path's file name by default.</param>
    public static ImportOutcome Run(
        Database database,
        string path,
        string actor,
        string role,
        string? institution,
        Func<Connection, (string Column, string Message)?> scope,
        TimeProvider clock,
        bool force = false,
        string? displayName = null
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(clock);
        var name = displayName ?? Path.GetFileName(path);
        if (!File.Exists(path))
            return new Refused(Kind, name, [new Problem(name, null, "", "file not found")]);
        var sha = ImportJournal.Sha256Of(path);
        using (var probe = database.ConnectMigrated())
        {
            if (!force && ImportJournal.Find(probe, sha) is { } before)
                return new AlreadyImported(Kind, name, before.ImportedAt, before.Records);
        }

        var (rows, problems) = ConnectionCsv.Read(path);
        var found = problems.Select(p => p with { File = name }).ToList();
        foreach (var (line, value) in rows)
            if (scope(value) is { } outside)
                found.Add(new Problem(name, line, outside.Column, outside.Message));
        if (found.Count > 0)
            return new Refused(Kind, name, [.. found]);

        var now = clock.GetUtcNow();
        var outcome = AuditLog.Write<(ImmutableArray<Problem> Problems, ImmutableArray<string> Changed)>(
            database,
            (connection, transaction) =>
            {
                var refused = new List<Problem>();
                var changed = ImmutableArray.CreateBuilder<string>();
                foreach (var (line, value) in rows)
                {
                    var stored = ConnectionRegister.Find(connection, transaction, value.Id);
                    if (stored is not null && scope(stored) is { } other)
                        refused.Add(
                            new Problem(name, line, "id", $"an id of your own: '{value.Id}' is a stored connection outside your scope ({other.Message})")
                        );
                    else if (ConnectionRegister.Refusal(connection, transaction, value) is { } refusal)
                        refused.Add(new Problem(name, line, "form", refusal));
                    else if (stored != value)
                        changed.Add(value.Id);
                }

                if (refused.Count > 0)
                    return ([.. refused], []);
                foreach (var (_, value) in rows.Where(r => changed.Contains(r.Value.Id)))
                    ConnectionRegister.Put(connection, transaction, value, actor + " (" + name + ")", now);
                if (ImportJournal.Find(connection, sha) is null)
                    ImportJournal.Record(connection, transaction, sha, Kind, name, rows.Length, rows.Length, now);
                return ([], changed.ToImmutable());
            },
            result => result.Changed.Select(id => ConnectionRegister.Entry(now, actor, role, institution, "verbinding geïmporteerd", id))
        );
        return outcome.Problems.IsEmpty
            ? new Imported(Kind, name, rows.Length, rows.Length, outcome.Changed.Length, [])
            : new Refused(Kind, name, outcome.Problems);
    }
}
