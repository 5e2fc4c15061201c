using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>The register of vo–mbo connections (issue 16, item 4): <see cref="Connection"/>s stored in the <c>connection</c> table.</summary>
public static class ConnectionRegister
{
    /// <summary>
    /// Stores a well-formed connection (<see cref="Connection.Check"/> is the caller's to apply first) inside the caller's
    /// transaction; an existing id is replaced. <paramref name="recordedBy"/> names the account or file it came from.
    /// </summary>
    public static void Put(DbConnection connection, DbTransaction? transaction, Connection value, string recordedBy, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(value);
        connection.Execute(
            """
            INSERT INTO connection (id, vo_vestiging, mbo, form, from_date, until_date, description, source, route, recorded_by, recorded_at)
            VALUES (@Id, @VoVestiging, @Mbo, @form, @From, @Until, @Description, @Source, @Route, @recordedBy, @recordedAt)
            ON CONFLICT (id) DO UPDATE SET vo_vestiging = excluded.vo_vestiging, mbo = excluded.mbo, form = excluded.form,
                from_date = excluded.from_date, until_date = excluded.until_date, description = excluded.description,
                source = excluded.source, route = excluded.route, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
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

    /// <summary>Every connection in the register, by vo vestiging, mbo and id.</summary>
    public static ImmutableArray<Connection> All(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return
        [
            .. connection
                .Query<Row>(
                    """
                    SELECT id AS Id, vo_vestiging AS VoVestiging, mbo AS Mbo, form AS Form, from_date AS FromDate, until_date AS UntilDate,
                           description AS Description, source AS Source, route AS Route
                    FROM connection ORDER BY vo_vestiging, mbo, id
                    """
                )
                .Select(r => r.ToConnection()),
        ];
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
                Route
            );
    }
}
