namespace Doorstroom.Storage;

/// <summary>
/// A pupil's personal details. They are kept apart from the pseudonymous key and the events (table
/// <c>pupil_personal</c>), are optional, and can be erased without touching the stream.
/// </summary>
public sealed record PersonalDetails(string? GivenName, string? FamilyName, string? Email, string? Phone);
