using Doorstroom.Domain;

namespace Doorstroom.Simulation;

/// <summary>
/// A <see cref="World"/> checked once and turned into the arrays the hot loop draws from: cumulative pupil counts per
/// (vestiging, leerweg) for a binary search, mbo locations per plaats, qualifications per niveau.
/// </summary>
internal sealed class WorldTables
{
    private static readonly Leerweg[] VmboLeerwegen = [Leerweg.Bb, Leerweg.Kb, Leerweg.Gl, Leerweg.Tl];

    public WorldTables(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        if (world.VoVestigingen.IsDefaultOrEmpty)
            throw new ArgumentException("World: no vo vestiging.");
        if (world.MboLocations.IsDefaultOrEmpty)
            throw new ArgumentException("World: no mbo location.");
        if (world.Qualifications.IsDefaultOrEmpty)
            throw new ArgumentException("World: no qualification.");
        World = world;
        CheckCodes(world);

        var vestigingen = new List<int>();
        var leerwegen = new List<Leerweg>();
        var cumulative = new List<long>();
        long total = 0,
            glTl = 0;
        for (var v = 0; v < world.VoVestigingen.Length; v++)
        {
            foreach (var lw in VmboLeerwegen)
            {
                var count = world.VoVestigingen[v].Count(lw);
                if (count < 0)
                    throw new ArgumentException($"World: vestiging {world.VoVestigingen[v].Brin6} has a negative {lw} count.");
                if (count == 0)
                    continue;
                total += count;
                if (lw is Leerweg.Gl or Leerweg.Tl)
                    glTl += count;
                vestigingen.Add(v);
                leerwegen.Add(lw);
                cumulative.Add(total);
            }
        }
        if (total == 0)
            throw new ArgumentException("World: no vo vestiging has vmbo pupils.");
        CellVestiging = [.. vestigingen];
        CellLeerweg = [.. leerwegen];
        CellCumulative = [.. cumulative];
        TotalPupils = total;
        GlTlFraction = (double)glTl / total;

        var all = Enumerable.Range(0, world.MboLocations.Length).ToArray();
        var aoc = all.Where(i => world.MboLocations[i].Aoc).ToArray();
        var roc = all.Where(i => !world.MboLocations[i].Aoc).ToArray();
        AocLocations = aoc.Length > 0 ? aoc : all;
        OtherLocations = roc.Length > 0 ? roc : all;
        var byPlace = all.GroupBy(i => world.MboLocations[i].Place, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
        LocalAoc = new int[world.VoVestigingen.Length][];
        LocalOther = new int[world.VoVestigingen.Length][];
        for (var v = 0; v < world.VoVestigingen.Length; v++)
        {
            var local = byPlace.GetValueOrDefault(world.VoVestigingen[v].Place, []);
            LocalAoc[v] = [.. local.Where(i => world.MboLocations[i].Aoc)];
            LocalOther[v] = [.. local.Where(i => !world.MboLocations[i].Aoc)];
        }

        var domains = world.Qualifications.Select(q => q.Domain).Distinct(StringComparer.Ordinal).ToList();
        DomainOf = [.. world.Qualifications.Select(q => domains.IndexOf(q.Domain))];
        QualificationsAt = new int[5][];
        GreenAt = new int[5][];
        OtherAt = new int[5][];
        CanSwitchAt = new bool[5];
        for (var n = 1; n <= 4; n++)
        {
            var level = (MboLevel)n;
            var at = Enumerable.Range(0, world.Qualifications.Length).Where(i => world.Qualifications[i].Niveau == level).ToArray();
            if (at.Length == 0)
                throw new ArgumentException($"World: no qualification at niveau {n}; the simulator enrols pupils at niveau 1 to 4.");
            var green = at.Where(i => world.Qualifications[i].Direction == Direction.Groen).ToArray();
            var other = at.Where(i => world.Qualifications[i].Direction != Direction.Groen).ToArray();
            QualificationsAt[n] = at;
            GreenAt[n] = green.Length > 0 ? green : at;
            OtherAt[n] = other.Length > 0 ? other : at;
            CanSwitchAt[n] = at.Select(i => DomainOf[i]).Distinct().Count() > 1;
        }
    }

    public World World { get; }

    /// <summary>The vestiging of each (vestiging, leerweg) cell with pupils.</summary>
    public int[] CellVestiging { get; }

    /// <summary>The leerweg of each cell.</summary>
    public Leerweg[] CellLeerweg { get; }

    /// <summary>The running total of pupils up to and including each cell.</summary>
    public long[] CellCumulative { get; }

    public long TotalPupils { get; }

    /// <summary>The share of gl and tl pupils: only they can go on to havo (R11).</summary>
    public double GlTlFraction { get; }

    public int[] AocLocations { get; }

    public int[] OtherLocations { get; }

    /// <summary>Per vestiging: the AOC locations in its plaats.</summary>
    public int[][] LocalAoc { get; }

    /// <summary>Per vestiging: the other mbo locations in its plaats.</summary>
    public int[][] LocalOther { get; }

    /// <summary>Per qualification: the index of its domain.</summary>
    public int[] DomainOf { get; }

    /// <summary>Per niveau (1–4): the qualifications at that niveau.</summary>
    public int[][] QualificationsAt { get; }

    /// <summary>Per niveau: the green qualifications (all when there are none).</summary>
    public int[][] GreenAt { get; }

    /// <summary>Per niveau: the other qualifications (all when there are none).</summary>
    public int[][] OtherAt { get; }

    /// <summary>Per niveau: true when it has qualifications in more than one domain, so a switch is possible.</summary>
    public bool[] CanSwitchAt { get; }

    /// <summary>The cell whose cumulative range holds <paramref name="draw"/> (0 ≤ draw &lt; total): the first cumulative above it.</summary>
    public int Cell(long draw)
    {
        int lo = 0,
            hi = CellCumulative.Length - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (CellCumulative[mid] > draw)
                hi = mid;
            else
                lo = mid + 1;
        }
        return lo;
    }

    private static void CheckCodes(World world)
    {
        foreach (var v in world.VoVestigingen)
        {
            if (!EventShapes.IsBrin6(v.Brin6))
                throw new ArgumentException($"World: vo vestiging '{v.Brin6}' is not a BRIN6 code.");
        }
        foreach (var m in world.MboLocations)
        {
            if (!EventShapes.IsBrin6(m.Brin6))
                throw new ArgumentException($"World: mbo location '{m.Brin6}' is not a BRIN6 code.");
        }
        foreach (var q in world.Qualifications)
        {
            if (q.Crebo is < 10000 or > 99999)
                throw new ArgumentException($"World: crebo {q.Crebo} is not a five-digit code.");
        }
    }
}
