using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>One partner of the subject: the flow between them, its share and trend, the connections that hold, the gap, the outcomes.</summary>
/// <param name="Code">The partner's code: an mbo institution's BRIN4 for a vmbo vestiging, a vmbo vestiging's BRIN6 for an mbo institution.</param>
/// <param name="Count">The pupils over all the cohorts.</param>
/// <param name="Total">The subject's whole flow into the mbo over the same cohorts.</param>
/// <param name="Outcomes">The <see cref="WhereToConnect.Outcomes"/> along this flow, in that order: association, not effect.</param>
public sealed record ConnectionPartner(
    string Code,
    long Count,
    long Total,
    ImmutableArray<CohortShare> Cohorts,
    ShareTrend Trend,
    ImmutableArray<Connection> Connections,
    ConnectionGap Gap,
    ImmutableArray<FlowOutcome> Outcomes
)
{
    /// <summary>The share of the subject's flow as it may be shown: null when <see cref="Suppression.Rate"/> hides it.</summary>
    public double? Share => Total == 0 ? null : Suppression.Rate(Count, Total);

    /// <summary>
    /// True for the two gaps (<see cref="ConnectionGap.GroteStroomZonderVerbinding"/>, <see cref="ConnectionGap.VerbindingBijKleineStroom"/>).
    /// </summary>
    public bool IsGap => Gap is ConnectionGap.GroteStroomZonderVerbinding or ConnectionGap.VerbindingBijKleineStroom;
}
