namespace Doorstroom.Domain;

/// <summary>
/// How the monitor cube lays out a cell's key and rolls its breakdowns up: each dimension at fixed bits of a 64-bit key
/// (route 12, cohort 8 as years after <see cref="CohortBase"/>, vo vestiging 14, mbo instelling 14, leerweg, sector and
/// niveau 4 each), a breakdown as a mask over <see cref="Dimension"/> (bit <c>1 &lt;&lt; (int)dimension</c>), and the
/// spanning tree that rolls each breakdown up from a small parent. Public so that a baseline that claims to run the same
/// algorithm (the bench's DuckDB one) packs and rolls up exactly as <see cref="MonitorCube"/> does.
/// </summary>
public static class CubeLayout
{
    /// <summary>The number of breakdowns: every subset of the seven dimensions.</summary>
    public const int Masks = 1 << 7;

    /// <summary>The mask of all seven dimensions (the base table).</summary>
    public const int Full = Masks - 1;

    /// <summary>A cohort is kept as its year minus this (1901–2155); 0 is a rolled-up cohort.</summary>
    public const int CohortBase = 1900;

    private static readonly int[] ShiftOf = [48, 40, 26, 12, 8, 4, 0];
    private static readonly int[] WidthOf = [12, 8, 14, 14, 4, 4, 4];
    private static readonly ulong[] FieldsOf = BuildFields();
    private static readonly int[][] ChildrenOf = BuildChildren();

    /// <summary>The lowest bit of a dimension in the key.</summary>
    public static int Shift(Dimension dimension) => ShiftOf[(int)dimension];

    /// <summary>How many bits a dimension has in the key.</summary>
    public static int Width(Dimension dimension) => WidthOf[(int)dimension];

    /// <summary>The bits of a key that a breakdown keeps.</summary>
    public static ulong Fields(int mask) => FieldsOf[mask];

    /// <summary>The bits of one dimension.</summary>
    public static ulong Field(Dimension dimension) => FieldsOf[1 << (int)dimension];

    /// <summary>
    /// The breakdowns rolled up from <paramref name="mask"/>: a mask's parent is the mask with the first dimension it lacks
    /// added back, taken from fewest values to most (niveau, sector, leerweg, cohort, route, mbo, vo), so each breakdown is
    /// rolled up from a small parent. Every mask but <see cref="Full"/> has exactly one parent.
    /// </summary>
    public static ReadOnlySpan<int> Children(int mask) => ChildrenOf[mask];

    private static ulong[] BuildFields()
    {
        var fields = new ulong[Masks];
        for (var m = 0; m < Masks; m++)
        {
            for (var d = 0; d < 7; d++)
            {
                if ((m & (1 << d)) != 0)
                    fields[m] |= ((1UL << WidthOf[d]) - 1) << ShiftOf[d];
            }
        }
        return fields;
    }

    private static int[][] BuildChildren()
    {
        Dimension[] byValues =
        [
            Dimension.Niveau,
            Dimension.Sector,
            Dimension.Leerweg,
            Dimension.Cohort,
            Dimension.Route,
            Dimension.MboInstelling,
            Dimension.VoVestiging,
        ];
        var children = new List<int>[Masks];
        for (var m = 0; m < Masks; m++)
            children[m] = [];
        for (var m = 0; m < Full; m++)
        {
            var add = byValues.First(d => (m & (1 << (int)d)) == 0);
            children[m | (1 << (int)add)].Add(m);
        }
        return [.. children.Select(c => c.ToArray())];
    }
}
