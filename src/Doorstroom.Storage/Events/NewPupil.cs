namespace Doorstroom.Storage;

/// <summary>A pupil to create.</summary>
internal readonly record struct NewPupil(string Key, bool Synthetic, DateOnly? BirthDate);
