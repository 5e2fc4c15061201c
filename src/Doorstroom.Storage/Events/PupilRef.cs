namespace Doorstroom.Storage;

/// <summary>A pupil's id and attributes; <see cref="New"/> when created by this append.</summary>
internal readonly record struct PupilRef(long Id, bool Synthetic, DateOnly? BirthDate, bool New);
