namespace Doorstroom.Storage;

/// <summary>What <see cref="AuditLog.Verify(Database, IReadOnlyCollection{AuditAnchor})"/> found: the number of entries and, when the chain is broken, where
/// and how.</summary>
/// <param name="HeadHash">The hash of the last entry (the head): kept outside the store, it lets a later check catch a log rewritten whole.</param>
public sealed record AuditCheck(long Entries, long? BrokenAt, string? Problem, string? HeadHash = null)
{
    public bool Intact => Problem is null;
}
