using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>Where to connect, for one vmbo vestiging or one mbo institution.</summary>
/// <param name="Code">The subject: a BRIN6 (vmbo vestiging) or BRIN4 (mbo institution).</param>
/// <param name="Total">Its whole flow into the mbo over <paramref name="Cohorts"/>.</param>
/// <param name="Partners">Every partner with a flow or a connection holding on <paramref name="On"/>, the largest flow first.</param>
/// <param name="Overall">The <see cref="WhereToConnect.Outcomes"/> over all the subject's flows (the comparison for each flow's).</param>
public sealed record WhereToConnectView(
    ConnectionSide Side,
    string Code,
    long Total,
    ImmutableArray<int> Cohorts,
    ImmutableArray<ConnectionPartner> Partners,
    ImmutableArray<FlowOutcome> Overall,
    ConnectionThresholds Thresholds,
    DateOnly On
)
{
    /// <summary>The partners whose flow is a gap, in the order of <see cref="Partners"/>.</summary>
    public IEnumerable<ConnectionPartner> Gaps => Partners.Where(p => p.IsGap);
}
