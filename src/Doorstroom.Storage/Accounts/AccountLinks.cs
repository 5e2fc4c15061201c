using System.Buffers.Text;
using System.Collections.Immutable;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// School sign-in's side of the store (decision 0021): which provider account (issuer + subject) signs in as which
/// Doorstroom account. A link is made only by an invitation the beheerder created for an existing account (single use,
/// expiring, only the code's hash stored) or by a link value the beheerder set on the account that the provider's
/// configured claim matches; a sign-in never makes an account. Every link, invitation and link value is an entry in the
/// audit log (never the code, the subject or the claim's value).
/// </summary>
public static partial class AccountLinks
{
    /// <summary>How long an invitation lasts unless told otherwise.</summary>
    public const int DefaultDays = 7;

    /// <summary>The longest an invitation may last.</summary>
    public const int MaxDays = 30;

    /// <summary>Provider ids, as in <c>Doorstroom:Oidc:Providers:&lt;id&gt;</c>.</summary>
    public const string ProviderRule = "1 to 32 lower-case letters, digits or '-', starting with a letter or digit";

    private const string Iso = "yyyy-MM-ddTHH:mm:ss.fffffffZ";

    /// <summary>True when <paramref name="id"/> keeps <see cref="ProviderRule"/>.</summary>
    public static bool IsProviderId(string? id) => id is not null && ProviderPattern().IsMatch(id);

    /// <summary>The stored form of an invitation code: SHA-256, hex (a code is 256 random bits, so no slow hash is needed).</summary>
    public static string Hash(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
    }

    /// <summary>
    /// Makes an invitation for an existing, enabled, non-demo account, valid for <paramref name="days"/> days and, when
    /// <paramref name="provider"/> is given, only at that provider. The code is in <see cref="AccountChange.Secret"/>: shown
    /// once, only its hash is stored. A refusal stores nothing.
    /// </summary>
    public static AccountChange Invite(
        Database database,
        string account,
        string? provider,
        int days,
        string actor,
        TimeProvider? clock = null,
        string actorRole = AccountAdmin.OperatorRole
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Linkable(database, account, out var found, out var refused))
            return refused;
        if (found.Disabled)
            return AccountChange.Refused("name", $"account '{account}' is disabled; enable it first", AccountFault.AccountDisabled);
        if (provider is not null && !IsProviderId(provider))
            return AccountChange.Refused(
                "provider",
                $"'{provider}' is not a provider id; expected {ProviderRule} (the id in " + $"Doorstroom:Oidc:Providers)",
                AccountFault.ProviderInvalid
            );
        if (days is < 1 or > MaxDays)
            return AccountChange.Refused("days", $"{days} is not a number of days from 1 to {MaxDays}", AccountFault.DaysOutOfRange);
        var code = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        AuditLog.Write(
            database,
            (connection, transaction) =>
                connection.Execute(
                    """
                    INSERT INTO account_invitation (code_hash, account, provider, created_at, expires_at, used_at)
                    VALUES (@hash, @account, @provider, @created, @expires, NULL)
                    """,
                    new
                    {
                        hash = Hash(code),
                        account,
                        provider,
                        created = Text(now),
                        expires = Text(now.AddDays(days)),
                    },
                    transaction
                ),
            _ =>
                [
                    Entry(
                        now,
                        actor,
                        actorRole,
                        found,
                        "uitnodiging gemaakt",
                        $"schoolaccount koppelen via {provider ?? "elke aanbieder"}, {days} dag(en) " + $"geldig"
                    ),
                ]
        );
        return new(null, code);
    }

    /// <summary>The invitation with this code, or null when there is none.</summary>
    public static Invitation? FindInvitation(Database database, string code)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(code);
        using var connection = database.ConnectMigrated();
        return Invitation(connection, null, code);
    }

    /// <summary>
    /// Redeems an invitation at <paramref name="provider"/> for the provider account (<paramref name="issuer"/>,
    /// <paramref name="subject"/>): links it to the invitation's account and marks the invitation used, in one transaction
    /// with its audit entry. Refused, changing nothing, when the code is unknown, used, expired at <paramref name="clock"/>'s
    /// now or meant for another provider, when the provider account is linked to another account, or when the account
    /// cannot sign in. The same provider account linked again to the same account is not an error.
    /// </summary>
    public static LinkOutcome Redeem(Database database, string code, string provider, string issuer, string subject, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(provider);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        UserAccount? account = null;
        return AuditLog.Write(
            database,
            (connection, transaction) =>
            {
                if (Invitation(connection, transaction, code) is not { } invitation)
                    return LinkOutcome.Refused(LinkRefusal.UnknownInvitation);
                switch (invitation.StateAt(now))
                {
                    case InvitationState.Used:
                        return LinkOutcome.Refused(LinkRefusal.UsedInvitation);
                    case InvitationState.Expired:
                        return LinkOutcome.Refused(LinkRefusal.ExpiredInvitation);
                }
                if (invitation.Provider is { } only && only != provider)
                    return LinkOutcome.Refused(LinkRefusal.OtherProvider);
                account = Usable(connection, transaction, invitation.Account);
                if (account is null)
                    return LinkOutcome.Refused(LinkRefusal.AccountUnusable);
                if (Link(connection, transaction, provider, issuer, subject, account.Username, now) is { } refused)
                    return refused;
                connection.Execute(
                    "UPDATE account_invitation SET used_at = @now WHERE code_hash = @hash",
                    new { now = Text(now), hash = Hash(code) },
                    transaction
                );
                return new LinkOutcome(account.Username, null);
            },
            outcome =>
                outcome.Linked
                    ? [Entry(now, account!.Username, account.Role, account, "schoolaccount gekoppeld", $"via uitnodiging, aanbieder " + $"{provider}")]
                    : []
        );
    }

    /// <summary>
    /// Links the provider account to the account whose link value at <paramref name="provider"/> is <paramref name="value"/>
    /// (compared ignoring case), with its audit entry. Refused, changing nothing, when no account has that value, when the
    /// account cannot sign in, or when the provider account is linked to another account.
    /// </summary>
    public static LinkOutcome LinkByValue(Database database, string provider, string value, string issuer, string subject, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(value);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        UserAccount? account = null;
        return AuditLog.Write(
            database,
            (connection, transaction) =>
            {
                var name = connection.QueryFirstOrDefault<string>(
                    "SELECT account FROM account_link_value WHERE provider = @provider AND value = @value",
                    new { provider, value = Normal(value) },
                    transaction
                );
                if (name is null)
                    return LinkOutcome.Refused(LinkRefusal.NoLinkValue);
                account = Usable(connection, transaction, name);
                if (account is null)
                    return LinkOutcome.Refused(LinkRefusal.AccountUnusable);
                return Link(connection, transaction, provider, issuer, subject, account.Username, now) ?? new LinkOutcome(account.Username, null);
            },
            outcome =>
                outcome.Linked
                    ? [Entry(now, account!.Username, account.Role, account, "schoolaccount gekoppeld", $"via koppelwaarde, aanbieder " + $"{provider}")]
                    : []
        );
    }

    /// <summary>The account the provider account is linked to, or null.</summary>
    public static string? LinkedAccount(Database database, string issuer, string subject)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.QueryFirstOrDefault<string>(
            "SELECT account FROM account_link WHERE issuer = @issuer AND subject = " + "@subject",
            new { issuer, subject }
        );
    }

    /// <summary>Every provider account linked to the account, oldest first.</summary>
    public static ImmutableArray<AccountLink> Links(Database database, string account)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return
        [
            .. connection
                .Query<(string Provider, string Issuer, string Subject, string Account, string LinkedAt)>(
                    "SELECT provider, issuer, subject, account, linked_at FROM account_link WHERE account = @account ORDER BY linked_at, provider, "
                        + "subject",
                    new { account }
                )
                .Select(r => new AccountLink(r.Provider, r.Issuer, r.Subject, r.Account, Parse(r.LinkedAt))),
        ];
    }

    /// <summary>
    /// Sets the value the provider's configured claim must have to link a provider account to this account (one value per
    /// account and provider; a new one replaces the old). Refused when the account does not exist, the provider id or value
    /// is malformed, or another account has the value at that provider.
    /// </summary>
    public static AccountChange SetLinkValue(
        Database database,
        string account,
        string provider,
        string value,
        string actor,
        TimeProvider? clock = null,
        string actorRole = AccountAdmin.OperatorRole
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(actor);
        if (!Linkable(database, account, out var found, out var refused))
            return refused;
        if (!IsProviderId(provider))
            return AccountChange.Refused("provider", $"'{provider}' is not a provider id; expected " + $"{ProviderRule}", AccountFault.ProviderInvalid);
        var normal = Normal(value);
        if (normal.Length is 0 or > 256)
            return AccountChange.Refused("value", "the link value must have 1 to 256 characters", AccountFault.LinkValueInvalid);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        return AuditLog.Write(
            database,
            (connection, transaction) =>
            {
                var holder = connection.QueryFirstOrDefault<string>(
                    "SELECT account FROM account_link_value WHERE provider = @provider AND value = " + "@normal",
                    new { provider, normal },
                    transaction
                );
                if (holder is not null && holder != account)
                    return AccountChange.Refused(
                        "value",
                        $"another account already has this link value at provider " + $"'{provider}'",
                        AccountFault.LinkValueTaken
                    );
                connection.Execute("DELETE FROM account_link_value WHERE provider = @provider AND account = @account", new { provider, account }, transaction);
                connection.Execute(
                    "INSERT INTO account_link_value (provider, value, account) VALUES (@provider, @normal, " + "@account)",
                    new
                    {
                        provider,
                        normal,
                        account,
                    },
                    transaction
                );
                return new AccountChange(null);
            },
            change => change.Done ? [Entry(now, actor, actorRole, found, "koppelwaarde ingesteld", $"aanbieder {provider}")] : []
        );
    }

    /// <summary>Removes the account's link value at the provider (links already made stay). Refused when it has none there.</summary>
    public static AccountChange ClearLinkValue(
        Database database,
        string account,
        string provider,
        string actor,
        TimeProvider? clock = null,
        string actorRole = AccountAdmin.OperatorRole
    ) =>
        RemoveAtProvider(
            database,
            account,
            provider,
            actor,
            clock,
            actorRole,
            "account_link_value",
            $"account '{account}' has no link value at provider '{provider}'",
            AccountFault.LinkValueUnknown,
            "koppelwaarde gewist"
        );

    /// <summary>The account's link values, by provider id (for the beheerder who set them; never in the audit log).</summary>
    public static ImmutableSortedDictionary<string, string> LinkValues(Database database, string account)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection
            .Query<(string Provider, string Value)>("SELECT provider, value FROM account_link_value WHERE account = @account", new { account })
            .ToImmutableSortedDictionary(r => r.Provider, r => r.Value, StringComparer.Ordinal);
    }

    /// <summary>Removes every link of the account at the provider (the provider account then signs in only after a new link).</summary>
    public static AccountChange Unlink(
        Database database,
        string account,
        string provider,
        string actor,
        TimeProvider? clock = null,
        string actorRole = AccountAdmin.OperatorRole
    ) =>
        RemoveAtProvider(
            database,
            account,
            provider,
            actor,
            clock,
            actorRole,
            "account_link",
            $"account '{account}' has no link at provider '{provider}'",
            AccountFault.LinkUnknown,
            "schoolaccount ontkoppeld"
        );

    // An account a school sign-in may be linked to: one that exists and is not a demo account.
    private static bool Linkable(Database database, string account, [NotNullWhen(true)] out UserAccount? found, [NotNullWhen(false)] out AccountChange? refused)
    {
        found = Accounts.Find(database, account);
        refused =
            found is null ? AccountChange.Refused("name", $"there is no account '{account}'", AccountFault.AccountUnknown)
            : found.Demo
                ? AccountChange.Refused(
                    "name",
                    $"'{account}' is a demo account; demo accounts sign in with their password " + $"only",
                    AccountFault.AccountDemo
                )
            : null;
        return refused is null;
    }

    // Deletes the account's rows at the provider from one of the two link tables, with its audit line; refused when there are none.
    private static AccountChange RemoveAtProvider(
        Database database,
        string account,
        string provider,
        string actor,
        TimeProvider? clock,
        string actorRole,
        string table,
        string missing,
        AccountFault fault,
        string action
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(actor);
        if (Accounts.Find(database, account) is not { } found)
            return AccountChange.Refused("name", $"there is no account '{account}'", AccountFault.AccountUnknown);
        var now = (clock ?? TimeProvider.System).GetUtcNow();
        return AuditLog.Write(
            database,
            (connection, transaction) =>
                connection.Execute($"DELETE FROM {table} WHERE account = @account AND provider = @provider", new { account, provider }, transaction) == 0
                    ? AccountChange.Refused("provider", missing, fault)
                    : new AccountChange(null),
            change => change.Done ? [Entry(now, actor, actorRole, found, action, $"aanbieder {provider}")] : []
        );
    }

    private static Invitation? Invitation(DbConnection connection, DbTransaction? transaction, string code) =>
        connection
            .Query<(string Account, string? Provider, string ExpiresAt, string? UsedAt)>(
                "SELECT account, provider, expires_at, used_at FROM account_invitation WHERE code_hash = @hash",
                new { hash = Hash(code) },
                transaction
            )
            .Select(r => new Invitation(r.Account, r.Provider, Parse(r.ExpiresAt), r.UsedAt is null ? null : Parse(r.UsedAt)))
            .FirstOrDefault();

    // The account when it exists and may sign in (not disabled, not a demo account); read inside the write transaction.
    private static UserAccount? Usable(DbConnection connection, DbTransaction transaction, string name)
    {
        var row = connection.QueryFirstOrDefault<AccountRow>(
            "SELECT role AS Role, institution AS Institution, demo AS Demo, disabled AS Disabled FROM account WHERE username = " + "@name",
            new { name },
            transaction
        );
        return row is { Demo: 0, Disabled: 0 } ? new UserAccount(name, "", row.Role, row.Institution, null, name, Demo: false) : null;
    }

    // A class with setters: Dapper converts SMALLINT (PostgreSQL) and INTEGER (SQLite) alike into a property.
    private sealed class AccountRow
    {
        public string Role { get; set; } = "";
        public string? Institution { get; set; }
        public long Demo { get; set; }
        public long Disabled { get; set; }
    }

    // Links the provider account to the account; null when done (or already so), else the refusal.
    private static LinkOutcome? Link(
        DbConnection connection,
        DbTransaction transaction,
        string provider,
        string issuer,
        string subject,
        string account,
        DateTimeOffset now
    )
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(subject);
        var existing = connection.QueryFirstOrDefault<string>(
            "SELECT account FROM account_link WHERE issuer = @issuer AND subject = " + "@subject",
            new { issuer, subject },
            transaction
        );
        if (existing is not null)
            return existing == account ? null : LinkOutcome.Refused(LinkRefusal.LinkedToOtherAccount);
        connection.Execute(
            "INSERT INTO account_link (issuer, subject, provider, account, linked_at) VALUES (@issuer, @subject, @provider, @account, @now)",
            new
            {
                issuer,
                subject,
                provider,
                account,
                now = Text(now),
            },
            transaction
        );
        return null;
    }

    private static AuditEntry Entry(DateTimeOffset now, string actor, string role, UserAccount account, string action, string purpose) =>
        new(now, actor, role, account.Institution, null, action, $"account:{account.Username}", purpose, "gedaan", null);

    private static string Normal(string value) => value.Trim().ToLowerInvariant();

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString(Iso, CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex ProviderPattern();
}
