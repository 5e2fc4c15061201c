using System.Collections.Immutable;
using Dapper;
using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>The simulator's <see cref="World"/> read from the store's institutions and kwalificaties.</summary>
public static class StoredWorld
{
    /// <summary>The kinds of real data a simulation stands on, imported first when the store lacks them.</summary>
    public static ImmutableArray<(string Table, string Kind)> Needs { get; } =
    [
        ("vo_vestiging", "vo-vestigingen"),
        ("vo_leerlingen", "vo-leerlingen"),
        ("mbo_instelling", "mbo-instellingen"),
        ("mbo_locatie", "mbo-locaties"),
        ("kwalificatie", "kwalificaties"),
    ];

    /// <summary>
    /// Imports the real files a simulation stands on when the store lacks them; null when the store has them all, else
    /// why not (a file not found or refused). Each import is reported through <paramref name="log"/>.
    /// </summary>
    public static string? EnsureRealData(Database database, string dataDir, Action<string> log, CancellationToken cancellationToken = default)
    {
        foreach (var (table, kind) in Needs)
        {
            long count;
            using (var connection = database.ConnectMigrated())
                count = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
            if (count > 0)
                continue;
            var importer = Importers.Find(kind)!;
            foreach (var relative in importer.DefaultFiles)
            {
                var file = Path.Combine(dataDir, relative);
                if (!File.Exists(file))
                    return $"the real {kind} data is needed and the store has none: {file} not found";
                log($"the store has no {kind}: importing the real {Path.GetFileName(file)} first");
                var outcome = importer.Run(database, file, TimeProvider.System, cancellationToken: cancellationToken);
                if (outcome is Refused refused)
                    return $"{kind} {refused.File} refused: {refused.Problems[0]}";
            }
        }
        return null;
    }

    /// <summary>
    /// The real institutions from the store: vmbo pupils per vestiging and leerweg (DUO's newest count), mbo locations
    /// where students are taught (KiesMBO also lists six head offices and staff bureaus, which are left out), kwalificaties.
    /// </summary>
    public static World Load(Database database, IReadOnlyDictionary<string, DomainDirection> domains)
    {
        using var connection = database.ConnectMigrated();
        var counts = connection.Query<(string Brin6, string? Plaats, string Leerweg, long Aantal, long Green)>(
            """
            SELECT l.brin6, COALESCE(v.plaats, MAX(l.plaats)), l.leerweg, SUM(l.aantal),
                   SUM(CASE WHEN l.sector = 'Landbouw' THEN l.aantal ELSE 0 END)
            FROM vo_leerlingen l LEFT JOIN vo_vestiging v ON v.brin6 = l.brin6
            WHERE l.leerweg IS NOT NULL AND l.schooljaar = (SELECT MAX(schooljaar) FROM vo_leerlingen)
            GROUP BY l.brin6, v.plaats, l.leerweg
            ORDER BY l.brin6, l.leerweg
            """
        );
        var vo = counts
            .GroupBy(c => c.Brin6)
            .Select(g =>
            {
                int Of(string leerweg) => (int)g.Where(c => c.Leerweg == leerweg).Sum(c => c.Aantal);
                return new Domain.VoVestiging(g.Key, Plaats(g.First().Plaats), Of("BL"), Of("KL"), Of("GL"), Of("TL"), g.Sum(c => c.Green) > 0);
            })
            .Where(v => v.Bb + v.Kb + v.Gl + v.Tl > 0)
            .ToImmutableArray();

        var mbo = connection
            .Query<(string Brin6, string Brin4, string? Plaats, long Aoc)>(
                """
                SELECT l.brin6, l.brin4, l.plaats, COALESCE(i.aoc, 0)
                FROM mbo_locatie l LEFT JOIN mbo_instelling i ON i.brin4 = l.brin4
                WHERE NOT (l.naam LIKE '%Stafdienst%' OR l.naam LIKE '%Stafbureau%' OR l.naam LIKE '%Bestuursbureau%'
                           OR l.naam LIKE '%Hoofdkantoor%' OR l.naam LIKE '%Centrale diensten%')
                ORDER BY l.brin6
                """
            )
            .Select(m => new MboLocation(m.Brin6, m.Brin4, Plaats(m.Plaats), m.Aoc == 1))
            .ToImmutableArray();

        var qualifications = connection
            .Query<(long Crebo, string Naam, string Soort, string Leerwegen, string? Domein, long? DomeinCrebo, string? Dossier, long? DossierCrebo)>(
                "SELECT crebo, naam, soort, leerwegen, domein, domein_crebo, kwalificatiedossier, dossier_crebo FROM kwalificatie ORDER BY crebo"
            )
            .Select(q => new Qualification(
                q.Crebo.ToString(System.Globalization.CultureInfo.InvariantCulture),
                q.Naam,
                QualificationLoader.LevelOf(q.Soort) ?? MboLevel.Specialist,
                [.. q.Leerwegen.Split('/').Select(l => l == "BBL" ? Leerweg.Bbl : Leerweg.Bol)],
                q.Domein ?? "",
                q.DomeinCrebo?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                q.Dossier ?? "",
                q.DossierCrebo?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""
            ));
        return new World(vo, mbo, MboQualification.From(qualifications, domains));

        // DUO writes plaats in capitals in some files and not in others; compare them in one case.
        static string Plaats(string? plaats) => (plaats ?? "").Trim().ToUpperInvariant();
    }
}
