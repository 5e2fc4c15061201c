using System.Security.Claims;
using System.Security.Cryptography;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Doorstroom.Web;

/// <summary>The outcome of a sign-in or token attempt: the account or client, or refused, or locked for a while.</summary>
public sealed record SignInAttempt<T>(T? Granted, TimeSpan? LockedFor)
    where T : class;

/// <summary>
/// Checks passwords and client secrets against the store's hashes and makes the principal of an account. Every attempt
/// does the same hash work: an unknown name, or a demo account outside demo mode, is checked against a dummy hash made by
/// the same hasher, so the time taken does not tell which names exist. Repeated failures lock the name for a while
/// (<see cref="SignInLockout"/>); a locked name is refused before any hash work. A disabled account and a revoked client
/// are refused like a wrong password. Hashes are those of <see cref="Passwords"/>, the one hasher the command line uses too.
/// </summary>
public sealed class AccountService(SiteServices site, SignInLockout? lockout = null, IPasswordHasher<string>? passwordHasher = null)
{
    private const string User = "doorstroom";

    private readonly IPasswordHasher<string> hasher = passwordHasher ?? Passwords.Hasher;
    private readonly SignInLockout lockout = lockout ?? new SignInLockout(site, new SignInLimits());
    private readonly Lazy<string> dummyHash = new(() =>
        (passwordHasher ?? Passwords.Hasher).HashPassword(User, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)))
    );

    /// <summary>The hash to store for a password or client secret.</summary>
    public string Hash(string secret) => hasher.HashPassword(User, secret);

    /// <summary>The account when the user name and password match and the account may sign in now; else null.</summary>
    public UserAccount? SignIn(string username, string password) => TrySignIn(username, password).Granted;

    /// <summary>The API client when the id and secret match and it may be used now; else null.</summary>
    public ApiClient? Client(string clientId, string secret) => TryClient(clientId, secret).Granted;

    /// <summary>A sign-in attempt: the account, refused (one answer for a wrong password and an unknown name), or locked.</summary>
    public SignInAttempt<UserAccount> TrySignIn(string username, string password)
    {
        ArgumentNullException.ThrowIfNull(username);
        return Attempt(
            SignInLockout.Key("account", username),
            password,
            () => Accounts.Find(site.Database, username),
            a => !MaySignIn(a, site.Options),
            a => a.PasswordHash
        );
    }

    /// <summary>A token attempt: the client, refused (one answer for a wrong secret and an unknown id), or locked.</summary>
    public SignInAttempt<ApiClient> TryClient(string clientId, string secret)
    {
        ArgumentNullException.ThrowIfNull(clientId);
        return Attempt(
            SignInLockout.Key("client", clientId),
            secret,
            () => Accounts.FindClient(site.Database, clientId),
            c => c.Revoked || (c.Demo && !site.Options.Demo),
            c => c.SecretHash
        );
    }

    /// <summary>
    /// Whether the account may sign in on this site, by password or through its school: not disabled, and not a demo
    /// account outside demo mode.
    /// </summary>
    public static bool MaySignIn(UserAccount account, SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(options);
        return !account.Disabled && !(account.Demo && !options.Demo);
    }

    /// <summary>Starts the browser's cookie session for the account (the one sign-in of the password and the school sign-in).</summary>
    public static Task SignInCookie(HttpContext http, UserAccount account) =>
        http.SignInAsync(
            CookieAuthenticationDefaults.AuthenticationScheme,
            new ClaimsPrincipal(Identity(account, CookieAuthenticationDefaults.AuthenticationScheme))
        );

    private SignInAttempt<T> Attempt<T>(string key, string secret, Func<T?> find, Func<T, bool> refused, Func<T, string> hash)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (lockout.LockedFor(key) is { } locked)
            return new(null, locked);
        var found = find();
        var usable = found is not null && !refused(found) ? found : null;
        // The same verification whether or not the name exists: equal work, so equal time.
        var verified = hasher.VerifyHashedPassword(User, usable is null ? dummyHash.Value : hash(usable), secret) != PasswordVerificationResult.Failed;
        if (usable is not null && verified)
        {
            lockout.Succeeded(key);
            return new(usable, null);
        }
        lockout.Failed(key);
        return new(null, lockout.LockedFor(key));
    }

    /// <summary>
    /// The claims of an account: name, role, the institution or pupil it is bound to, and its security stamp (a cookie
    /// session is refused once the account's stamp changes: <see cref="SessionCheck"/>).
    /// </summary>
    public static ClaimsIdentity Identity(UserAccount account, string scheme)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(scheme, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new(ClaimTypes.Name, account.Username));
        identity.AddClaim(new("display_name", account.DisplayName));
        identity.AddClaim(new(ClaimTypes.Role, account.Role));
        if (account.Institution is { } institution)
            identity.AddClaim(new(Claims.Institution, institution));
        if (account.PupilKey is { } pupil)
            identity.AddClaim(new(Claims.Pupil, pupil));
        identity.AddClaim(new(SessionCheck.StampClaim, account.SecurityStamp));
        return identity;
    }
}
