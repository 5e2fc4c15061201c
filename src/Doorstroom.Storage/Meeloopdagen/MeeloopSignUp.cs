using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// One pupil's standing for one meeloopdag: the status, the place on the waiting list (1 is next) while waiting, and the
/// pupil's name when the store has it (shown to the mbo of the day only, to run it).
/// </summary>
public sealed record MeeloopSignUp(string Day, string Pupil, MeeloopStatus Status, int? WaitingPlace, string? Name = null);
