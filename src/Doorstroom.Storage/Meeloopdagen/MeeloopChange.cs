using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// What a sign-up, cancellation or attendance did: the pupil's new status (and place on the waiting list), or why nothing
/// was done; after a cancellation, the pupil of the waiting list who got the freed place, if any.
/// </summary>
public sealed record MeeloopChange(MeeloopStatus? Status, int? WaitingPlace, MeeloopRefusal? Refusal, string? Promoted = null)
{
    /// <summary>Refused: nothing stored.</summary>
    public static MeeloopChange No(MeeloopRefusal why) => new(null, null, why);

    /// <summary>True when the change was stored.</summary>
    public bool Done => Refusal is null;
}
