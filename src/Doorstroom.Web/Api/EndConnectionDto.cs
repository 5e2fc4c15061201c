namespace Doorstroom.Web.Api;

/// <summary>The last day a connection holds, as yyyy-mm-dd.</summary>
public sealed record EndConnectionDto(string? Until);
