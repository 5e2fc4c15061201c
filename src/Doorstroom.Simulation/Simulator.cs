using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Simulation;

/// <summary>One synthetic pupil: a clearly synthetic key, a birth date and the pupil's events in date order.</summary>
/// <param name="Key">SIM-&lt;seed&gt;-&lt;cohort&gt;-&lt;n&gt;: pseudonymous and never a real pupil; the same key is the same pupil in every run.</param>
/// <param name="BirthDate">The pupil's birth date (age on 1 October matters for vsv, D2).</param>
/// <param name="Events">Every event of the pupil, each passing <see cref="EventShapes.Check"/>, in date order.</param>
public sealed record SimulatedPupil(string Key, DateOnly BirthDate, ImmutableArray<TransitionEvent> Events);

/// <summary>
/// A seeded simulator of national vmbo→mbo cohorts over the real institutions (design §7), for demos, the transition monitor and
/// benchmarks. Never present its output as real.
/// </summary>
public static class Simulator
{
    /// <summary>
    /// Streams synthetic pupils, one cohort after the other. Cohort <c>Y</c> is the pupils who sit the vmbo exam in
    /// <c>Y</c>: they enter vmbo leerjaar 3 on 1 August <c>Y − 2</c> and, on the usual path, mbo on 1 August <c>Y</c>.
    /// The same world, calibration, arguments and seed give the same pupils in the same order; nothing but one
    /// <see cref="Random"/> made from <paramref name="seed"/> is random, and only one pupil's events are held at a time.
    /// </summary>
    /// <param name="world">The real institutions and qualifications.</param>
    /// <param name="calibration">The rates (see <see cref="Calibration"/> for the sources).</param>
    /// <param name="firstCohortYear">The exam year of the first cohort (2005 to 2080).</param>
    /// <param name="cohorts">How many consecutive cohorts.</param>
    /// <param name="pupilsPerCohort">Pupils per cohort (a national cohort is about 100,000 vmbo leavers).</param>
    /// <param name="seed">The seed.</param>
    /// <exception cref="ArgumentException">The world or calibration cannot be simulated; thrown at the call, not when enumerating.</exception>
    public static IEnumerable<SimulatedPupil> Run(World world, Calibration calibration, int firstCohortYear, int cohorts, int pupilsPerCohort, int seed)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentOutOfRangeException.ThrowIfNegative(cohorts);
        ArgumentOutOfRangeException.ThrowIfNegative(pupilsPerCohort);
        ArgumentOutOfRangeException.ThrowIfLessThan(firstCohortYear, 2005);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(firstCohortYear + cohorts, 2081, nameof(cohorts));
        calibration.Validate();
        var tables = new WorldTables(world);
        return Generate(tables, calibration, firstCohortYear, cohorts, pupilsPerCohort, seed);
    }

    private static IEnumerable<SimulatedPupil> Generate(
        WorldTables tables,
        Calibration calibration,
        int firstCohortYear,
        int cohorts,
        int pupilsPerCohort,
        int seed
    )
    {
        var generator = new PupilGenerator(tables, calibration, seed);
        for (var c = 0; c < cohorts; c++)
        {
            var cohort = firstCohortYear + c;
            generator.StartCohort(cohort);
            for (var n = 1; n <= pupilsPerCohort; n++)
                yield return generator.Next(cohort, n);
        }
    }
}
