using System.Collections.Immutable;
using Doorstroom.Catalogue;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// The contract's date range (<see cref="ContractDates"/>, docs/pupil-and-plan-json.md "Dates") is the range the Domain
/// answers for: at its corners, for every school, leerweg, leerjaar, diploma, goal and birth date, the planner and the
/// admission check give an answer and never overflow a date.
/// </summary>
public sealed class DateRangeTests
{
    private static readonly DiplomaKind[] Kinds = Enum.GetValues<DiplomaKind>();
    private static readonly Goal[] Goals = Enum.GetValues<Goal>();

    /// <summary>Every school with each leerweg and leerjaar it may have (and unknown ones).</summary>
    private static IEnumerable<(SchoolType School, Leerweg? Leerweg, int? Leerjaar, int? Niveau)> Schools()
    {
        yield return (SchoolType.None, null, null, null);
        foreach (Leerweg? lw in new Leerweg?[] { null, Leerweg.Bb, Leerweg.Kb, Leerweg.Gl, Leerweg.Tl })
        {
            foreach (int? lj in new int?[] { null, 1, 2, 3, 4 })
                yield return (SchoolType.Vmbo, lw, lj, null);
        }
        foreach (int? lj in new int?[] { null, 1, 2, 3, 4, 5, 6 })
        {
            yield return (SchoolType.Praktijkonderwijs, null, lj, null);
            yield return (SchoolType.Vwo, null, lj, null);
            if (lj is null or <= 5)
                yield return (SchoolType.Havo, null, lj, null);
        }
        foreach (Leerweg? lw in new Leerweg?[] { null, Leerweg.Bol, Leerweg.Bbl })
        {
            foreach (int? niveau in new int?[] { null, 1, 4 })
            {
                foreach (int? lj in new int?[] { null, 1, 4 })
                    yield return (SchoolType.Mbo, lw, lj, niveau);
            }
        }
    }

    /// <summary>The corners: the first and last day of the range, and the last day before a school year ends or starts near them.</summary>
    private static readonly DateOnly[] Ons = [ContractDates.EarliestOn, new(1997, 7, 31), new(1997, 8, 1), new(2099, 8, 1), ContractDates.LatestOn];

    private static IEnumerable<DateOnly?> Births(DateOnly on) =>
        [null, ContractDates.EarliestBirthDate, on.AddDays(-1), on.AddYears(-16), on.AddYears(-18).AddDays(1)];

    private static Situation[] Corners()
    {
        var list = new List<Situation>();
        var i = 0;
        foreach (var on in Ons)
        {
            foreach (var (school, leerweg, leerjaar, niveau) in Schools())
            {
                foreach (var birth in Births(on))
                {
                    i++;
                    var kind = Kinds[i % Kinds.Length];
                    var year = i % 2 == 0 ? ContractDates.EarliestDiplomaYear : ContractDates.LatestDiplomaYear;
                    ImmutableArray<Diploma> diplomas = i % 3 == 0 ? [] : [new Diploma(kind, year, Sector.Techniek, [], ExtraVak: i % 5 == 0)];
                    list.Add(
                        new Situation(on, school)
                        {
                            BirthDate = birth,
                            Leerweg = leerweg,
                            Leerjaar = leerjaar,
                            Niveau = niveau,
                            Sector = i % 4 == 0 ? null : Sector.Groen,
                            Diplomas = diplomas,
                            Goal = Goals[i % Goals.Length],
                            WantsSector = i % 2 == 0 ? Sector.ZorgEnWelzijn : null,
                            MboLeerweg = i % 3 == 1 ? Leerweg.Bbl : null,
                            AtRiskOfNoDiploma = i % 2 == 1,
                            AppliedOn = (i % 4) switch
                            {
                                0 => ContractDates.EarliestOn,
                                1 => ContractDates.LatestOn,
                                2 => on,
                                _ => null,
                            },
                        }
                    );
                }
            }
        }
        return [.. list];
    }

    [Fact]
    public void Planner_answers_every_pupil_at_the_corners_of_the_date_range_without_overflow()
    {
        var corners = Corners();
        var failures = new List<string>();
        foreach (var s in corners)
        {
            try
            {
                var plan = TestPlanner.Planner.Plan(s);
                Assert.Equal(s.On, plan.On);
                Assert.Equal(TestCatalogue.Catalogue.Routes.Length, plan.Routes.Length);
            }
            catch (ArgumentOutOfRangeException e)
            {
                failures.Add($"{PupilJson.Write(s)}: {e.Message}");
            }
        }
        Assert.True(corners.Length > 1000, $"only {corners.Length} corner pupils");
        Assert.True(failures.Count == 0, $"{failures.Count} of {corners.Length} corner pupils overflow, e.g. {failures.FirstOrDefault()}");
    }

    [Fact]
    public void Admission_answers_every_level_and_leerweg_at_the_corners_of_the_date_range_without_overflow()
    {
        var failures = new List<string>();
        var checks = 0;
        foreach (var s in Corners())
        {
            foreach (var level in Enum.GetValues<MboLevel>())
            {
                foreach (Leerweg? lw in new Leerweg?[] { null, Leerweg.Bol, Leerweg.Bbl })
                {
                    checks++;
                    try
                    {
                        var result = Admission.Decide(TestCatalogue.Catalogue, s, new ProgrammeRequest(level, null, lw, [Leerweg.Bol, Leerweg.Bbl]));
                        Assert.True(result.Start >= SchoolYear.StartOf(s.On), $"admission starts {result.Start} before the school year of {s.On}");
                    }
                    catch (ArgumentOutOfRangeException e)
                    {
                        failures.Add($"{PupilJson.Write(s)} to {level} {lw}: {e.Message}");
                    }
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} admission checks overflow, e.g. {failures.FirstOrDefault()}");
    }

    [Fact]
    public void Admission_matrix_and_durations_are_in_force_from_the_first_day_of_the_range_to_beyond_its_last_pathway()
    {
        var c = TestCatalogue.Catalogue;
        Assert.Equal("M0", c.DurationsOn(ContractDates.EarliestOn).Regime);
        Assert.Equal("M0", c.AdmissionOn(ContractDates.EarliestOn).Regime);
        Assert.Throws<InvalidOperationException>(() => c.AdmissionOn(ContractDates.EarliestOn.AddDays(-1)));
        var farthest = new DateOnly(ContractDates.LatestOn.Year + 40, 8, 1);
        Assert.NotNull(c.AdmissionOn(farthest));
        Assert.Equal("M1", c.DurationsOn(farthest).Regime);
    }

    [Fact]
    public void Leerplicht_and_school_years_hold_at_the_ends_of_the_range()
    {
        Assert.Equal(new DateOnly(1916, 7, 31), Leerplicht.FullLeerplichtEnds(ContractDates.EarliestBirthDate));
        Assert.Null(Leerplicht.KwalificatieplichtEnds(ContractDates.EarliestBirthDate));
        var youngest = ContractDates.LatestOn.AddDays(-1);
        Assert.Equal(new DateOnly(2116, 7, 31), Leerplicht.FullLeerplichtEnds(youngest));
        Assert.Equal(new DateOnly(2118, 7, 30), Leerplicht.KwalificatieplichtEnds(youngest));
        Assert.Equal(new DateOnly(2099, 8, 1), SchoolYear.StartOf(ContractDates.LatestOn));
        Assert.Equal(new DateOnly(2100, 8, 1), SchoolYear.NextStart(ContractDates.LatestOn));
        Assert.Equal(new DateOnly(1996, 8, 1), SchoolYear.StartOf(ContractDates.EarliestOn));
        Assert.Equal("2099/00", SchoolYear.Label(SchoolYear.StartOf(ContractDates.LatestOn)));
    }
}
