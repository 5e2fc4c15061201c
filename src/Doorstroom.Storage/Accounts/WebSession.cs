namespace Doorstroom.Storage;

/// <summary>A signed-in session as the store holds it: whose, the sealed ticket, the stamp at sign-in, and its times.</summary>
/// <param name="Ticket">The web application's ticket, sealed (the store never sees its claims in clear).</param>
/// <param name="SecurityStamp">The account's security stamp when the session began.</param>
public sealed record WebSession(string Username, string Ticket, string SecurityStamp, DateTimeOffset Created, DateTimeOffset Expires, DateTimeOffset Renewed);
