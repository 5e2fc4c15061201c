using System.Collections.Immutable;
using System.Data.Common;
using System.Security.Cryptography;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>The account and API-client tables.</summary>
public static class Accounts
{
    private const string AccountColumns = "username, password_hash, role, institution, pupil_key, display_name, demo, disabled, security_stamp";
    private const string ClientColumns = "client_id, secret_hash, role, institution, pupil_key, display_name, demo, revoked";
    private const string AccountSelect =
        "username AS Username, password_hash AS PasswordHash, role AS Role, institution AS Institution, pupil_key AS "
        + "PupilKey, display_name AS DisplayName, demo AS Demo, disabled AS Disabled, security_stamp AS SecurityStamp";
    private const string ClientSelect =
        "client_id AS ClientId, secret_hash AS SecretHash, role AS Role, institution AS Institution, pupil_key AS PupilKey, "
        + "display_name AS DisplayName, demo AS Demo, revoked AS Revoked";

    /// <summary>The account with this user name (exact, case-sensitive), or null.</summary>
    public static UserAccount? Find(Database database, string username)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection
            .Query<AccountRow>($"SELECT {AccountSelect} FROM account WHERE username = @username", new { username })
            .Select(r => r.ToAccount())
            .FirstOrDefault();
    }

    /// <summary>Every account, by user name.</summary>
    public static ImmutableArray<UserAccount> All(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return [.. connection.Query<AccountRow>($"SELECT {AccountSelect} FROM account ORDER BY username").Select(r => r.ToAccount())];
    }

    /// <summary>
    /// Adds the account, or replaces the one with the same user name; an empty <see cref="UserAccount.SecurityStamp"/> is stored
    /// as a new one (a replaced account's sessions end).
    /// </summary>
    public static void Save(Database database, UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        Save(connection, null, account);
    }

    /// <summary>Adds or replaces the account inside the caller's transaction (see <see cref="Save(Database, UserAccount)"/>).</summary>
    internal static void Save(DbConnection connection, DbTransaction? transaction, UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        connection.Execute(
            $"""
            INSERT INTO account ({AccountColumns}) VALUES (@Username, @PasswordHash, @Role, @Institution, @PupilKey, @DisplayName, @Demo, @Disabled, @Stamp)
            ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role, institution = excluded.institution,
                pupil_key = excluded.pupil_key, display_name = excluded.display_name, demo = excluded.demo, disabled = excluded.disabled,
                security_stamp = excluded.security_stamp
            """,
            new
            {
                account.Username,
                account.PasswordHash,
                account.Role,
                account.Institution,
                account.PupilKey,
                account.DisplayName,
                Demo = account.Demo ? 1 : 0,
                Disabled = account.Disabled ? 1 : 0,
                Stamp = account.SecurityStamp.Length > 0 ? account.SecurityStamp : NewStamp(),
            },
            transaction
        );
    }

    /// <summary>A new security stamp: 16 random bytes from the OS CSPRNG, hex.</summary>
    public static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The API client with this id, or null.</summary>
    public static ApiClient? FindClient(Database database, string clientId)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection
            .Query<ClientRow>($"SELECT {ClientSelect} FROM api_client WHERE client_id = @clientId", new { clientId })
            .Select(r => r.ToClient())
            .FirstOrDefault();
    }

    /// <summary>Adds the API client, or replaces the one with the same id.</summary>
    public static void SaveClient(Database database, ApiClient client)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        SaveClient(connection, null, client);
    }

    /// <summary>Adds or replaces the API client inside the caller's transaction.</summary>
    internal static void SaveClient(DbConnection connection, DbTransaction? transaction, ApiClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        connection.Execute(
            $"""
            INSERT INTO api_client ({ClientColumns}) VALUES (@ClientId, @SecretHash, @Role, @Institution, @PupilKey, @DisplayName, @Demo, @Revoked)
            ON CONFLICT (client_id) DO UPDATE SET secret_hash = excluded.secret_hash, role = excluded.role, institution = excluded.institution,
                pupil_key = excluded.pupil_key, display_name = excluded.display_name, demo = excluded.demo, revoked = excluded.revoked
            """,
            new
            {
                client.ClientId,
                client.SecretHash,
                client.Role,
                client.Institution,
                client.PupilKey,
                client.DisplayName,
                Demo = client.Demo ? 1 : 0,
                Revoked = client.Revoked ? 1 : 0,
            },
            transaction
        );
    }

    /// <summary>Every API client, by id.</summary>
    public static ImmutableArray<ApiClient> AllClients(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return [.. connection.Query<ClientRow>($"SELECT {ClientSelect} FROM api_client ORDER BY client_id").Select(r => r.ToClient())];
    }

    // Classes with setters: Dapper converts SMALLINT (PostgreSQL) and INTEGER (SQLite) alike into a property.
    private sealed class AccountRow
    {
        public string Username { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public string Role { get; set; } = "";
        public string? Institution { get; set; }
        public string? PupilKey { get; set; }
        public string DisplayName { get; set; } = "";
        public long Demo { get; set; }
        public long Disabled { get; set; }
        public string SecurityStamp { get; set; } = "";

        public UserAccount ToAccount() => new(Username, PasswordHash, Role, Institution, PupilKey, DisplayName, Demo != 0, Disabled != 0, SecurityStamp);
    }

    private sealed class ClientRow
    {
        public string ClientId { get; set; } = "";
        public string SecretHash { get; set; } = "";
        public string Role { get; set; } = "";
        public string? Institution { get; set; }
        public string? PupilKey { get; set; }
        public string DisplayName { get; set; } = "";
        public long Demo { get; set; }
        public long Revoked { get; set; }

        public ApiClient ToClient() => new(ClientId, SecretHash, Role, Institution, PupilKey, DisplayName, Demo != 0, Revoked != 0);
    }
}
