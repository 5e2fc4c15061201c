namespace Doorstroom.Web.Api;

/// <summary>
/// A connection of the register (docs/connections.md): <c>form</c> as the CSV spells it, dates as yyyy-mm-dd; <c>derived</c>
/// is true for a bestuurlijke verbinding that the institution data gives (not entered, not ended).
/// </summary>
public sealed record ConnectionDto(
    string Id,
    string VoVestiging,
    string Mbo,
    string Form,
    string From,
    string? Until,
    string? Route,
    string? Subject,
    string Description,
    string Source,
    bool Synthetic,
    bool Derived
);
