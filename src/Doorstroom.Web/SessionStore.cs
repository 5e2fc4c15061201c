using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Doorstroom.Web;

/// <summary>
/// The server side of the sign-in cookie, in the store (<see cref="WebSessions"/>, decision 0019): the cookie carries only a
/// random session key, the ticket is kept sealed with Data Protection (whose key ring is in the store too). Every web node
/// on the store knows every session, a restart signs no one out, and signing out on one node ends the session on all:
/// a copy of the old cookie (another tab, a saved request, a shared school computer) no longer signs anyone in.
/// </summary>
public sealed class SessionStore(SiteServices site, IDataProtectionProvider protection) : ITicketStore
{
    /// <summary>The purpose the tickets are sealed under; a new purpose would end every session.</summary>
    public const string Purpose = "Doorstroom.WebSession.v1";

    /// <summary>A ticket without an expiry (the cookie always sets one) is kept this long.</summary>
    private static readonly TimeSpan Fallback = TimeSpan.FromHours(8);

    private readonly IDataProtector protector = protection.CreateProtector(Purpose);

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = site.Clock.GetUtcNow();
        var key = WebSessions.Start(
            site.Database,
            ticket.Principal.Identity?.Name ?? "",
            SessionCheck.Stamp(ticket.Principal) ?? "",
            Seal(ticket),
            ticket.Properties.ExpiresUtc ?? now + Fallback,
            now
        );
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        // Only a live session is renewed: a request still in flight must not bring back a session that was signed out.
        var now = site.Clock.GetUtcNow();
        WebSessions.Renew(site.Database, key, Seal(ticket), ticket.Properties.ExpiresUtc ?? now + Fallback, now);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (WebSessions.Find(site.Database, key, site.Clock.GetUtcNow()) is not { } session)
            return Task.FromResult<AuthenticationTicket?>(null);
        try
        {
            return Task.FromResult(TicketSerializer.Default.Deserialize(protector.Unprotect(Convert.FromBase64String(session.Ticket))));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Sealed under a key the ring no longer has, or damaged: no session (and none to keep).
            WebSessions.End(site.Database, key);
            return Task.FromResult<AuthenticationTicket?>(null);
        }
    }

    public Task RemoveAsync(string key)
    {
        WebSessions.End(site.Database, key);
        return Task.CompletedTask;
    }

    private string Seal(AuthenticationTicket ticket) => Convert.ToBase64String(protector.Protect(TicketSerializer.Default.Serialize(ticket)));
}

/// <summary>
/// Revalidates a signed-in cookie against its account (issue 13 item 5, decision 0019): the account must exist, be enabled
/// (and, for a demo account, the site be in demo mode), and carry the security stamp the session began with. The account
/// is read at most once per <see cref="SiteOptions.SessionCheckSeconds"/> per account on this node (a cache of what was
/// found acceptable; a refusal is always decided on a fresh read). A refused session is removed from the store and its
/// cookie deleted: the next page asks to sign in.
/// </summary>
public sealed class SessionCheck
{
    /// <summary>The claim that carries the account's security stamp at sign-in (inside the stored ticket, never in the cookie).</summary>
    public const string StampClaim = "doorstroom:security_stamp";

    /// <summary>Accounts remembered at most; beyond this the cache starts over.</summary>
    private const int MaxEntries = 50_000;

    private readonly SiteServices site;
    private readonly TimeSpan interval;
    private readonly ConcurrentDictionary<string, Checked> accepted = new(StringComparer.Ordinal);

    public SessionCheck(SiteServices site)
    {
        ArgumentNullException.ThrowIfNull(site);
        if (site.Options.SessionCheckSeconds < 0)
            throw new InvalidOperationException(
                $"Doorstroom:SessionCheckSeconds: expected a whole number of seconds, 0 or more (found " + $"{site.Options.SessionCheckSeconds})"
            );
        this.site = site;
        interval = TimeSpan.FromSeconds(site.Options.SessionCheckSeconds);
    }

    /// <summary>The security stamp a principal signed in with, or null.</summary>
    public static string? Stamp(ClaimsPrincipal? principal) => principal?.FindFirst(StampClaim)?.Value;

    /// <summary>The cookie handler's <c>OnValidatePrincipal</c>.</summary>
    public async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (Valid(context.Principal))
            return;
        context.RejectPrincipal();
        // Removes the session from the store (every node) and deletes the cookie.
        await context.HttpContext.SignOutAsync(context.Scheme.Name);
    }

    /// <summary>True when the principal's account may still be signed in with the stamp it carries.</summary>
    public bool Valid(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.Name is not { } name || Stamp(principal) is not { } stamp)
            return false;
        var now = site.Clock.GetUtcNow();
        if (accepted.TryGetValue(name, out var known) && known.Stamp == stamp && now - known.At < interval)
            return true;
        var account = Accounts.Find(site.Database, name);
        var valid = account is not null && !account.Disabled && (!account.Demo || site.Options.Demo) && account.SecurityStamp == stamp;
        if (accepted.Count >= MaxEntries)
            accepted.Clear();
        if (valid)
            accepted[name] = new Checked(now, stamp);
        else
            accepted.TryRemove(name, out _);
        return valid;
    }

    private sealed record Checked(DateTimeOffset At, string Stamp);
}
