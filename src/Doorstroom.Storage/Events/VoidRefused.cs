namespace Doorstroom.Storage;

/// <summary>Nothing stored: <paramref name="Field"/> names what was wrong, <paramref name="Expected"/> what was expected.</summary>
/// <param name="NotFound">True when the pupil or the event does not exist (an API answers 404).</param>
public sealed record VoidRefused(string Field, string Expected, bool NotFound = false) : VoidOutcome;
