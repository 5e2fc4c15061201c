using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>An event waiting in a batch: where it came from, its digest, and (once resolved) its pupil's id.</summary>
internal record struct Pending(long Line, TransitionEvent Event, bool Synthetic, DateOnly? BirthDate, long Digest)
{
    public long PupilId { get; set; }
}
