namespace Doorstroom.Storage;

/// <summary>A head of the audit log recorded outside the store: the entry <see cref="Seq"/> had <see cref="Hash"/> at <see cref="At"/>.</summary>
/// <param name="Source">Where it came from, for a message: the anchor file and line, or the command line.</param>
public sealed record AuditAnchor(long Seq, string Hash, DateTimeOffset? At, string Source);
