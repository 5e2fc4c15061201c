namespace Doorstroom.Domain;

/// <summary>One cohort's flow to a partner: the pupils and the subject's whole flow into the mbo that cohort.</summary>
public sealed record CohortShare(int Cohort, long Count, long Total)
{
    /// <summary>The share as it may be shown: null when <see cref="Suppression.Rate"/> hides it.</summary>
    public double? Share => Total == 0 ? null : Suppression.Rate(Count, Total);
}
