using System.Globalization;
using System.Text;
using Doorstroom.Catalogue;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// Issue 11: every pupil gets a correct plan. A property test over the whole input space: a fixed seed, at least
/// 100,000 generated pupils (<see cref="PupilSpace"/>), each planned and checked against <see cref="PlanInvariants"/>
/// (and for exceptions, invariant vi). Run it alone with
/// <code>dotnet test --project tests/Doorstroom.Domain.Tests -- --filter-class "*PlannerInvariant*"</code>
/// Environment: <c>DOORSTROOM_INVARIANT_PUPILS</c> changes the number of pupils (default 100,000),
/// <c>DOORSTROOM_INVARIANT_SEED</c> the seed. On failure the message (and the file <c>plan-invariants.txt</c> in the
/// test's output folder) counts violations per invariant and per class (invariant | school | goal) and gives the first
/// three pupils of each class as pupil JSON: <c>echo '&lt;json&gt;' | doorstroom plan --pupil - --format json</c>.
/// </summary>
public sealed class PlannerInvariantTests
{
    private const int DefaultPupils = 100_000;
    private const int DefaultSeed = 20261203;

    private static int Setting(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0 ? v : fallback;

    [Fact]
    public void Every_generated_pupil_gets_a_plan_that_keeps_the_invariants()
    {
        var count = Setting("DOORSTROOM_INVARIANT_PUPILS", DefaultPupils);
        var seed = Setting("DOORSTROOM_INVARIANT_SEED", DefaultSeed);
        var run = InvariantRun.Run(count, i => PupilSpace.Pupil(seed, i), TestCatalogue.Catalogue, TestPlanner.Planner.Plan);
        var report = run.Report($"seed {seed}");
        File.WriteAllText(Path.Combine(AppContext.BaseDirectory, "plan-invariants.txt"), report);
        Assert.True(run.Findings.Count == 0, report);
    }

    [Fact]
    public void Generated_pupils_are_pupils_the_contract_reads_back_unchanged()
    {
        for (var i = 0; i < 20_000; i++)
        {
            var pupil = PupilSpace.Pupil(DefaultSeed, i);
            var json = PupilJson.Write(pupil);
            var parsed = PupilJson.Parse(Encoding.UTF8.GetBytes(json), "generated");
            Assert.True(parsed.Situation is not null, $"pupil {i}: {parsed.Problem} in {json}");
            Assert.Equal(json, PupilJson.Write(parsed.Situation!));
        }
    }

    [Fact]
    public void The_generator_covers_every_school_goal_leerweg_and_wish()
    {
        var pupils = Enumerable.Range(0, 20_000).Select(i => PupilSpace.Pupil(DefaultSeed, i)).ToList();
        Assert.All(Enum.GetValues<SchoolType>().Where(t => t != SchoolType.Hbo), t => Assert.Contains(pupils, p => p.School == t));
        Assert.All(Enum.GetValues<Goal>(), g => Assert.Contains(pupils, p => p.Goal == g));
        Assert.All(Enum.GetValues<DiplomaKind>(), k => Assert.Contains(pupils, p => p.Holds(k)));
        Assert.All(Enum.GetValues<Leerweg>(), lw => Assert.Contains(pupils, p => p.Leerweg == lw));
        Assert.Contains(pupils, p => p.BirthDate is null);
        Assert.Contains(pupils, p => p.BirthDate is { Month: 7, Day: 31 });
        Assert.Contains(pupils, p => p.BirthDate is { Month: 8, Day: 1 });
        Assert.Contains(pupils, p => p.MboLeerweg == Leerweg.Bbl);
        Assert.Contains(pupils, p => p.MboLeerweg is null);
        Assert.Contains(pupils, p => p.AppliedOn is not null);
        Assert.Contains(pupils, p => p.On.Year == 2008);
        Assert.Contains(pupils, p => p.On.Year == 2035);
    }
}

/// <summary>One violation found for one generated pupil.</summary>
internal sealed record Finding(int Index, Situation Pupil, Violation Violation)
{
    /// <summary>The class a finding is counted in: the invariant, the pupil's school and goal.</summary>
    public string Class => $"{Violation.Invariant} | {JsonSpelling.Of(Pupil.School)} | {JsonSpelling.Of(Pupil.Goal)}";
}

/// <summary>Plans pupils in parallel and collects violations in pupil order, so a run's report is the same every time.</summary>
internal sealed class InvariantRun
{
    private InvariantRun(int count, List<Finding> findings, TimeSpan elapsed)
    {
        Count = count;
        Findings = findings;
        Elapsed = elapsed;
    }

    public int Count { get; }
    public List<Finding> Findings { get; }
    public TimeSpan Elapsed { get; }

    public static InvariantRun Run(int count, Func<int, Situation> pupil, RouteCatalogue catalogue, Func<Situation, Plan> planner)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var perPupil = new List<Violation>?[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            var s = pupil(i);
            try
            {
                var found = PlanInvariants.Check(catalogue, s, planner(s));
                if (found.Count > 0)
                    perPupil[i] = found;
            }
#pragma warning disable CA1031 // (vi): any exception is a finding, reported with its pupil.
            catch (Exception e)
#pragma warning restore CA1031
            {
                perPupil[i] = [new Violation(PlanInvariants.Exception, $"{e.GetType().Name}: {e.Message.Split('\n')[0]}")];
            }
        });
        var findings = new List<Finding>();
        for (var i = 0; i < count; i++)
        {
            if (perPupil[i] is not { } found)
                continue;
            var s = pupil(i);
            findings.AddRange(found.Select(v => new Finding(i, s, v)));
        }
        return new InvariantRun(count, findings, clock.Elapsed);
    }

    public string Report(string label)
    {
        var text = new StringBuilder();
        var pupils = Findings.Select(f => f.Index).Distinct().Count();
        text.AppendLine(
            CultureInfo.InvariantCulture,
            $"Plan invariants over {Count} pupils ({label}, {Elapsed.TotalSeconds:0.0} s): {Findings.Count} " + $"violations in {pupils} pupils."
        );
        if (Findings.Count == 0)
            return text.ToString();

        text.AppendLine("Per invariant (violations, pupils):");
        foreach (var g in Findings.GroupBy(f => f.Violation.Invariant).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            text.AppendFormat(CultureInfo.InvariantCulture, "  {0,-42} {1,7} {2,7}", g.Key, g.Count(), g.Select(f => f.Index).Distinct().Count()).AppendLine();
        }
        var classes = Findings.GroupBy(f => f.Class).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        text.AppendLine("Per class: invariant | school | goal (violations, pupils):");
        foreach (var g in classes)
        {
            text.AppendFormat(CultureInfo.InvariantCulture, "  {0,-72} {1,7} {2,7}", g.Key, g.Count(), g.Select(f => f.Index).Distinct().Count()).AppendLine();
        }
        text.AppendLine("Examples, the first three pupils per class (echo '<json>' | doorstroom plan --pupil - --format json):");
        foreach (var g in classes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {g.Key}");
            foreach (var f in g.DistinctBy(f => f.Index).Take(3))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"    #{f.Index}: {f.Violation.Detail}");
                text.AppendLine(CultureInfo.InvariantCulture, $"      {PupilJson.Write(f.Pupil)}");
            }
        }
        return text.ToString();
    }
}
