using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;

namespace Doorstroom.Simulation;

/// <summary>
/// A seeded synthetic <see cref="World"/> of national size for benchmarks when no database is at hand: ~900 vo vestigingen
/// in 300 plaatsen, 72 mbo institutions with 9 locations each (648, 8 of them AOCs), and 3 qualifications at each niveau
/// 1–4 in each of 16 opleidingsdomeinen. The codes are well-formed but made up; never present them as real.
/// </summary>
public static class SyntheticWorld
{
    /// <summary>The 16 opleidingsdomeinen with their directions (names as in the kwalificatiestructuur).</summary>
    public static ImmutableArray<(string Domain, Direction Direction)> Domains { get; } =
    [
        ("Ambacht, laboratorium en gezondheidstechniek", Direction.Techniek),
        ("Bouw en infra", Direction.Techniek),
        ("Creatieve vakmanschap", Direction.Intersectoraal),
        ("Economie en administratie", Direction.Economie),
        ("Handel en ondernemerschap", Direction.Economie),
        ("Horeca en bakkerij", Direction.Economie),
        ("ICT en creatieve industrie", Direction.Techniek),
        ("Media en vormgeving", Direction.Intersectoraal),
        ("Mobiliteit en voertuigen", Direction.Techniek),
        ("Sport en bewegen", Direction.ZorgEnWelzijn),
        ("Techniek en procesindustrie", Direction.Techniek),
        ("Toerisme en recreatie", Direction.Economie),
        ("Transport, scheepvaart en logistiek", Direction.Techniek),
        ("Uiterlijke verzorging", Direction.ZorgEnWelzijn),
        ("Veiligheid en vakmanschap", Direction.Intersectoraal),
        ("Voedsel, natuur en leefomgeving", Direction.Groen),
    ];

    /// <summary>Builds the world; the same seed gives the same world.</summary>
    public static World Build(int seed = 1)
    {
        var random = new Random(seed);
        var builder = new WorldBuilder();
        const int plaatsen = 300;
        for (var i = 0; i < 900; i++)
        {
            var brin = string.Create(CultureInfo.InvariantCulture, $"{10 + i / 676:D2}{(char)('A' + i / 26 % 26)}{(char)('A' + i % 26)}00");
            builder.Vo(brin, Plaats(i % plaatsen), random.Next(0, 60), random.Next(0, 70), random.Next(0, 20), random.Next(10, 90), green: i % 25 == 0);
        }
        for (var j = 0; j < 72; j++)
        {
            var brin4 = string.Create(CultureInfo.InvariantCulture, $"{30 + j / 676:D2}{(char)('A' + j / 26 % 26)}{(char)('A' + j % 26)}");
            for (var k = 0; k < 9; k++)
                builder.Mbo(string.Create(CultureInfo.InvariantCulture, $"{brin4}{k:D2}"), Plaats((j * 9 + k) * 7 % plaatsen), aoc: j % 9 == 0);
        }
        for (var n = 1; n <= 4; n++)
        {
            for (var d = 0; d < Domains.Length; d++)
            {
                for (var k = 0; k < 3; k++)
                    builder.Qualification(20000 + n * 1000 + d * 10 + k, (MboLevel)n, Domains[d].Domain, Domains[d].Direction);
            }
        }
        return builder.Build();

        static string Plaats(int p) => string.Create(CultureInfo.InvariantCulture, $"Plaats {p}");
    }

    /// <summary>The monitor's crebo map for a world's qualifications.</summary>
    public static ImmutableDictionary<int, CreboInfo> Crebos(World world)
    {
        ArgumentNullException.ThrowIfNull(world);
        return world.Qualifications.ToImmutableDictionary(q => q.Crebo, q => new CreboInfo(q.Crebo, (int)q.Niveau, q.Domain, q.Direction));
    }
}
