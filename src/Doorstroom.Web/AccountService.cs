using System.Security.Claims;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Identity;

namespace Doorstroom.Web;

/// <summary>Checks passwords and client secrets against the store's hashes and makes the principal of an account.</summary>
public sealed class AccountService(Site site)
{
    private readonly PasswordHasher<string> hasher = new();

    /// <summary>The hash to store for a password or client secret.</summary>
    public string Hash(string secret) => hasher.HashPassword("doorstroom", secret);

    /// <summary>The account when the user name and password match and the account may sign in now; else null.</summary>
    public Account? SignIn(string username, string password)
    {
        var account = Accounts.Find(site.Database, username);
        if (account is null || (account.Demo && !site.Options.Demo)) return null;
        return hasher.VerifyHashedPassword("doorstroom", account.PasswordHash, password) == PasswordVerificationResult.Failed ? null : account;
    }

    /// <summary>The API client when the id and secret match and it may be used now; else null.</summary>
    public ApiClient? Client(string clientId, string secret)
    {
        var client = Accounts.FindClient(site.Database, clientId);
        if (client is null || (client.Demo && !site.Options.Demo)) return null;
        return hasher.VerifyHashedPassword("doorstroom", client.SecretHash, secret) == PasswordVerificationResult.Failed ? null : client;
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
