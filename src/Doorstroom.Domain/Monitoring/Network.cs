using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>One flow: the pupils going from one vmbo vestiging to one mbo institution.</summary>
public sealed record Flow(string VoVestiging, string MboInstelling, long Count);

/// <summary>The flow matrix: vmbo vestigingen (rows) × mbo institutions (columns), both sorted ordinally, with the pupil counts.</summary>
/// <param name="VoVestigingen">The sending vestigingen, one per row of <paramref name="Counts"/>.</param>
/// <param name="MboInstellingen">The receiving institutions, one per column of <paramref name="Counts"/>.</param>
/// <param name="Counts">Counts[row][column]: the pupils from that vestiging to that institution (0 where none).</param>
public sealed record FlowMatrix(ImmutableArray<string> VoVestigingen, ImmutableArray<string> MboInstellingen, ImmutableArray<ImmutableArray<long>> Counts)
{
    /// <summary>All pupils in the matrix.</summary>
    public long Total => Counts.Sum(row => row.Sum());

    /// <summary>The pupils from <paramref name="voVestiging"/> to <paramref name="mboInstelling"/>; 0 where either is not in the matrix.</summary>
    public long Count(string voVestiging, string mboInstelling)
    {
        var row = VoVestigingen.IndexOf(voVestiging, StringComparer.Ordinal);
        var column = MboInstellingen.IndexOf(mboInstelling, StringComparer.Ordinal);
        return row < 0 || column < 0 ? 0 : Counts[row][column];
    }
}

/// <summary>One mbo institution's intake: how many vmbo vestigingen feed it and how much the largest of them weighs.</summary>
/// <param name="Total">The pupils it takes in (over all feeders).</param>
/// <param name="Feeders">The number of vmbo vestigingen sending at least one pupil.</param>
/// <param name="LargestFeeder">The vestiging sending the most pupils (ties: the ordinally first).</param>
/// <param name="LargestFeederShare">That vestiging's pupils as a share of <paramref name="Total"/> (0–1).</param>
public sealed record MboIntake(string MboInstelling, long Total, int Feeders, string LargestFeeder, long LargestFeederCount, double LargestFeederShare);

/// <summary>One vmbo vestiging's outflow: over how many mbo institutions its pupils spread and how concentrated that is.</summary>
/// <param name="Total">The pupils it sends (over all institutions).</param>
/// <param name="Institutions">The number of mbo institutions receiving at least one pupil.</param>
/// <param name="LargestInstelling">The institution receiving the most (ties: the ordinally first).</param>
/// <param name="LargestShare">That institution's share of <paramref name="Total"/> (0–1).</param>
/// <param name="Herfindahl">The Herfindahl–Hirschman index: the sum of the squared shares, from 1/<paramref name="Institutions"/> (evenly spread) to 1 (all to
/// one institution).</param>
public sealed record VoSpread(string VoVestiging, long Total, int Institutions, string LargestInstelling, double LargestShare, double Herfindahl);

/// <summary>The vmbo → mbo network (the article: one mbo institution takes pupils from twenty or thirty vmbo schools).</summary>
public static class Network
{
    /// <summary>
    /// The flows in a table broken down by [VoVestiging, MboInstelling] (in either order): a flow is the row's hits
    /// (the pupils counted in the numerator, e.g. enrolled in mbo), summed over equal keys; rows with an empty key or no hits are left out.
    /// </summary>
    public static ImmutableArray<Flow> Flows(MonitorTable table)
    {
        var vo = table.By.IndexOf(Dimension.VoVestiging);
        var mbo = table.By.IndexOf(Dimension.MboInstelling);
        if (vo < 0 || mbo < 0)
            throw new ArgumentException(
                $"A flow table is broken down by VoVestiging and MboInstelling; {table.Indicator} is by " + $"[{string.Join(", ", table.By)}].",
                nameof(table)
            );
        return
        [
            .. table
                .Rows.Where(r => r.Hits > 0 && !string.IsNullOrEmpty(r.Keys[vo]) && !string.IsNullOrEmpty(r.Keys[mbo]))
                .GroupBy(r => (Vo: r.Keys[vo], Mbo: r.Keys[mbo]))
                .Select(g => new Flow(g.Key.Vo, g.Key.Mbo, g.Sum(r => r.Hits)))
                .OrderBy(f => f.VoVestiging, StringComparer.Ordinal)
                .ThenBy(f => f.MboInstelling, StringComparer.Ordinal),
        ];
    }

    /// <summary>The flow matrix of the given flows (equal pairs summed).</summary>
    public static FlowMatrix Matrix(IEnumerable<Flow> flows)
    {
        var list = flows.ToList();
        var vos = list.Select(f => f.VoVestiging).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        var mbos = list.Select(f => f.MboInstelling).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
        var row = vos.Select((v, i) => (v, i)).ToDictionary(x => x.v, x => x.i, StringComparer.Ordinal);
        var column = mbos.Select((m, i) => (m, i)).ToDictionary(x => x.m, x => x.i, StringComparer.Ordinal);
        var counts = new long[vos.Length][];
        for (var i = 0; i < counts.Length; i++)
            counts[i] = new long[mbos.Length];
        foreach (var f in list)
            counts[row[f.VoVestiging]][column[f.MboInstelling]] += f.Count;
        return new FlowMatrix(vos, mbos, [.. counts.Select(c => c.ToImmutableArray())]);
    }

    /// <summary>Per mbo institution: its feeders and the largest one; largest intake first (ties ordinal by institution).</summary>
    public static ImmutableArray<MboIntake> Intake(IEnumerable<Flow> flows) =>
        [
            .. flows
                .Where(f => f.Count > 0)
                .GroupBy(f => f.MboInstelling, StringComparer.Ordinal)
                .Select(g =>
                {
                    var byVo = Sum(g, f => f.VoVestiging);
                    var total = byVo.Sum(x => x.Count);
                    var largest = byVo[0];
                    return new MboIntake(g.Key, total, byVo.Count, largest.Key, largest.Count, (double)largest.Count / total);
                })
                .OrderByDescending(x => x.Total)
                .ThenBy(x => x.MboInstelling, StringComparer.Ordinal),
        ];

    /// <summary>Per vmbo vestiging: over how many institutions its pupils spread, the largest share and the Herfindahl index; largest outflow first.</summary>
    public static ImmutableArray<VoSpread> Spread(IEnumerable<Flow> flows) =>
        [
            .. flows
                .Where(f => f.Count > 0)
                .GroupBy(f => f.VoVestiging, StringComparer.Ordinal)
                .Select(g =>
                {
                    var byMbo = Sum(g, f => f.MboInstelling);
                    var total = byMbo.Sum(x => x.Count);
                    var largest = byMbo[0];
                    var herfindahl = byMbo.Sum(x => (double)x.Count / total * ((double)x.Count / total));
                    return new VoSpread(g.Key, total, byMbo.Count, largest.Key, (double)largest.Count / total, herfindahl);
                })
                .OrderByDescending(x => x.Total)
                .ThenBy(x => x.VoVestiging, StringComparer.Ordinal),
        ];

    /// <summary>The counts summed per key, largest first, ties ordinal by key.</summary>
    private static List<(string Key, long Count)> Sum(IEnumerable<Flow> flows, Func<Flow, string> key) =>
        [
            .. flows
                .GroupBy(key, StringComparer.Ordinal)
                .Select(g => (g.Key, g.Sum(f => f.Count)))
                .OrderByDescending(x => x.Item2)
                .ThenBy(x => x.Key, StringComparer.Ordinal),
        ];
}
