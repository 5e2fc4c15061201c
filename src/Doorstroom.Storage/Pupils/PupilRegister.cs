using Dapper;

namespace Doorstroom.Storage;

/// <summary>Personal details of pupils, by pseudonymous key: set, read and erase (AVG art. 17), never in events or exports.</summary>
public static class PupilRegister
{
    /// <summary>True when the store has any pupil (real, synthetic or hand-written).</summary>
    public static bool HasPupils(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM (SELECT 1 FROM pupil LIMIT 1) AS any_pupil") > 0;
    }

    /// <summary>True when the store has a pupil with this key.</summary>
    public static bool Exists(Database database, string pupil)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pupil WHERE pkey = @pupil", new { pupil }) > 0;
    }

    /// <summary>Sets (or replaces) a known pupil's personal details; false when the store has no pupil with this key.</summary>
    public static bool SetPersonal(Database database, string pupil, PersonalDetails details)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(details);
        using var connection = database.ConnectMigrated();
        using var transaction = connection.BeginTransaction();
        var id = connection.ExecuteScalar<long?>("SELECT id FROM pupil WHERE pkey = @pupil", new { pupil }, transaction);
        if (id is null)
            return false;
        connection.Execute(
            """
            INSERT INTO pupil_personal (pupil_id, given_name, family_name, email, phone) VALUES (@id, @given, @family, @email, @phone)
            ON CONFLICT (pupil_id) DO UPDATE SET given_name = excluded.given_name, family_name = excluded.family_name,
                email = excluded.email, phone = excluded.phone
            """,
            new
            {
                id,
                given = details.GivenName,
                family = details.FamilyName,
                email = details.Email,
                phone = details.Phone,
            },
            transaction
        );
        transaction.Commit();
        return true;
    }

    /// <summary>A pupil's personal details, or null when none are kept (or the pupil is unknown).</summary>
    public static PersonalDetails? Personal(Database database, string pupil)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return
            connection.QueryFirstOrDefault<(string? Given, string? Family, string? Email, string? Phone)?>(
                """
                SELECT d.given_name, d.family_name, d.email, d.phone FROM pupil_personal d JOIN pupil p ON p.id = d.pupil_id WHERE p.pkey = @pupil
                """,
                new { pupil }
            )
                is { } row
            ? new PersonalDetails(row.Given, row.Family, row.Email, row.Phone)
            : null;
    }

    /// <summary>Erases a pupil's personal details; the pseudonymous stream stays. True when there was something to erase.</summary>
    public static bool ErasePersonal(Database database, string pupil)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.Execute("DELETE FROM pupil_personal WHERE pupil_id = (SELECT id FROM pupil WHERE pkey = @pupil)", new { pupil }) > 0;
    }
}
