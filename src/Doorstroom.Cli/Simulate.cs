using System.CommandLine;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Simulation;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary><c>doorstroom simulate</c>: synthetic pupils at the real institutions, appended to the store as synthetic.</summary>
internal static class Simulate
{
    internal static Command Command(Option<string?> dataOption, Func<ParseResult, RouteCatalogue> catalogue)
    {
        var cohorts = new Option<int>("--cohorts") { Description = "Number of cohorts (school-leaving years)", DefaultValueFactory = _ => 1 };
        var pupils = new Option<int>("--pupils") { Description = "vmbo leavers per cohort (national: about 100,000)", DefaultValueFactory = _ => 100_000 };
        var seed = new Option<int>("--seed") { Description = "Seed: the same seed and the same data give the same pupils", DefaultValueFactory = _ => 1 };
        var first = new Option<int>("--first-cohort") { Description = "The first cohort's vmbo exam year", DefaultValueFactory = _ => 2018 };
        var db = StoreCommands.DbOption();
        var cmd = new Command(
            "simulate",
            "Simulate SYNTHETIC pupils at the real vo vestigingen (weighted by DUO's pupil counts per leerweg) who follow the catalogue's routes into the "
                + "real mbo locations, "
                + "calibrated on published rates; every simulated pupil is flagged synthetic."
        )
        {
            cohorts,
            pupils,
            seed,
            first,
            db,
        };
        cmd.SetAction(
            (parse, cancellationToken) =>
            {
                var n = parse.GetValue(cohorts);
                var p = parse.GetValue(pupils);
                var year = parse.GetValue(first);
                if (n is < 1 or > 50)
                    throw new BadInputException($"--cohorts: {n} is out of range; expected 1 to 50");
                if (p is < 1 or > 1_000_000)
                    throw new BadInputException($"--pupils: {p} is out of range; expected 1 to 1,000,000 per cohort");
                if (year is < 2000 or > 2100)
                    throw new BadInputException($"--first-cohort: {year} is out of range; expected a year such as 2018");

                var database = StoreCommands.OpenStore(parse, db);
                Std.Out.WriteLine($"store: {database.Description}");
                if (
                    StoredWorld.EnsureRealData(database, parse.GetValue(dataOption) ?? DataPaths.RealData(), Std.Out.WriteLine, cancellationToken) is
                    { } problem
                )
                    throw new BadInputException(problem + " (import it with 'doorstroom import KIND FILE', or set --data or $" + DataPaths.DataVariable + ")");
                var world = StoredWorld.Load(database, catalogue(parse).Domains);
                Std.Out.WriteLine(
                    $"world: {world.VoVestigingen.Length:N0} vo vestigingen with vmbo pupils, {world.MboLocations.Length:N0} mbo locations, "
                        + $"{world.Qualifications.Length:N0} kwalificaties (real, from the store)"
                );
                Std.Out.WriteLine(
                    $"simulating {n} cohort(s) × {p:N0} SYNTHETIC vmbo leavers (seed {parse.GetValue(seed)}, exam years {year}–{year + n - 1}) …"
                );

                var records = Simulator
                    .Run(world, Calibration.Default, year, n, p, parse.GetValue(seed))
                    .SelectMany(pupil => pupil.Events.Select(e => new EventRecord(e, Synthetic: true, pupil.BirthDate)));
                var appended = StoreCommands.WithProgress("simulate", "events", progress =>
                    new EventStore(database).Append(records, progress, cancellationToken)
                );
                Std.Out.WriteLine(
                    $"{appended.Events:N0} events for {(long)n * p:N0} synthetic pupils; {appended.Inserted:N0} new events, "
                        + $"{appended.NewPupils:N0} new pupils stored"
                        + (appended.Inserted == 0 ? " (this seed was simulated into this store before: nothing changed)" : "")
                );
                Std.Out.WriteLine(
                    "These pupils are SYNTHETIC (pupil.synthetic = 1, keys SIM-<seed>-<year>-<n>): made for demos and benchmarks, never real " + "pupils."
                );
                return Task.FromResult(ExitCodes.Done);
            }
        );
        return cmd;
    }
}
