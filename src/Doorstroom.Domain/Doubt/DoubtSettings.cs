namespace Doorstroom.Domain;

/// <summary>
/// The days of the exam year from which the dated doubt signals hold (settings, like the day a pupil without an
/// application is signalled): a choice by <paramref name="KeuzeUiterlijk"/> (S1), an LOB activity by
/// <paramref name="LobUiterlijk"/> (S3). Both 1 February unless set.
/// </summary>
public sealed record DoubtSettings(MonthDay KeuzeUiterlijk, MonthDay LobUiterlijk)
{
    /// <summary>1 February for both.</summary>
    public static DoubtSettings Default { get; } = new(Applications.DefaultWarnFrom, Applications.DefaultWarnFrom);
}
