using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// The register of vo–mbo connections (issue 16, item 4): the entered <see cref="Connection"/>s stored in the
/// <c>connection</c> table, and the bestuurlijke ones derived on read from the institution tables (<see cref="BoardConnections"/>).
/// </summary>
public static class ConnectionRegister
{
    private const string Columns = """
        id AS Id, vo_vestiging AS VoVestiging, mbo AS Mbo, form AS Form, from_date AS FromDate, until_date AS UntilDate,
        description AS Description, source AS Source, route AS Route, subject AS Subject, synthetic AS Synthetic
        """;

    /// <summary>
    /// Stores a well-formed connection (<see cref="Connection.Check"/> and <see cref="Refusal"/> are the caller's to apply
    /// first) inside the caller's transaction; an existing id is replaced. <paramref name="recordedBy"/> names the account or
    /// file it came from.
    /// </summary>
    public static void Put(DbConnection connection, DbTransaction? transaction, Connection value, string recordedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(value);
        connection.Execute(
            """
            INSERT INTO connection (id, vo_vestiging, mbo, form, from_date, until_date, description, source, route, subject, synthetic,
                                    recorded_by, recorded_at)
            VALUES (@Id, @VoVestiging, @Mbo, @form, @From, @Until, @Description, @Source, @Route, @Subject, @synthetic, @recordedBy, @recordedAt)
            ON CONFLICT (id) DO UPDATE SET vo_vestiging = excluded.vo_vestiging, mbo = excluded.mbo, form = excluded.form,
                from_date = excluded.from_date, until_date = excluded.until_date, description = excluded.description,
                source = excluded.source, route = excluded.route, subject = excluded.subject, synthetic = excluded.synthetic,
                recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
            """,
            new
            {
                value.Id,
                value.VoVestiging,
                value.Mbo,
                form = JsonSpelling.Of(value.Form),
                value.From,
                value.Until,
                value.Description,
                value.Source,
                value.Route,
                value.Subject,
                synthetic = value.Synthetic ? 1 : 0,
                recordedBy,
                recordedAt = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            },
            transaction
        );
    }

    /// <summary>Stores one connection in a transaction of its own.</summary>
    public static void Put(Database database, Connection value, string recordedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        using var transaction = connection.BeginTransaction();
        Put(connection, transaction, value, recordedBy, at);
        transaction.Commit();
    }

    /// <summary>
    /// Every connection in the register, by vo vestiging, mbo and id: the stored ones and the bestuurlijke ones derived from
    /// the institution tables (a store without institutions derives none).
    /// </summary>
    public static ImmutableArray<Connection> All(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return
        [
            .. Stored(connection, null)
                .Concat(Derived(connection, null))
                .OrderBy(c => c.VoVestiging, StringComparer.Ordinal)
                .ThenBy(c => c.Mbo, StringComparer.Ordinal)
                .ThenBy(c => c.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>The connections of one vo vestiging (BRIN6), stored and derived.</summary>
    public static ImmutableArray<Connection> OfVoVestiging(Database database, string brin6) => [.. All(database).Where(c => c.VoVestiging == brin6)];

    /// <summary>The connections of one mbo institution (BRIN4), whether they name the institution or one of its locations.</summary>
    public static ImmutableArray<Connection> OfMboInstitution(Database database, string brin4) => [.. All(database).Where(c => c.MboInstitution == brin4)];

    /// <summary>Only the entered (stored) connections, by vo vestiging, mbo and id: what an export writes.</summary>
    public static ImmutableArray<Connection> Stored(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return Stored(connection, null);
    }

    /// <summary>The stored connection with this id, or null.</summary>
    public static Connection? Find(Database database, string id)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return Find(connection, null, id);
    }

    /// <summary>The stored connection with this id inside the caller's transaction, or null.</summary>
    public static Connection? Find(DbConnection connection, DbTransaction? transaction, string id) =>
        connection.QueryFirstOrDefault<Row>($"SELECT {Columns} FROM connection WHERE id = @id", new { id }, transaction)?.ToConnection();

    /// <summary>
    /// Why a well-formed connection may not be entered, or null when it may: a bestuurlijke verbinding that the institution
    /// data derives already, or contradicts (<see cref="BoardConnections.Refusal"/>), and an id of the derived ones.
    /// </summary>
    public static string? Refusal(DbConnection connection, DbTransaction? transaction, Connection value)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(value);
        if (value.Id.StartsWith("bestuurlijk-", StringComparison.Ordinal))
            return "Een id dat met 'bestuurlijk-' begint is voor de afgeleide bestuurlijke verbindingen; kies een ander id.";
        if (value.Form != ConnectionForm.Bestuurlijk)
            return null;
        var voBrin4 = connection.QueryFirstOrDefault<string?>(
            "SELECT brin4 FROM vo_vestiging WHERE brin6 = @brin6",
            new { brin6 = value.VoVestiging },
            transaction
        );
        var mboKnown =
            connection.ExecuteScalar<long>("SELECT COUNT(*) FROM mbo_instelling WHERE brin4 = @brin4", new { brin4 = value.MboInstitution }, transaction) > 0;
        return BoardConnections.Refusal(value, voBrin4, mboKnown);
    }

    /// <summary>
    /// Enters one connection, audited in the same transaction: <paramref name="actor"/> with <paramref name="role"/> (and the
    /// institution it is bound to) "verbinding vastgelegd". Returns the problems (field, message) and stores nothing when
    /// there are any: <see cref="Connection.Check"/>'s, then <see cref="Refusal"/>'s (field <c>form</c>).
    /// </summary>
    public static ImmutableArray<(string Field, string Message)> Add(
        Database database,
        Connection value,
        string actor,
        string role,
        string? institution,
        DateTimeOffset at
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(value);
        var problems = value.Check();
        if (!problems.IsEmpty)
            return problems;
        return AuditLog.Write(
            database,
            (connection, transaction) =>
            {
                if (Refusal(connection, transaction, value) is { } refusal)
                    return ImmutableArray.Create(("form", refusal));
                Put(connection, transaction, value, actor, at);
                return [];
            },
            refused => refused.IsEmpty ? [Entry(at, actor, role, institution, "verbinding vastgelegd", value.Id)] : []
        );
    }

    /// <summary>
    /// Ends a stored connection on <paramref name="until"/> (its last day), audited as "verbinding beëindigd". Null when done;
    /// otherwise why not (no such stored connection; a day before its start), and nothing changes.
    /// </summary>
    public static string? End(Database database, string id, DateOnly until, string actor, string role, string? institution, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(database);
        return AuditLog.Write(
            database,
            (connection, transaction) =>
            {
                if (Find(connection, transaction, id) is not { } found)
                    return $"Er is geen ingevoerde verbinding '{id}' (afgeleide bestuurlijke verbindingen lopen zolang de gegevens ze tonen).";
                if (until < found.From || !ContractDates.Contains(until))
                    return $"De einddatum moet op of na de begindatum ({found.From:yyyy-MM-dd}) liggen.";
                connection.Execute(
                    "UPDATE connection SET until_date = @until, recorded_by = @actor, recorded_at = @at WHERE id = @id",
                    new
                    {
                        until,
                        actor,
                        at = at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
                        id,
                    },
                    transaction
                );
                return null;
            },
            refused => refused is null ? [Entry(at, actor, role, institution, "verbinding beëindigd", id)] : []
        );
    }

    internal static AuditEntry Entry(DateTimeOffset at, string actor, string role, string? institution, string action, string id) =>
        new(at, actor, role, institution, null, action, "verbinding:" + id, null, "ok", null);

    internal static ImmutableArray<Connection> Stored(DbConnection connection, DbTransaction? transaction) =>
        [.. connection.Query<Row>($"SELECT {Columns} FROM connection ORDER BY vo_vestiging, mbo, id", transaction: transaction).Select(r => r.ToConnection())];

    private static ImmutableArray<Connection> Derived(DbConnection connection, DbTransaction? transaction)
    {
        var institutions = connection
            .Query<(string Brin4, string Naam, long Aoc)>("SELECT brin4, naam, aoc FROM mbo_instelling", transaction: transaction)
            .ToDictionary(i => i.Brin4, i => (i.Naam, i.Aoc != 0));
        if (institutions.Count == 0)
            return [];
        var vestigingen = connection.Query<(string Brin6, string Brin4)>(
            "SELECT brin6, brin4 FROM vo_vestiging WHERE brin4 IN (SELECT brin4 FROM mbo_instelling)",
            transaction: transaction
        );
        return BoardConnections.Derive(vestigingen, institutions);
    }

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string VoVestiging { get; set; } = "";
        public string Mbo { get; set; } = "";
        public string Form { get; set; } = "";
        public object FromDate { get; set; } = "";
        public object? UntilDate { get; set; }
        public string Description { get; set; } = "";
        public string Source { get; set; } = "";
        public string? Route { get; set; }
        public string? Subject { get; set; }
        public long Synthetic { get; set; }

        public Connection ToConnection() =>
            new(
                Id,
                VoVestiging,
                Mbo,
                JsonSpelling.ConnectionForms[Form],
                EventStore.Date(FromDate),
                UntilDate is null or DBNull ? null : EventStore.Date(UntilDate),
                Description,
                Source,
                Route,
                Subject,
                Synthetic != 0
            );
    }
}
