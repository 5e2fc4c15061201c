namespace Doorstroom.Web.Api;

/// <summary>A connection to enter: the fields of the register's CSV (docs/connections.md); without an id, one is made.</summary>
public sealed record NewConnectionDto(
    string? Id,
    string? VoVestiging,
    string? Mbo,
    string? Form,
    string? From,
    string? Until,
    string? Route,
    string? Subject,
    string? Description,
    string? Source
);
