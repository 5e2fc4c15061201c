namespace Doorstroom.Domain;

/// <summary>One of the monitor's indicators over the pupils of one flow (or of all the subject's flows): population and hits.</summary>
public sealed record FlowOutcome(Indicator Indicator, long Population, long Hits)
{
    /// <summary>The rate as it may be shown: null when <see cref="Suppression.Rate"/> hides it.</summary>
    public double? Rate => Suppression.Rate(Hits, Population);
}
