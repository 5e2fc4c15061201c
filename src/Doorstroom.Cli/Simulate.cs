using System.Collections.Immutable;
using System.CommandLine;
using Dapper;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Simulation;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary><c>doorstroom simulate</c>: synthetic pupils at the real institutions, appended to the store as synthetic.</summary>
internal static class Simulate
{
    /// <summary>The kinds of real data a simulation stands on, imported first when the store lacks them.</summary>
    private static readonly ImmutableArray<(string Table, string Kind)> Needs =
    [
        ("vo_vestiging", "vo-vestigingen"),
        ("vo_leerlingen", "vo-leerlingen"),
        ("mbo_instelling", "mbo-instellingen"),
        ("mbo_locatie", "mbo-locaties"),
        ("kwalificatie", "kwalificaties"),
    ];

    internal static Command Command(Option<string?> dataOption, Func<ParseResult, RouteCatalogue> catalogue)
    {
        var cohorts = new Option<int>("--cohorts") { Description = "Number of cohorts (school-leaving years)", DefaultValueFactory = _ => 1 };
        var pupils = new Option<int>("--pupils") { Description = "vmbo leavers per cohort (national: about 100,000)", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed and the same data give the same pupils", DefaultValueFactory = _ => 1 };
        var first = new Option<int>("--first-cohort") { Description = "The first cohort's vmbo exam year", DefaultValueFactory = _ => 2018 };
        var db = StoreCommands.DbOption();
        var cmd = new Command("simulate",
            "Simulate SYNTHETIC pupils at the real vo vestigingen (weighted by DUO's pupil counts per leerweg) who follow the catalogue's routes into the real mbo locations, "
            + "calibrated on published rates; every simulated pupil is flagged synthetic.")
        {
            cohorts, pupils, seed, first, db,
        };
        cmd.SetAction((parse, cancellationToken) =>
        {
            var n = parse.GetValue(cohorts);
            var p = parse.GetValue(pupils);
            var year = parse.GetValue(first);
            if (n is < 1 or > 50) throw new BadInputException($"--cohorts: {n} is out of range; expected 1 to 50");
            if (p is < 1 or > 1_000_000) throw new BadInputException($"--pupils: {p} is out of range; expected 1 to 1,000,000 per cohort");
            if (year is < 2000 or > 2100) throw new BadInputException($"--first-cohort: {year} is out of range; expected a year such as 2018");

            var database = StoreCommands.OpenStore(parse, db);
            Console.WriteLine($"store: {database.Description}");
            EnsureRealData(database, parse.GetValue(dataOption) ?? DataPaths.RealData(), cancellationToken);
            var world = LoadWorld(database, catalogue(parse));
            Console.WriteLine($"world: {world.VoVestigingen.Length:N0} vo vestigingen with vmbo pupils, {world.MboLocations.Length:N0} mbo locations, {world.Qualifications.Length:N0} kwalificaties (real, from the store)");
            Console.WriteLine($"simulating {n} cohort(s) × {p:N0} SYNTHETIC vmbo leavers (seed {parse.GetValue(seed)}, exam years {year}–{year + n - 1}) …");

            var records = Simulator.Run(world, Calibration.Default, year, n, p, parse.GetValue(seed))
                .SelectMany(pupil => pupil.Events.Select(e => new EventRecord(e, Synthetic: true, pupil.BirthDate)));
            var appended = StoreCommands.WithProgress("simulate", "events", progress => new EventStore(database).Append(records, progress, cancellationToken));
            Console.WriteLine($"{appended.Events:N0} events for {(long)n * p:N0} synthetic pupils; {appended.Inserted:N0} new events, {appended.NewPupils:N0} new pupils stored"
                + (appended.Inserted == 0 ? " (this seed was simulated into this store before: nothing changed)" : ""));
            Console.WriteLine("These pupils are SYNTHETIC (pupil.synthetic = 1, keys SIM-<seed>-<year>-<n>): made for demos and benchmarks, never real pupils.");
            return Task.FromResult(ExitCodes.Done);
        });
        return cmd;
    }

    private static void EnsureRealData(Database database, string dataDir, CancellationToken cancellationToken)
    {
        foreach (var (table, kind) in Needs)
        {
            long count;
            using (var connection = database.ConnectMigrated())
                count = connection.ExecuteScalar<long>($"SELECT COUNT(*) FROM {table}");
            if (count > 0) continue;
            var importer = Importers.Find(kind)!;
            foreach (var relative in importer.DefaultFiles)
            {
                var file = Path.Combine(dataDir, relative);
                if (!File.Exists(file))
                    throw new BadInputException($"simulate needs the real {kind} data and the store has none: {file} not found (import it with 'doorstroom import {kind} FILE', or set --data or ${DataPaths.DataVariable})");
                Console.WriteLine($"the store has no {kind}: importing the real {Path.GetFileName(file)} first");
                var outcome = importer.Run(database, file, TimeProvider.System, cancellationToken: cancellationToken);
                if (outcome is Refused refused) throw new BadInputException($"{kind} {refused.File} refused: {refused.Problems[0]}");
            }
        }
    }

    /// <summary>
    /// The real institutions from the store: vmbo pupils per vestiging and leerweg (DUO's newest count), mbo locations
    /// where students are taught (KiesMBO also lists six head offices and staff bureaus, which are left out), kwalificaties.
    /// </summary>
    internal static World LoadWorld(Database database, RouteCatalogue catalogue)
    {
        using var connection = database.ConnectMigrated();
        var counts = connection.Query<(string Brin6, string? Plaats, string Leerweg, long Aantal, long Green)>("""
            SELECT l.brin6, COALESCE(v.plaats, MAX(l.plaats)), l.leerweg, SUM(l.aantal),
                   SUM(CASE WHEN l.sector = 'Landbouw' THEN l.aantal ELSE 0 END)
            FROM vo_leerlingen l LEFT JOIN vo_vestiging v ON v.brin6 = l.brin6
            WHERE l.leerweg IS NOT NULL AND l.schooljaar = (SELECT MAX(schooljaar) FROM vo_leerlingen)
            GROUP BY l.brin6, v.plaats, l.leerweg
            ORDER BY l.brin6, l.leerweg
            """);
        var vo = counts.GroupBy(c => c.Brin6).Select(g =>
        {
            int Of(string leerweg) => (int)g.Where(c => c.Leerweg == leerweg).Sum(c => c.Aantal);
            return new Simulation.VoVestiging(g.Key, Plaats(g.First().Plaats), Of("BL"), Of("KL"), Of("GL"), Of("TL"), g.Sum(c => c.Green) > 0);
        }).Where(v => v.Bb + v.Kb + v.Gl + v.Tl > 0).ToImmutableArray();

        var mbo = connection.Query<(string Brin6, string Brin4, string? Plaats, long Aoc)>("""
            SELECT l.brin6, l.brin4, l.plaats, COALESCE(i.aoc, 0)
            FROM mbo_locatie l LEFT JOIN mbo_instelling i ON i.brin4 = l.brin4
            WHERE NOT (l.naam LIKE '%Stafdienst%' OR l.naam LIKE '%Stafbureau%' OR l.naam LIKE '%Bestuursbureau%'
                       OR l.naam LIKE '%Hoofdkantoor%' OR l.naam LIKE '%Centrale diensten%')
            ORDER BY l.brin6
            """).Select(m => new MboLocation(m.Brin6, m.Brin4, Plaats(m.Plaats), m.Aoc == 1)).ToImmutableArray();

        var qualifications = connection.Query<(long Crebo, string Naam, string Soort, string Leerwegen, string? Domein, long? DomeinCrebo, string? Dossier, long? DossierCrebo)>(
                "SELECT crebo, naam, soort, leerwegen, domein, domein_crebo, kwalificatiedossier, dossier_crebo FROM kwalificatie ORDER BY crebo")
            .Select(q => new Qualification(q.Crebo.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Naam, QualificationLoader.LevelOf(q.Soort) ?? MboLevel.Specialist,
                [.. q.Leerwegen.Split('/').Select(l => l == "BBL" ? Leerweg.Bbl : Leerweg.Bol)], q.Domein ?? "",
                q.DomeinCrebo?.ToString(System.Globalization.CultureInfo.InvariantCulture), q.Dossier ?? "",
                q.DossierCrebo?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""));
        return new World(vo, mbo, MboQualification.From(qualifications, catalogue.Domains));

        // DUO writes plaats in capitals in some files and not in others; compare them in one case.
        static string Plaats(string? plaats) => (plaats ?? "").Trim().ToUpperInvariant();
    }
}
