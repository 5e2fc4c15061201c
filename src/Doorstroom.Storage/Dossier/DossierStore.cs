using System.Collections.Immutable;
using System.Data.Common;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>The transfer dossier tables: entries, requests, and the retention that removes what has expired.</summary>
public static class DossierStore
{
    /// <summary>The entry kinds.</summary>
    public const string Note = "notitie",
        WarmHandOver = "warme-overdracht";

    /// <summary>The entry kinds of the loopbaandossier (category loopbaan): the pupil's reflection on an LOB activity, the text of a choice
    /// (programmes and motivation, <see cref="KeuzeTekst"/>), and a remark of a mentor or decaan.</summary>
    public const string Reflection = "reflectie",
        Choice = "keuze",
        Remark = "opmerking";

    /// <summary>Adds an entry for a known pupil and returns its id; null when the store has no such pupil.</summary>
    public static long? AddEntry(Database database, DossierEntry entry)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return AddEntry(connection, null, entry);
    }

    /// <summary>Adds an entry inside the caller's transaction (with its audit entry, <see cref="AuditLog.Write{T}"/>).</summary>
    public static long? AddEntry(DbConnection connection, DbTransaction? transaction, DossierEntry entry)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(entry);
        var pupil = connection.ExecuteScalar<long?>("SELECT id FROM pupil WHERE pkey = @Pupil", new { entry.Pupil }, transaction);
        if (pupil is null)
            return null;
        return connection.ExecuteScalar<long>(
            """
            INSERT INTO dossier_entry (pupil_id, category, kind, on_date, author, institution, body, sealed, released, event_digest)
            VALUES (@pupil, @category, @Kind, @On, @Author, @Institution, @Body, @sealed, @released, @Event)
            RETURNING id
            """,
            new
            {
                pupil,
                category = DossierRules.Name(entry.Category),
                entry.Kind,
                entry.On,
                entry.Author,
                entry.Institution,
                entry.Body,
                @sealed = entry.Sealed ? 1 : 0,
                released = entry.Released ? 1 : 0,
                entry.Event,
            },
            transaction
        );
    }

    /// <summary>Marks an entry of the pupil as released (or not); false when there is no such entry.</summary>
    public static bool Release(Database database, string pupil, long id, bool released)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return Release(connection, null, pupil, id, released) is not null;
    }

    /// <summary>Marks an entry of the pupil as released (or not) inside the caller's transaction; its category, or null when there is no such entry.</summary>
    public static DossierCategory? Release(DbConnection connection, DbTransaction? transaction, string pupil, long id, bool released)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var category = connection.ExecuteScalar<string?>(
            """
            UPDATE dossier_entry SET released = @released WHERE id = @id AND pupil_id = (SELECT id FROM pupil WHERE pkey = @pupil)
            RETURNING category
            """,
            new
            {
                pupil,
                id,
                released = released ? 1 : 0,
            },
            transaction
        );
        return category is null ? null : Category(category);
    }

    /// <summary>True when the store has any dossier entry.</summary>
    public static bool HasEntries(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM (SELECT 1 FROM dossier_entry LIMIT 1) AS any_entry") > 0;
    }

    /// <summary>A pupil's entries, oldest first.</summary>
    public static ImmutableArray<DossierEntry> Entries(Database database, string pupil)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return
        [
            .. connection
                .Query<EntryRow>(
                    """
                    SELECT d.id AS Id, p.pkey AS Pupil, d.category AS Category, d.kind AS Kind, d.on_date AS OnDate, d.author AS Author,
                           d.institution AS Institution, d.body AS Body, d.sealed AS Sealed, d.released AS Released,
                           d.event_digest AS Event
                    FROM dossier_entry d JOIN pupil p ON p.id = d.pupil_id WHERE p.pkey = @pupil ORDER BY d.on_date, d.id
                    """,
                    new { pupil }
                )
                .Select(r => r.ToEntry()),
        ];
    }

    /// <summary>
    /// The dossier status of each of the pupils (by key) in two queries, whatever their number: entries and released entries,
    /// and the requests open on <paramref name="today"/>. A pupil without entries or requests is absent from the answer.
    /// </summary>
    public static ImmutableDictionary<string, DossierStatus> Statuses(Database database, IReadOnlyCollection<string> pupils, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(pupils);
        if (pupils.Count == 0)
            return ImmutableDictionary<string, DossierStatus>.Empty;
        using var connection = database.ConnectMigrated();
        var keys = pupils.ToArray();
        var entries = connection
            .Query<(string Pupil, long Entries, long Released)>(
                $"""
                SELECT p.pkey, COUNT(*), SUM(d.released) FROM dossier_entry d JOIN pupil p ON p.id = d.pupil_id
                WHERE {Database.InList(connection, "p.pkey", "keys")} GROUP BY p.pkey
                """,
                new { keys }
            )
            .ToDictionary(r => r.Pupil, StringComparer.Ordinal);
        var requests = connection
            .Query<(string Pupil, string Institution)>(
                $"""
                SELECT p.pkey, r.institution FROM dossier_request r JOIN pupil p ON p.id = r.pupil_id
                WHERE {Database.InList(connection, "p.pkey", "keys")} AND r.requested_on <= @today AND r.expires_on >= @today
                ORDER BY r.requested_on, r.id
                """,
                new { keys, today }
            )
            .ToLookup(r => r.Pupil, r => r.Institution, StringComparer.Ordinal);
        var result = ImmutableDictionary.CreateBuilder<string, DossierStatus>(StringComparer.Ordinal);
        foreach (var key in entries.Keys.Union(requests.Select(g => g.Key), StringComparer.Ordinal))
        {
            var (_, count, released) = entries.GetValueOrDefault(key, (key, 0, 0));
            result[key] = new((int)count, (int)released, [.. requests[key]]);
        }
        return result.ToImmutable();
    }

    /// <summary>Stores a request; false when the store has no such pupil or the id is taken.</summary>
    public static bool AddRequest(Database database, DossierRequest request, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return AddRequest(connection, null, request, requestedBy);
    }

    /// <summary>
    /// Stores a request inside the caller's transaction (with its audit entry, <see cref="AuditLog.Write{T}"/>). The conflict is any
    /// key's: SQLite keys a request by its id, PostgreSQL by pupil and id (migration 14); ids are random GUIDs (DossierService).
    /// </summary>
    public static bool AddRequest(DbConnection connection, DbTransaction? transaction, DossierRequest request, string requestedBy)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(request);
        var pupil = connection.ExecuteScalar<long?>("SELECT id FROM pupil WHERE pkey = @Pupil", new { request.Pupil }, transaction);
        if (pupil is null)
            return false;
        return connection.Execute(
                """
                INSERT INTO dossier_request (id, pupil_id, institution, purpose, categories, requested_on, expires_on, requested_by)
                VALUES (@Id, @pupil, @Institution, @Purpose, @categories, @On, @Expires, @requestedBy)
                ON CONFLICT DO NOTHING
                """,
                new
                {
                    request.Id,
                    pupil,
                    request.Institution,
                    request.Purpose,
                    categories = string.Join(',', request.Categories.Select(DossierRules.Name)),
                    request.On,
                    request.Expires,
                    requestedBy,
                },
                transaction
            ) == 1;
    }

    /// <summary>A request by id, or null.</summary>
    public static DossierRequest? Request(Database database, string id)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return Requests(connection, "r.id = @id", new { id }).FirstOrDefault();
    }

    /// <summary>The requests for a pupil's dossier, oldest first.</summary>
    public static ImmutableArray<DossierRequest> RequestsFor(Database database, string pupil)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return [.. Requests(connection, "p.pkey = @pupil", new { pupil })];
    }

    /// <summary>The requests an mbo institution (BRIN4) made, oldest first.</summary>
    public static ImmutableArray<DossierRequest> RequestsBy(Database database, string institution)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return [.. Requests(connection, "r.institution = @institution", new { institution })];
    }

    /// <summary>
    /// Retention: removes the requests that expired before <paramref name="today"/> and the entries of pupils who left vo
    /// more than <paramref name="keepYears"/> years ago (their last <see cref="EventKind.Uitgeschreven"/> at a vo school, with no vo
    /// enrolment or promotion after it: a pupil who moved to another vo school has not left).
    /// The audit log keeps its entries (they hold no dossier content). Returns what was removed.
    /// </summary>
    public static (int Requests, int Entries) RemoveExpired(Database database, DateOnly today, int keepYears = 2)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        using var transaction = connection.BeginTransaction();
        var requests = connection.Execute("DELETE FROM dossier_request WHERE expires_on < @today", new { today }, transaction);
        var entries = connection.Execute(
            """
            DELETE FROM dossier_entry WHERE pupil_id IN (
                SELECT l.pupil_id FROM (
                    SELECT pupil_id, MAX(on_date) AS left_on FROM event
                    WHERE kind = 'Uitgeschreven' AND leerjaar IS NOT NULL GROUP BY pupil_id) l
                WHERE l.left_on < @cutoff
                -- Still in vo: a pupil who moved to another vo school (enrolled there on or after that day) has not left.
                AND NOT EXISTS (SELECT 1 FROM event b WHERE b.pupil_id = l.pupil_id AND b.leerjaar IS NOT NULL AND b.kind <> 'Uitgeschreven'
                    AND (b.on_date > l.left_on OR (b.kind = 'Ingeschreven' AND b.on_date = l.left_on))))
            """,
            new { cutoff = today.AddYears(-keepYears) },
            transaction
        );
        transaction.Commit();
        return (requests, entries);
    }

    private static IEnumerable<DossierRequest> Requests(DbConnection connection, string where, object parameters) =>
        connection
            .Query<RequestRow>(
                $"""
                SELECT r.id AS Id, p.pkey AS Pupil, r.institution AS Institution, r.purpose AS Purpose, r.categories AS Categories,
                       r.requested_on AS RequestedOn, r.expires_on AS ExpiresOn
                FROM dossier_request r JOIN pupil p ON p.id = r.pupil_id WHERE {where} ORDER BY r.requested_on, r.id
                """,
                parameters
            )
            .Select(r => r.ToRequest());

    private sealed class EntryRow
    {
        public long Id { get; set; }
        public string Pupil { get; set; } = "";
        public string Category { get; set; } = "";
        public string Kind { get; set; } = "";
        public object OnDate { get; set; } = "";
        public string Author { get; set; } = "";
        public string Institution { get; set; } = "";
        public string Body { get; set; } = "";
        public long Sealed { get; set; }
        public long Released { get; set; }
        public long? Event { get; set; }

        public DossierEntry ToEntry() =>
            new(Id, Pupil, Category(Category), Kind, EventStore.Date(OnDate), Author, Institution, Body, Sealed != 0, Released != 0, Event);
    }

    private sealed class RequestRow
    {
        public string Id { get; set; } = "";
        public string Pupil { get; set; } = "";
        public string Institution { get; set; } = "";
        public string Purpose { get; set; } = "";
        public string Categories { get; set; } = "";
        public object RequestedOn { get; set; } = "";
        public object ExpiresOn { get; set; } = "";

        public DossierRequest ToRequest() =>
            new(
                Id,
                Pupil,
                Institution,
                Purpose,
                [.. Categories.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(Category)],
                EventStore.Date(RequestedOn),
                EventStore.Date(ExpiresOn)
            );
    }

    private static DossierCategory Category(string name) =>
        DossierRules.TryCategory(name, out var category) ? category : throw new InvalidDataException($"unknown dossier category '{name}' in the store");
}
