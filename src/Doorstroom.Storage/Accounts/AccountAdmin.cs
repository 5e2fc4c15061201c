using System.Data.Common;
using System.Text.RegularExpressions;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// The operator's changes to accounts and API clients (the command line's <c>accounts</c> and <c>clients</c>; later the
/// beheer pages): each checked first (a refusal stores nothing), each a security event in the hash-chained audit log
/// (who, what, which account; never a password or secret), the change and its line in one transaction. A change that must
/// end the account's open sessions (disable, password reset, and any later role or binding change) gives it a new
/// security stamp in that same transaction. Demo accounts are made only by the demo seed, never here.
/// </summary>
public static partial class AccountAdmin
{
    /// <summary>The role the audit log gives an operator's changes made on the command line.</summary>
    public const string OperatorRole = "operator";

    /// <summary>Account names and client ids: 1 to 64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit.</summary>
    public const string NameRule = "1 to 64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit";

    /// <summary>Checks a new account or client: name free and well formed, role known, institution or pupil as the role needs.</summary>
    public static AccountProblem? CheckNew(Database database, string name, string role, string? institution, string? pupil, bool client)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(role);
        var thing = client ? "client" : "account";
        if (!NamePattern().IsMatch(name))
            return new("name", $"'{name}' is not a valid {thing} name; expected {NameRule}", AccountFault.NameInvalid);
        if (!AccountRoles.Bindings.TryGetValue(role, out var binding))
            return new("role", $"'{role}' is not a role; expected one of {string.Join(", ", AccountRoles.All)}", AccountFault.RoleUnknown);
        if (binding == Binding.Pupil)
        {
            if (institution is not null)
                return new(
                    "institution",
                    $"a {role} is bound to a pupil, not to an institution; leave --institution " + $"out",
                    AccountFault.InstitutionNotTaken
                );
            if (pupil is null)
                return new("pupil", $"a {role} needs the pupil's key", AccountFault.PupilMissing);
            if (!Exists(database, "SELECT COUNT(*) FROM pupil WHERE pkey = " + "@code", pupil))
                return new("pupil", $"'{pupil}' is not a pupil key in this store", AccountFault.PupilUnknown);
        }
        else
        {
            if (pupil is not null)
                return new("pupil", $"a {role} is not bound to a pupil; only leerling and ouder take a pupil " + $"key", AccountFault.PupilNotTaken);
            if (binding == Binding.None && institution is not null)
                return new("institution", $"a {role} is not bound to an institution; leave --institution " + $"out", AccountFault.InstitutionNotTaken);
            if (binding != Binding.None && InstitutionProblem(database, role, binding, institution) is { } problem)
                return new("institution", problem, institution is null ? AccountFault.InstitutionMissing : AccountFault.InstitutionUnknown);
        }
        bool taken;
        using (var connection = database.ConnectMigrated())
            taken =
                connection.ExecuteScalar<long>(
                    client ? "SELECT COUNT(*) FROM api_client WHERE client_id = " + "@name" : "SELECT COUNT(*) FROM account WHERE username = @name",
                    new { name }
                ) > 0;
        return taken ? new("name", $"{thing} '{name}' already exists", AccountFault.NameTaken) : null;
    }

    private static string? InstitutionProblem(Database database, string role, Binding binding, string? institution)
    {
        var expected = binding switch
        {
            Binding.Vo => "the BRIN6 of a vo vestiging (e.g. 01AB00)",
            Binding.Mbo => "the BRIN4 of an mbo institution (e.g. 25AA)",
            _ => "the BRIN6 of a vo vestiging or the BRIN4 of an mbo institution",
        };
        if (institution is null)
            return $"a {role} needs an institution: {expected}";
        var vo = binding is Binding.Vo or Binding.VoOrMbo && Exists(database, "SELECT COUNT(*) FROM vo_vestiging WHERE brin6 = @code", institution);
        var mbo = binding is Binding.Mbo or Binding.VoOrMbo && Exists(database, "SELECT COUNT(*) FROM mbo_instelling WHERE brin4 = @code", institution);
        return vo || mbo ? null : $"'{institution}' is not {expected} in this store (import the institutions first: doorstroom import all)";
    }

    private static bool Exists(Database database, string sql, string code)
    {
        using var connection = database.ConnectMigrated();
        return connection.ExecuteScalar<long>(sql, new { code }) > 0;
    }

    /// <summary>Adds an account with a password that keeps <see cref="Passwords.Rule"/>; never a demo account.</summary>
    public static AccountChange AddAccount(
        Database database,
        string name,
        string role,
        string? institution,
        string? pupil,
        string? displayName,
        string password,
        string actor,
        TimeProvider? clock = null,
        string actorRole = OperatorRole
    )
    {
        ArgumentNullException.ThrowIfNull(password);
        if (CheckNew(database, name, role, institution, pupil, client: false) is { } problem)
            return new(problem);
        if (Passwords.Check(password, name) is { } weak)
            return AccountChange.Refused("password", $"{Passwords.Describe(weak, password)} " + $"({Passwords.Rule})", AccountFault.PasswordWeak, weak);
        var account = new UserAccount(
            name,
            Passwords.Hash(password),
            role,
            institution,
            pupil,
            displayName ?? name,
            Demo: false,
            SecurityStamp: Accounts.NewStamp()
        );
        Audited(database, clock, actor, actorRole, "account toegevoegd", "account", name, institution, (connection, transaction) =>
            Accounts.Save(connection, transaction, account)
        );
        return new(null);
    }

    /// <summary>
    /// Disables or enables an account by name. Disabling gives it a new security stamp, so its open sessions end (decision
    /// 0019); enabling keeps the stamp (a session from before the disable stays ended).
    /// </summary>
    public static AccountChange SetDisabled(
        Database database,
        string name,
        bool disabled,
        string actor,
        TimeProvider? clock = null,
        string actorRole = OperatorRole
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        if (Accounts.Find(database, name) is not { } account)
            return AccountChange.Refused("name", $"there is no account '{name}'", AccountFault.AccountUnknown);
        Audited(
            database,
            clock,
            actor,
            actorRole,
            disabled ? "account uitgeschakeld" : "account ingeschakeld",
            "account",
            name,
            account.Institution,
            (connection, transaction) =>
                connection.Execute(
                    disabled
                        ? "UPDATE account SET disabled = 1, security_stamp = @stamp WHERE username = @name"
                        : "UPDATE account SET disabled = 0 WHERE username = @name",
                    new { stamp = Accounts.NewStamp(), name },
                    transaction
                )
        );
        return new(null);
    }

    /// <summary>Ends every open session of an account (a new security stamp) without changing anything else.</summary>
    public static AccountChange EndSessions(Database database, string name, string actor, TimeProvider? clock = null, string actorRole = OperatorRole)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (Accounts.Find(database, name) is not { } account)
            return AccountChange.Refused("name", $"there is no account '{name}'", AccountFault.AccountUnknown);
        Audited(database, clock, actor, actorRole, "sessies beëindigd", "account", name, account.Institution, (connection, transaction) =>
            connection.Execute("UPDATE account SET security_stamp = @stamp WHERE username = @name", new { stamp = Accounts.NewStamp(), name }, transaction)
        );
        return new(null);
    }

    /// <summary>Gives an account a new password that keeps <see cref="Passwords.Rule"/>, and a new security stamp (its sessions end).</summary>
    public static AccountChange ResetPassword(
        Database database,
        string name,
        string password,
        string actor,
        TimeProvider? clock = null,
        string actorRole = OperatorRole
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(password);
        if (Accounts.Find(database, name) is not { } account)
            return AccountChange.Refused("name", $"there is no account '{name}'", AccountFault.AccountUnknown);
        if (Passwords.Check(password, name) is { } weak)
            return AccountChange.Refused("password", $"{Passwords.Describe(weak, password)} " + $"({Passwords.Rule})", AccountFault.PasswordWeak, weak);
        var hash = Passwords.Hash(password);
        Audited(database, clock, actor, actorRole, "wachtwoord opnieuw ingesteld", "account", name, account.Institution, (connection, transaction) =>
            connection.Execute(
                "UPDATE account SET password_hash = @hash, security_stamp = @stamp WHERE username = " + "@name",
                new
                {
                    hash,
                    stamp = Accounts.NewStamp(),
                    name,
                },
                transaction
            )
        );
        return new(null);
    }

    /// <summary>Adds an API client with a new secret (<see cref="AccountChange.Secret"/>: shown once; only its hash is stored).</summary>
    public static AccountChange AddClient(
        Database database,
        string name,
        string role,
        string? institution,
        string? pupil,
        string? displayName,
        string actor,
        TimeProvider? clock = null,
        string actorRole = OperatorRole
    )
    {
        if (CheckNew(database, name, role, institution, pupil, client: true) is { } problem)
            return new(problem);
        var secret = Passwords.NewSecret();
        var client = new ApiClient(name, Passwords.Hash(secret), role, institution, pupil, displayName ?? name, Demo: false);
        Audited(database, clock, actor, actorRole, "api-client toegevoegd", "api-client", name, institution, (connection, transaction) =>
            Accounts.SaveClient(connection, transaction, client)
        );
        return new(null, secret);
    }

    /// <summary>Revokes an API client: no token is issued for it again (a token issued before lives out its hour).</summary>
    public static AccountChange RevokeClient(Database database, string name, string actor, TimeProvider? clock = null, string actorRole = OperatorRole)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (Accounts.FindClient(database, name) is not { } client)
            return AccountChange.Refused("name", $"there is no API client '{name}'", AccountFault.ClientUnknown);
        Audited(database, clock, actor, actorRole, "api-client ingetrokken", "api-client", name, client.Institution, (connection, transaction) =>
            connection.Execute("UPDATE api_client SET revoked = 1 WHERE client_id = @name", new { name }, transaction)
        );
        return new(null);
    }

    /// <summary>Gives an API client a new secret (shown once); the old secret stops working at once. A revoked client stays revoked.</summary>
    public static AccountChange RotateClient(Database database, string name, string actor, TimeProvider? clock = null, string actorRole = OperatorRole)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (Accounts.FindClient(database, name) is not { } client)
            return AccountChange.Refused("name", $"there is no API client '{name}'", AccountFault.ClientUnknown);
        if (client.Revoked)
            return AccountChange.Refused("name", $"API client '{name}' is revoked; add a new client instead", AccountFault.ClientRevoked);
        var secret = Passwords.NewSecret();
        var hash = Passwords.Hash(secret);
        Audited(database, clock, actor, actorRole, "api-client-geheim vervangen", "api-client", name, client.Institution, (connection, transaction) =>
            connection.Execute("UPDATE api_client SET secret_hash = @hash WHERE client_id = @name", new { hash, name }, transaction)
        );
        return new(null, secret);
    }

    // The change and its audit line in ONE transaction (AuditLog.Write): both are stored or neither. The line says who (the
    // command line's user, or the signed-in beheerder and their role), what (the action), which account or client (the
    // category field, "account:NAME"); never a secret.
    private static void Audited(
        Database database,
        TimeProvider? clock,
        string actor,
        string actorRole,
        string action,
        string kind,
        string name,
        string? institution,
        Action<DbConnection, DbTransaction> change
    )
    {
        var line = new AuditEntry(
            (clock ?? TimeProvider.System).GetUtcNow(),
            actor,
            actorRole,
            institution,
            null,
            action,
            $"{kind}:{name}",
            null,
            "gedaan",
            null
        );
        AuditLog.Write(
            database,
            (connection, transaction) =>
            {
                change(connection, transaction);
                return line;
            },
            entry => [entry]
        );
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$")]
    private static partial Regex NamePattern();
}
