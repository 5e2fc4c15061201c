using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// A vo vestiging with its vmbo pupils per leerweg in the upper years, e.g. DUO's "VMBO BL lj 3-4" counts.
/// The simulator draws pupils in proportion to these counts.
/// </summary>
/// <param name="Brin6">The BRIN6 of the vestiging (e.g. 25PJ00).</param>
/// <param name="Place">The vestiging's plaats (town); pupils prefer mbo locations in the same place.</param>
/// <param name="Bb">vmbo basisberoepsgerichte leerweg pupils.</param>
/// <param name="Kb">vmbo kaderberoepsgerichte leerweg pupils.</param>
/// <param name="Gl">vmbo gemengde leerweg pupils.</param>
/// <param name="Tl">vmbo theoretische leerweg pupils.</param>
/// <param name="Green">True when the vestiging teaches the green (landbouw/groen) sector or profiel; its pupils lean to AOCs.</param>
public sealed record VoVestiging(string Brin6, string Place, int Bb, int Kb, int Gl, int Tl, bool Green = false)
{
    /// <summary>The count for one vmbo leerweg.</summary>
    public int Count(Leerweg leerweg) =>
        leerweg switch
        {
            Leerweg.Bb => Bb,
            Leerweg.Kb => Kb,
            Leerweg.Gl => Gl,
            Leerweg.Tl => Tl,
            _ => throw new ArgumentOutOfRangeException(nameof(leerweg), leerweg, "not a vmbo leerweg"),
        };
}

/// <summary>An mbo location (vestiging) of an institution.</summary>
/// <param name="Brin6">The location code: the institution's BRIN4 plus a two-digit number.</param>
/// <param name="Brin4">The institution (ROC, AOC, vakinstelling).</param>
/// <param name="Place">Where the location is (its plaats).</param>
/// <param name="Aoc">True for an agrarisch opleidingscentrum (green mbo).</param>
public sealed record MboLocation(string Brin6, string Brin4, string Place, bool Aoc = false);

/// <summary>An mbo qualification the simulator can enrol pupils in.</summary>
/// <param name="Crebo">The five-digit crebo code.</param>
/// <param name="Niveau">The mbo level.</param>
/// <param name="Domain">The opleidingsdomein (one of the 16); a change of domain in year 1 is a switch (rulebook D6).</param>
/// <param name="Direction">The domain's direction; <see cref="Direction.Groen"/> qualifications are taught at AOCs.</param>
public sealed record MboQualification(int Crebo, MboLevel Niveau, string Domain, Direction Direction)
{
    /// <summary>
    /// The kwalificatiestructuur's qualifications (as the catalogue loads them, M9) with the catalogue's domain directions:
    /// a domain the catalogue does not know is intersectoraal; a qualification whose crebo is not five digits is left out.
    /// </summary>
    public static ImmutableArray<MboQualification> From(IEnumerable<Qualification> qualifications, IReadOnlyDictionary<string, DomainDirection> domains)
    {
        ArgumentNullException.ThrowIfNull(qualifications);
        ArgumentNullException.ThrowIfNull(domains);
        var result = ImmutableArray.CreateBuilder<MboQualification>();
        foreach (var q in qualifications)
        {
            if (q.Crebo.Length != 5 || !int.TryParse(q.Crebo, out var crebo))
                continue;
            var direction = domains.TryGetValue(q.Domain, out var d) ? d.Direction : Direction.Intersectoraal;
            result.Add(new MboQualification(crebo, q.Level, q.Domain, direction));
        }
        return result.ToImmutable();
    }
}

/// <summary>
/// The institutions a simulation runs over (the real ones from the store, or a synthetic set), a plain value that the
/// store reads and writes and the simulator draws from.
/// It needs at least one vestiging with pupils, one mbo location, and qualifications at niveau 1 to 4.
/// </summary>
public sealed record World(
    ImmutableArray<VoVestiging> VoVestigingen,
    ImmutableArray<MboLocation> MboLocations,
    ImmutableArray<MboQualification> Qualifications
);

/// <summary>Builds a <see cref="World"/> by hand, for tests and demos.</summary>
/// <example><code>
/// var world = new WorldBuilder()
///     .Vo("25PJ00", "Utrecht", bb: 40, kb: 60, gl: 20, tl: 80)
///     .Mbo("25LG01", "Utrecht")
///     .Qualification(25655, MboLevel.Entree, "Entree", Direction.Intersectoraal)
///     .Build();
/// </code></example>
public sealed class WorldBuilder
{
    private readonly ImmutableArray<VoVestiging>.Builder vo = ImmutableArray.CreateBuilder<VoVestiging>();
    private readonly ImmutableArray<MboLocation>.Builder mbo = ImmutableArray.CreateBuilder<MboLocation>();
    private readonly ImmutableArray<MboQualification>.Builder qualifications = ImmutableArray.CreateBuilder<MboQualification>();

    /// <summary>Adds a vo vestiging with its vmbo pupil counts per leerweg.</summary>
    public WorldBuilder Vo(string brin6, string plaats, int bb = 0, int kb = 0, int gl = 0, int tl = 0, bool green = false)
    {
        vo.Add(new VoVestiging(brin6, plaats, bb, kb, gl, tl, green));
        return this;
    }

    /// <summary>Adds an mbo location; the institution is the first four characters of the BRIN6.</summary>
    public WorldBuilder Mbo(string brin6, string plaats, bool aoc = false)
    {
        mbo.Add(new MboLocation(brin6, brin6[..4], plaats, aoc));
        return this;
    }

    /// <summary>Adds a qualification.</summary>
    public WorldBuilder Qualification(int crebo, MboLevel niveau, string domain, Direction direction)
    {
        qualifications.Add(new MboQualification(crebo, niveau, domain, direction));
        return this;
    }

    /// <summary>The world built so far.</summary>
    public World Build() => new(vo.ToImmutable(), mbo.ToImmutable(), qualifications.ToImmutable());
}
