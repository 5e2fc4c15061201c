namespace Doorstroom.Storage;

/// <summary>Who voids an event, as the audit log records them.</summary>
public sealed record Corrector(string Actor, string Role, string? Institution);
