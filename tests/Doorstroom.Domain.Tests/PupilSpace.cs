using System.Collections.Immutable;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// Seeded pupils over the whole input space of the planner, built directly as <see cref="Situation"/> records:
/// every school type, leerweg, leerjaar, niveau, diploma combination, wish and goal; question dates 2008–2035;
/// birth dates known, unknown and on leerplicht boundaries. Most pupils are plausible (age fits school and
/// leerjaar, diplomas obtained before the question date); a share is odd but legal (unknown leerjaar or leerweg,
/// a pupil a few years older or younger than the class, a diploma dated this summer, an extra diploma).
/// Every pupil is one the pupil JSON contract accepts, so <c>PupilJson.Write</c> reproduces it for
/// <c>doorstroom plan --pupil -</c>. Pupil <c>i</c> depends only on (seed, i): one pupil can be regenerated alone.
/// </summary>
internal static class PupilSpace
{
    public static readonly DateOnly First = new(2008, 1, 1);
    public static readonly DateOnly Last = new(2035, 12, 31);

    private static readonly Leerweg[] VmboLeerwegen = [Leerweg.Bb, Leerweg.Kb, Leerweg.Gl, Leerweg.Tl];
    private static readonly Sector[] OldSectors = [Sector.Groen, Sector.Techniek, Sector.ZorgEnWelzijn, Sector.Economie];
    private static readonly Sector[] Profielen =
    [
        Sector.Groen,
        Sector.Bwi,
        Sector.Pie,
        Sector.Mt,
        Sector.Mvi,
        Sector.Mat,
        Sector.Zw,
        Sector.Eo,
        Sector.Hbr,
        Sector.Dp,
    ];
    private static readonly Sector[] AllSectors = Enum.GetValues<Sector>();
    private static readonly Goal[] Goals = Enum.GetValues<Goal>();
    private static readonly string[] Subjects =
    [
        "wiskunde",
        "nask1",
        "nask2",
        "economie",
        "biologie",
        "nederlands",
        "engels",
        "duits",
        "frans",
        "geschiedenis",
    ];

    /// <summary>(month, day) of birthdays on which leerplicht and age rules turn: the school-year edge, 1 October, the year's edge, 29 February.</summary>
    private static readonly (int Month, int Day)[] Boundaries = [(7, 31), (8, 1), (10, 1), (9, 30), (12, 31), (1, 1), (2, 29), (4, 1), (5, 1)];

    public static Situation Pupil(int seed, int index)
    {
        var r = new Random(unchecked((seed * 1_000_003) ^ index));
        return One(r);
    }

    private static T Pick<T>(Random r, T[] items) => items[r.Next(items.Length)];

    private static bool Chance(Random r, int percent) => r.Next(100) < percent;

    private static bool? Maybe(Random r) =>
        r.Next(3) switch
        {
            0 => null,
            1 => true,
            _ => false,
        };

    private static Situation One(Random r)
    {
        var on = First.AddDays(r.Next(Last.DayNumber - First.DayNumber + 1));
        if (Chance(r, 4))
            on = Pick(r, new[] { new DateOnly(on.Year, 8, 1), new DateOnly(on.Year, 7, 31), new DateOnly(on.Year, 4, 1), new DateOnly(on.Year, 10, 1) });
        var roll = r.Next(100);
        var school = roll switch
        {
            < 42 => SchoolType.Vmbo,
            < 60 => SchoolType.None,
            < 68 => SchoolType.Praktijkonderwijs,
            < 79 => SchoolType.Havo,
            < 86 => SchoolType.Vwo,
            _ => SchoolType.Mbo,
        };
        var s = school switch
        {
            SchoolType.Vmbo => Vmbo(r, on),
            SchoolType.None => Leaver(r, on),
            SchoolType.Praktijkonderwijs => Pro(r, on),
            SchoolType.Havo or SchoolType.Vwo => HavoVwo(r, on, school),
            _ => Mbo(r, on),
        };
        return Wishes(r, s);
    }

    /// <summary>The school year (its 1 August) containing the date.</summary>
    private static int YearOf(DateOnly on) => SchoolYear.StartOf(on).Year;

    /// <summary>The last July the pupil can have taken an exam in before the question date.</summary>
    private static int LastExamYear(DateOnly on) => on.Month >= 8 ? on.Year : on.Year - 1;

    /// <summary>
    /// A birth date for a pupil in school-grade <paramref name="grade"/> (1 = the first year of secondary school) in the
    /// school year of <paramref name="on"/>: born 1 October – 30 September, a year or two late for some, early for a few;
    /// some on a boundary birthday; some unknown. Always before <paramref name="on"/>.
    /// </summary>
    private static DateOnly? Birth(Random r, DateOnly on, int grade)
    {
        if (Chance(r, 12))
            return null;
        var delay = r.Next(100) switch
        {
            < 78 => 0,
            < 92 => 1,
            < 96 => 2,
            _ => -1,
        };
        var y0 = YearOf(on) - 12 - grade - delay;
        var birth = new DateOnly(y0, 10, 1).AddDays(r.Next(365));
        var special = r.Next(100);
        if (special < 14)
        {
            var (m, d) = Pick(r, Boundaries);
            var year = birth.Year;
            if (m == 2 && d == 29 && !DateTime.IsLeapYear(year))
                year = LeapNear(year);
            birth = new DateOnly(year, m, d);
        }
        else if (special < 18)
        {
            // Turning 16 or 18 exactly on the question date, on the next 1 August or the day before it.
            var age = Chance(r, 60) ? 16 : 18;
            var moment = r.Next(3) switch
            {
                0 => on,
                1 => SchoolYear.NextStart(on),
                _ => SchoolYear.NextStart(on).AddDays(-1),
            };
            birth = moment.AddYears(-age);
        }
        return birth < on ? birth : on.AddYears(-12).AddDays(-r.Next(2000));
    }

    private static int LeapNear(int year)
    {
        while (!DateTime.IsLeapYear(year))
            year--;
        return year;
    }

    /// <summary>A sector or profiel as a vmbo pupil or diploma of that school year would have it (profielen from 2016/17, sectors before); sometimes the other
    /// era's.</summary>
    private static Sector? VmboSector(Random r, int schoolYear)
    {
        if (Chance(r, 12))
            return null;
        var profiel = schoolYear >= 2016;
        if (Chance(r, 8))
            profiel = !profiel;
        return profiel ? Pick(r, Profielen) : Pick(r, OldSectors);
    }

    private static Diploma VmboDiploma(Random r, int? year, Leerweg? leerweg = null)
    {
        var lw = leerweg ?? Pick(r, VmboLeerwegen);
        var subjects = ImmutableArray.CreateBuilder<string>();
        if (Chance(r, 55))
        {
            foreach (var subject in Subjects)
            {
                if (Chance(r, 35))
                    subjects.Add(subject);
            }
        }
        var extra = lw is Leerweg.Gl or Leerweg.Tl && Chance(r, 30);
        return new Diploma(lw.VmboDiploma(), year, VmboSector(r, (year ?? 2015) - 1), subjects.ToImmutable(), extra);
    }

    /// <summary>A diploma year before the question date (usually within the last few years); sometimes this summer's, sometimes unknown.</summary>
    private static int? ExamYear(Random r, DateOnly on, int maxBack = 3)
    {
        var roll = r.Next(100);
        if (roll < 5)
            return null;
        if (roll < 9)
            return on.Year;
        return LastExamYear(on) - r.Next(maxBack + 1);
    }

    private static DiplomaKind Level1Kind(Random r, int? year) =>
        Chance(r, 20) ? DiplomaKind.Mbo1
        : year is { } y && y >= 2015 ? DiplomaKind.Entree
        : (Chance(r, 85) ? DiplomaKind.Assistent : DiplomaKind.Entree);

    private static Situation Vmbo(Random r, DateOnly on)
    {
        var lj = Chance(r, 5) ? (int?)null : 1 + r.Next(4);
        var leerweg = Chance(r, 5) ? (Leerweg?)null : Pick(r, VmboLeerwegen);
        var sector = lj is null or >= 3 || Chance(r, 30) ? VmboSector(r, YearOf(on)) : null;
        var diplomas = ImmutableArray<Diploma>.Empty;
        if (Chance(r, 4))
        {
            // Odd but legal: a pupil back in vmbo with an earlier pro certificate or entree diploma.
            diplomas = [Chance(r, 50) ? new Diploma(DiplomaKind.Pro, ExamYear(r, on)) : new Diploma(Level1Kind(r, LastExamYear(on)), ExamYear(r, on))];
        }
        return new Situation(on, SchoolType.Vmbo)
        {
            Leerweg = leerweg,
            Leerjaar = lj,
            Sector = sector,
            BirthDate = Birth(r, on, lj ?? 3),
            Diplomas = diplomas,
        };
    }

    private static Situation Pro(Random r, DateOnly on)
    {
        var lj = Chance(r, 10) ? (int?)null : 1 + r.Next(6);
        return new Situation(on, SchoolType.Praktijkonderwijs) { Leerjaar = lj, BirthDate = Birth(r, on, lj ?? 4) };
    }

    private static Situation HavoVwo(Random r, DateOnly on, SchoolType school)
    {
        var final = school == SchoolType.Havo ? 5 : 6;
        var lj = Chance(r, 5) ? (int?)null : 1 + r.Next(final);
        var diplomas = ImmutableArray.CreateBuilder<Diploma>();
        var grade = lj ?? 4;
        if (lj is >= 4 && Chance(r, 65))
        {
            var year = LastExamYear(on) - (lj.Value - 4);
            diplomas.Add(new Diploma(DiplomaKind.HavoOvergang34, Chance(r, 8) ? null : year));
        }
        if (school == SchoolType.Havo && lj is 4 or 5 && Chance(r, 20))
        {
            // A doorstromer from vmbo gl/tl into havo 4 (R11).
            var year = LastExamYear(on) - (lj.Value - 4);
            diplomas.Add(VmboDiploma(r, year, Chance(r, 50) ? Leerweg.Gl : Leerweg.Tl) with { ExtraVak = Chance(r, 70) });
            grade += 1;
        }
        if (Chance(r, 3))
            diplomas.Add(new Diploma(DiplomaKind.Pro, ExamYear(r, on)));
        return new Situation(on, school)
        {
            Leerjaar = lj,
            BirthDate = Birth(r, on, grade),
            Diplomas = diplomas.ToImmutable(),
            Sector = Chance(r, 5) ? Pick(r, AllSectors) : null,
        };
    }

    private static Situation Mbo(Random r, DateOnly on)
    {
        var niveau = Chance(r, 6) ? (int?)null : 1 + r.Next(4);
        var lj = Chance(r, 6)
            ? (int?)null
            : 1
                + r.Next(
                    niveau is 4 ? 4
                    : niveau is 1 ? 1
                    : 3
                );
        if (Chance(r, 3))
            lj = 1 + r.Next(4);
        var leerweg = r.Next(10) switch
        {
            < 6 => Leerweg.Bol,
            < 9 => Leerweg.Bbl,
            _ => (Leerweg?)null,
        };
        var diplomas = ImmutableArray.CreateBuilder<Diploma>();
        var entered = LastExamYear(on) - ((lj ?? 1) - 1);
        switch (niveau)
        {
            case 1:
                if (Chance(r, 30))
                    diplomas.Add(new Diploma(DiplomaKind.Pro, entered));
                break;
            case 2:
                if (Chance(r, 75))
                    diplomas.Add(VmboDiploma(r, entered, Chance(r, 60) ? Leerweg.Bb : null));
                else if (Chance(r, 60))
                    diplomas.Add(new Diploma(Level1Kind(r, entered), entered));
                break;
            case 3 or 4:
                var roll = r.Next(100);
                if (roll < 60)
                    diplomas.Add(VmboDiploma(r, entered, Pick(r, new[] { Leerweg.Kb, Leerweg.Gl, Leerweg.Tl })));
                else if (roll < 75)
                {
                    diplomas.Add(VmboDiploma(r, entered - 2));
                    diplomas.Add(new Diploma(DiplomaKind.Mbo2, entered, Pick(r, AllSectors)));
                }
                else if (roll < 85)
                    diplomas.Add(new Diploma(DiplomaKind.HavoOvergang34, entered));
                else if (roll < 90 && niveau == 4)
                    diplomas.Add(new Diploma(DiplomaKind.Mbo3, entered));
                break;
            default:
                if (Chance(r, 60))
                    diplomas.Add(VmboDiploma(r, entered));
                break;
        }
        return new Situation(on, SchoolType.Mbo)
        {
            Niveau = niveau,
            Leerjaar = lj,
            Leerweg = leerweg,
            BirthDate = Birth(r, on, 4 + (lj ?? 1) + (niveau is >= 3 && diplomas.Count > 1 ? 2 : 0)),
            Diplomas = diplomas.ToImmutable(),
            Sector = Chance(r, 15) ? Pick(r, AllSectors) : null,
        };
    }

    /// <summary>Someone in no school: never had a diploma, left pro, left vmbo, havo or vwo with or without one, or left mbo.</summary>
    private static Situation Leaver(Random r, DateOnly on)
    {
        var diplomas = ImmutableArray.CreateBuilder<Diploma>();
        var roll = r.Next(100);
        var grade = 4;
        Sector? sector = null;
        if (roll < 15)
        {
            grade = 2 + r.Next(5);
        }
        else if (roll < 23)
        {
            diplomas.Add(new Diploma(DiplomaKind.Pro, ExamYear(r, on)));
            grade = 5 + r.Next(2);
        }
        else if (roll < 58)
        {
            var d = VmboDiploma(r, ExamYear(r, on));
            diplomas.Add(d);
            sector = Chance(r, 50) ? d.Sector : null;
            grade = 4 + (LastExamYear(on) - (d.Year ?? LastExamYear(on)));
        }
        else if (roll < 66)
        {
            diplomas.Add(new Diploma(DiplomaKind.HavoOvergang34, ExamYear(r, on, 2)));
            grade = 4 + r.Next(2);
        }
        else if (roll < 72)
        {
            diplomas.Add(new Diploma(DiplomaKind.Havo, ExamYear(r, on)));
            grade = 5 + r.Next(3);
        }
        else if (roll < 76)
        {
            diplomas.Add(new Diploma(DiplomaKind.Vwo, ExamYear(r, on)));
            grade = 6 + r.Next(3);
        }
        else if (roll < 84)
        {
            var year = ExamYear(r, on);
            diplomas.Add(new Diploma(Level1Kind(r, year), year, Chance(r, 50) ? Pick(r, AllSectors) : null));
            if (Chance(r, 30))
                diplomas.Add(new Diploma(DiplomaKind.Pro, year - 1));
            grade = 5 + r.Next(2);
        }
        else if (roll < 94)
        {
            var kind = Pick(r, new[] { DiplomaKind.Mbo2, DiplomaKind.Mbo2, DiplomaKind.Mbo3, DiplomaKind.Mbo4 });
            var year = ExamYear(r, on);
            if (Chance(r, 60))
                diplomas.Add(VmboDiploma(r, year - 2 - (kind.MboLevelOf() - 2)));
            diplomas.Add(new Diploma(kind, year, Chance(r, 70) ? Pick(r, AllSectors) : null));
            grade = 6 + kind.MboLevelOf() - 2 + r.Next(2);
        }
        else
        {
            // Odd combinations: vmbo plus entree, overgang plus vmbo-tl, an hbo bachelor, two vmbo diplomas.
            var year = LastExamYear(on);
            switch (r.Next(4))
            {
                case 0:
                    diplomas.Add(VmboDiploma(r, year - 2));
                    diplomas.Add(new Diploma(Level1Kind(r, year), year));
                    break;
                case 1:
                    diplomas.Add(VmboDiploma(r, year - 1, Leerweg.Tl));
                    diplomas.Add(new Diploma(DiplomaKind.HavoOvergang34, year));
                    break;
                case 2:
                    diplomas.Add(new Diploma(DiplomaKind.Havo, year - 4));
                    diplomas.Add(new Diploma(DiplomaKind.HboBachelor, year));
                    break;
                default:
                    diplomas.Add(VmboDiploma(r, year - 1, Leerweg.Bb));
                    diplomas.Add(VmboDiploma(r, year, Leerweg.Kb));
                    break;
            }
            grade = 6 + r.Next(4);
        }
        return new Situation(on, SchoolType.None)
        {
            BirthDate = Birth(r, on, grade),
            Diplomas = diplomas.ToImmutable(),
            Sector = sector ?? (Chance(r, 5) ? Pick(r, AllSectors) : null),
        };
    }

    /// <summary>What the pupil wants (goal, direction, bol/bbl), how sure, at risk, and when applied: every value, unknowns included.</summary>
    private static Situation Wishes(Random r, Situation s)
    {
        var goal = Chance(r, 20) ? Goal.Startkwalificatie : Pick(r, Goals);
        DateOnly? applied = null;
        if (Chance(r, 35))
        {
            var next = SchoolYear.NextStart(s.On);
            applied = r.Next(6) switch
            {
                0 => new DateOnly(next.Year, 4, 1),
                1 => new DateOnly(next.Year, 4, 2),
                2 => new DateOnly(next.Year, 5, 1),
                3 => s.On.AddDays(-r.Next(240)),
                _ => s.On.AddDays(r.Next(330)),
            };
        }
        return s with
        {
            Goal = goal,
            WantsSector = Chance(r, 35) ? null : Pick(r, AllSectors),
            MboLeerweg = r.Next(3) switch
            {
                0 => null,
                1 => Leerweg.Bol,
                _ => Leerweg.Bbl,
            },
            SureOfChoice = Maybe(r),
            AtRiskOfNoDiploma = Maybe(r),
            AppliedOn = applied,
        };
    }
}
