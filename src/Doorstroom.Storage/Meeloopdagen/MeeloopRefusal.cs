namespace Doorstroom.Storage;

/// <summary>Why a meeloopdag change was not made (an expected "no": nothing was stored).</summary>
public enum MeeloopRefusal
{
    /// <summary>No such day (or not one of the caller's).</summary>
    NoSuchDay,

    /// <summary>The day was cancelled or has passed: no more sign-ups or cancellations.</summary>
    DayClosed,

    /// <summary>The store has no such pupil.</summary>
    NoSuchPupil,

    /// <summary>The pupil already has a place or is on the waiting list.</summary>
    AlreadySignedUp,

    /// <summary>The pupil cancelled for this day today; a new sign-up can be made from tomorrow (one fact per day in the stream).</summary>
    CancelledToday,

    /// <summary>The pupil has no place and is not on the waiting list.</summary>
    NotSignedUp,

    /// <summary>Attendance is recorded on or after the day, not before.</summary>
    NotYet,

    /// <summary>Attendance was already recorded for this pupil.</summary>
    AlreadyRecorded,

    /// <summary>A day with this id already exists.</summary>
    DuplicateId,
}
