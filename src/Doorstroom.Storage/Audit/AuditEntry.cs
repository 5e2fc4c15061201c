namespace Doorstroom.Storage;

/// <summary>
/// One audit entry: who (actor, role, institution) did what (action) to whose dossier (pupil), which category, for which
/// purpose, with which outcome and by which rule. No dossier content is ever written here.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Actor,
    string Role,
    string? Institution,
    string? Pupil,
    string Action,
    string? Category,
    string? Purpose,
    string Outcome,
    string? Rule
)
{
    /// <summary>The position in the log, from 1.</summary>
    public long Seq { get; init; }

    /// <summary>The hash of the entry before (64 zeros for the first).</summary>
    public string PreviousHash { get; init; } = "";

    /// <summary>SHA-256 (hex) of <see cref="PreviousHash"/> and every field of this entry.</summary>
    public string Hash { get; init; } = "";
}
