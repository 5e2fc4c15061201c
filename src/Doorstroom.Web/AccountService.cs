using System.Security.Claims;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// Checks passwords and client secrets against the store's hashes (<see cref="Passwords"/>, the one hasher the command line
/// uses too) and makes the principal of an account. A disabled account and a revoked client are refused like a wrong password.
/// </summary>
public sealed class AccountService(Site site)
{
    /// <summary>The hash to store for a password or client secret.</summary>
    public string Hash(string secret) => Passwords.Hash(secret);

    /// <summary>The account when the user name and password match and the account may sign in now; else null.</summary>
    public Account? SignIn(string username, string password)
    {
        var account = Accounts.Find(site.Database, username);
        if (account is null || account.Disabled || (account.Demo && !site.Options.Demo)) return null;
        return Passwords.Verify(account.PasswordHash, password) ? account : null;
    }

    /// <summary>The API client when the id and secret match and it may be used now; else null.</summary>
    public ApiClient? Client(string clientId, string secret)
    {
        var client = Accounts.FindClient(site.Database, clientId);
        if (client is null || client.Revoked || (client.Demo && !site.Options.Demo)) return null;
        return Passwords.Verify(client.SecretHash, secret) ? client : null;
    }

    /// <summary>The claims of an account: name, role, and the institution or pupil it is bound to.</summary>
    public static ClaimsIdentity Identity(Account account, string scheme)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new(ClaimTypes.Name, account.Username));
        identity.AddClaim(new("display_name", account.DisplayName));
        identity.AddClaim(new(ClaimTypes.Role, account.Role));
        if (account.Institution is { } institution) identity.AddClaim(new(Claims.Institution, institution));
        if (account.PupilKey is { } pupil) identity.AddClaim(new(Claims.Pupil, pupil));
        return identity;
    }
}
