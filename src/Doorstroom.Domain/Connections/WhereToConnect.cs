using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// Where to connect (issue 16, item 5): for one vmbo vestiging, the mbo institutions its leavers go to, or for one mbo institution,
/// the vmbo vestigingen it takes in from; each with its share and trend over the cohorts, the register's connections between the two,
/// the gap that makes (<see cref="ConnectionGap"/>), and the monitor's outcomes along the flow. Pure: the monitor's tables and the
/// register's connections in, a value out.
/// </summary>
/// <remarks>
/// A flow is the monitor's <see cref="Indicator.DoorstroomVoMbo"/>: vmbo leavers enrolled in the mbo on 1 October of their cohort year,
/// from the last vo vestiging to the receiving mbo institution (BRIN4). Shares are of the subject's flow into the mbo (all its flows
/// together), not of all its leavers. Counts and shares pass <see cref="Suppression"/>; a gap or trend label is given only where it
/// reveals no more than the shown count does.
/// </remarks>
public static class WhereToConnect
{
    /// <summary>The outcomes shown along each flow, in this order: the monitor's own indicators, not redefined here.</summary>
    public static ImmutableArray<Indicator> Outcomes { get; } = [Indicator.Switch, Indicator.NieuweVsv, Indicator.Startersresultaat];

    /// <summary>The view of one vmbo vestiging (BRIN6): the mbo institutions its leavers go to, and those it has a connection with.</summary>
    /// <param name="flows">The <see cref="Indicator.DoorstroomVoMbo"/> table by [VoVestiging, MboInstelling, Cohort] (readable cohorts only).</param>
    /// <param name="outcomes">Tables of the <see cref="Outcomes"/> indicators by [VoVestiging, MboInstelling]; a missing one gives no outcome.</param>
    /// <param name="connections">The register's connections (any; those of other schools or not holding on <paramref name="on"/> are ignored).</param>
    /// <param name="on">The date a connection must hold on to count.</param>
    public static WhereToConnectView ForVoVestiging(
        string voVestiging,
        MonitorTable flows,
        IEnumerable<MonitorTable> outcomes,
        IEnumerable<Connection> connections,
        DateOnly on,
        ConnectionThresholds? thresholds = null
    )
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(voVestiging);
        ArgumentNullException.ThrowIfNull(connections);
        var held = connections.Where(c => c.HoldsOn(on) && string.Equals(c.VoVestiging, voVestiging, StringComparison.Ordinal)).ToList();
        return Build(ConnectionSide.VoVestiging, voVestiging, flows, outcomes, held, c => c.MboInstitution, on, thresholds ?? ConnectionThresholds.Default);
    }

    /// <summary>The view of one mbo institution (BRIN4): the vmbo vestigingen it takes in from, and those it has a connection with.</summary>
    /// <inheritdoc cref="ForVoVestiging" path="/param"/>
    public static WhereToConnectView ForMboInstelling(
        string mboInstelling,
        MonitorTable flows,
        IEnumerable<MonitorTable> outcomes,
        IEnumerable<Connection> connections,
        DateOnly on,
        ConnectionThresholds? thresholds = null
    )
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mboInstelling);
        ArgumentNullException.ThrowIfNull(connections);
        var held = connections.Where(c => c.HoldsOn(on) && string.Equals(c.MboInstitution, mboInstelling, StringComparison.Ordinal)).ToList();
        return Build(ConnectionSide.MboInstelling, mboInstelling, flows, outcomes, held, c => c.VoVestiging, on, thresholds ?? ConnectionThresholds.Default);
    }

    /// <summary>
    /// The largest flows of a table by [VoVestiging, MboInstelling, …] summed over the rest, at least <paramref name="minimum"/> pupils, largest first.
    /// </summary>
    public static ImmutableArray<Flow> LargestFlows(MonitorTable flows, int top, long minimum = 5)
    {
        ArgumentNullException.ThrowIfNull(flows);
        return
        [
            .. Network.Flows(flows).Where(f => f.Count >= minimum).OrderByDescending(f => f.Count).ThenBy(f => f.VoVestiging, StringComparer.Ordinal).Take(top),
        ];
    }

    private static WhereToConnectView Build(
        ConnectionSide side,
        string code,
        MonitorTable flows,
        IEnumerable<MonitorTable> outcomes,
        List<Connection> held,
        Func<Connection, string> partnerOf,
        DateOnly on,
        ConnectionThresholds thresholds
    )
    {
        ArgumentNullException.ThrowIfNull(flows);
        ArgumentNullException.ThrowIfNull(outcomes);
        var vo = Index(flows, Dimension.VoVestiging);
        var mbo = Index(flows, Dimension.MboInstelling);
        var cohortAt = Index(flows, Dimension.Cohort);
        var (own, other) = side == ConnectionSide.VoVestiging ? (vo, mbo) : (mbo, vo);

        // (partner, cohort) → pupils, over the subject's rows with a known partner.
        var counts = new Dictionary<(string Partner, int Cohort), long>();
        var cohortSet = new SortedSet<int>();
        foreach (var row in flows.Rows)
        {
            if (row.Hits <= 0 || !string.Equals(row.Keys[own], code, StringComparison.Ordinal) || row.Keys[other] == MonitorCube.Unknown)
                continue;
            if (!int.TryParse(row.Keys[cohortAt], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var cohort))
                continue;
            cohortSet.Add(cohort);
            var key = (row.Keys[other], cohort);
            counts[key] = counts.GetValueOrDefault(key) + row.Hits;
        }
        ImmutableArray<int> cohorts = [.. cohortSet];
        var perCohort = cohorts.ToDictionary(c => c, c => counts.Where(x => x.Key.Cohort == c).Sum(x => x.Value));
        var total = perCohort.Values.Sum();

        var outcomeTables = outcomes.ToList();
        var partners = counts
            .Keys.Select(k => k.Partner)
            .Concat(held.Select(partnerOf))
            .Distinct(StringComparer.Ordinal)
            .Select(partner =>
            {
                var shares = cohorts.Select(c => new CohortShare(c, counts.GetValueOrDefault((partner, c)), perCohort[c])).ToImmutableArray();
                var count = shares.Sum(s => s.Count);
                var mine = held.Where(c => string.Equals(partnerOf(c), partner, StringComparison.Ordinal))
                    .OrderBy(c => c.Form)
                    .ThenBy(c => c.Id, StringComparer.Ordinal)
                    .ToImmutableArray();
                var (voKey, mboKey) = side == ConnectionSide.VoVestiging ? (code, partner) : (partner, code);
                return new ConnectionPartner(
                    partner,
                    count,
                    total,
                    shares,
                    TrendOf(shares, thresholds),
                    mine,
                    Classify(count, total, !mine.IsEmpty, thresholds),
                    [.. Outcomes.Select(i => Outcome(outcomeTables, i, voKey, mboKey))]
                );
            })
            .OrderByDescending(p => p.Count)
            .ThenBy(p => p.Code, StringComparer.Ordinal)
            .ToImmutableArray();
        var overall = Outcomes.Select(i =>
            Outcome(outcomeTables, i, side == ConnectionSide.VoVestiging ? code : null, side == ConnectionSide.MboInstelling ? code : null)
        );
        return new WhereToConnectView(side, code, total, cohorts, partners, [.. overall], thresholds, on);
    }

    /// <summary>The gap of one flow: see <see cref="ConnectionGap"/> and <see cref="ConnectionThresholds"/>.</summary>
    public static ConnectionGap Classify(long count, long total, bool connected, ConnectionThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, total);
        var share = total == 0 ? 0 : (double)count / total;
        var large = count >= thresholds.LargeCount && share >= thresholds.LargeShare;
        // A flow of 1–4 pupils is shown as "<5": it counts as negligible whatever its share, so the label tells no more than the count.
        var negligible = Suppression.Hides(count) || share < thresholds.NegligibleShare;
        return (connected, large, negligible) switch
        {
            (false, true, _) => ConnectionGap.GroteStroomZonderVerbinding,
            (false, false, _) => ConnectionGap.GeenVerbinding,
            (true, _, true) => ConnectionGap.VerbindingBijKleineStroom,
            (true, _, false) => ConnectionGap.Verbonden,
        };
    }

    /// <summary>
    /// The direction of a partner's share from the first to the last cohort in which the subject sent at least
    /// <see cref="ConnectionThresholds.TrendMinimum"/> pupils: up or down by <see cref="ConnectionThresholds.TrendPoints"/> or more, else
    /// level; <see cref="ShareTrend.TeWeinig"/> with fewer than two such cohorts or when either count is hidden ("&lt;5").
    /// </summary>
    public static ShareTrend TrendOf(IReadOnlyList<CohortShare> shares, ConnectionThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(thresholds);
        var usable = shares.Where(s => s.Total >= thresholds.TrendMinimum).OrderBy(s => s.Cohort).ToList();
        if (usable.Count < 2)
            return ShareTrend.TeWeinig;
        var (first, last) = (usable[0], usable[^1]);
        if (Suppression.Hides(first.Count) || Suppression.Hides(last.Count))
            return ShareTrend.TeWeinig;
        var change = (double)last.Count / last.Total - (double)first.Count / first.Total;
        return change >= thresholds.TrendPoints ? ShareTrend.Stijgend
            : change <= -thresholds.TrendPoints ? ShareTrend.Dalend
            : ShareTrend.Gelijk;
    }

    /// <summary>One indicator summed over the rows of a [VoVestiging, MboInstelling] table matching the keys (null: any known key).</summary>
    private static FlowOutcome Outcome(List<MonitorTable> tables, Indicator indicator, string? vo, string? mbo)
    {
        var table = tables.FirstOrDefault(t => t.Indicator == indicator);
        if (table is null)
            return new FlowOutcome(indicator, 0, 0);
        var v = Index(table, Dimension.VoVestiging);
        var m = Index(table, Dimension.MboInstelling);
        long population = 0,
            hits = 0;
        foreach (var row in table.Rows)
        {
            if (row.Keys[v] == MonitorCube.Unknown || row.Keys[m] == MonitorCube.Unknown)
                continue;
            if (
                (vo is null || string.Equals(row.Keys[v], vo, StringComparison.Ordinal))
                && (mbo is null || string.Equals(row.Keys[m], mbo, StringComparison.Ordinal))
            )
            {
                population += row.Population;
                hits += row.Hits;
            }
        }
        return new FlowOutcome(indicator, population, hits);
    }

    private static int Index(MonitorTable table, Dimension dimension)
    {
        var i = table.By.IndexOf(dimension);
        return i >= 0
            ? i
            : throw new ArgumentException(
                $"A where-to-connect table is broken down by {dimension}; {table.Indicator} is by [{string.Join(", ", table.By)}].",
                nameof(table)
            );
    }
}
