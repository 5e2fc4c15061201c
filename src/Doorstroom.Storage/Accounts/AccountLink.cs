namespace Doorstroom.Storage;

/// <summary>A school's OpenID provider account (issuer and subject) linked to a Doorstroom account.</summary>
/// <param name="Provider">The settings id of the provider the link was made through.</param>
public sealed record AccountLink(string Provider, string Issuer, string Subject, string Account, DateTimeOffset LinkedAt);
