using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Doorstroom.Web;

/// <summary>
/// The server side of the sign-in cookie: the cookie carries only a random session key, the ticket stays here. Signing
/// out removes the ticket, so a copy of the old cookie (another tab, a saved request, a shared school computer) no
/// longer signs anyone in. Kept in this process's memory: a restart signs everyone out (they sign in again), which errs
/// on the safe side; several web processes would need a shared store (a later issue).
/// </summary>
public sealed class SessionStore(TimeProvider clock) : ITicketStore
{
    private readonly ConcurrentDictionary<string, AuthenticationTicket> tickets = new(StringComparer.Ordinal);

    /// <summary>Sessions held now (expired ones are dropped as new ones start).</summary>
    public int Count => tickets.Count;

    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        DropExpired();
        var key = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        tickets[key] = ticket;
        return Task.FromResult(key);
    }

    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        // Only a live session is renewed: a request still in flight must not bring back a session that was signed out.
        if (tickets.TryGetValue(key, out var old)) tickets.TryUpdate(key, ticket, old);
        return Task.CompletedTask;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        if (!tickets.TryGetValue(key, out var ticket)) return Task.FromResult<AuthenticationTicket?>(null);
        if (Expired(ticket))
        {
            tickets.TryRemove(key, out _);
            return Task.FromResult<AuthenticationTicket?>(null);
        }
        return Task.FromResult<AuthenticationTicket?>(ticket);
    }

    public Task RemoveAsync(string key)
    {
        tickets.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private bool Expired(AuthenticationTicket ticket) => ticket.Properties.ExpiresUtc is { } expires && expires <= clock.GetUtcNow();

    private void DropExpired()
    {
        foreach (var (key, ticket) in tickets)
        {
            if (Expired(ticket)) tickets.TryRemove(key, out _);
        }
    }
}
