using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Bench;

/// <summary>
/// Seeded, varied synthetic pupils for the benchmark: every school type, leerweg, leerjaar, sector or profiel,
/// diplomas, goals and dates from 2005 to 2026. Synthetic, never presented as real.
/// </summary>
internal static class PupilGenerator
{
    private static readonly Leerweg[] VmboLeerwegen = [Leerweg.Bb, Leerweg.Kb, Leerweg.Gl, Leerweg.Tl];
    private static readonly Sector[] Sectors = [Sector.Groen, Sector.Techniek, Sector.ZorgEnWelzijn, Sector.Economie];
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
    private static readonly Goal[] Goals = [Goal.Startkwalificatie, Goal.Startkwalificatie, Goal.Mbo2, Goal.Mbo3, Goal.Mbo4, Goal.Havo, Goal.Hbo];
    private static readonly string[] Subjects = ["wiskunde", "nask1", "economie", "biologie", "duits", "frans"];

    public static Situation[] Generate(int count, int seed)
    {
        var random = new Random(seed);
        var result = new Situation[count];
        for (var i = 0; i < count; i++)
            result[i] = One(random);
        return result;
    }

    private static T Pick<T>(Random r, T[] items) => items[r.Next(items.Length)];

    private static bool? Maybe(Random r) =>
        r.Next(3) switch
        {
            0 => null,
            1 => true,
            _ => false,
        };

    private static Situation One(Random r)
    {
        var on = new DateOnly(2005, 8, 1).AddDays(r.Next(365 * 21));
        var roll = r.Next(100);
        var school = roll switch
        {
            < 70 => SchoolType.Vmbo,
            < 80 => SchoolType.None,
            < 85 => SchoolType.Praktijkonderwijs,
            < 95 => SchoolType.Mbo,
            _ => SchoolType.Havo,
        };
        var sector = on.Year >= 2017 && r.Next(2) == 0 ? Pick(r, Profielen) : Pick(r, Sectors);
        var age = school switch
        {
            SchoolType.Vmbo => 12 + r.Next(5),
            SchoolType.Mbo => 16 + r.Next(5),
            SchoolType.None => 16 + r.Next(6),
            _ => 12 + r.Next(6),
        };
        var birth = on.AddYears(-age).AddDays(-r.Next(365));
        var s = new Situation(on, school)
        {
            BirthDate = r.Next(5) == 0 ? null : birth,
            Sector = r.Next(8) == 0 ? null : sector,
            Goal = Pick(r, Goals),
            WantsSector = r.Next(3) == 0 ? null : Pick(r, Sectors),
            MboLeerweg = r.Next(3) switch
            {
                0 => null,
                1 => Leerweg.Bol,
                _ => Leerweg.Bbl,
            },
            SureOfChoice = Maybe(r),
            AtRiskOfNoDiploma = Maybe(r),
            AppliedOn = r.Next(3) == 0 ? new DateOnly(on.Year + 1, 1, 1).AddDays(r.Next(200)) : null,
        };
        switch (school)
        {
            case SchoolType.Vmbo:
                return s with { Leerweg = r.Next(10) == 0 ? null : Pick(r, VmboLeerwegen), Leerjaar = 1 + r.Next(4) };
            case SchoolType.Mbo:
                return s with
                {
                    Leerweg = r.Next(4) == 0 ? Leerweg.Bbl : Leerweg.Bol,
                    Leerjaar = 1 + r.Next(3),
                    Niveau = 1 + r.Next(4),
                    Diplomas = [Vmbo(r, on, sector)],
                };
            case SchoolType.Havo:
                return s with { Leerjaar = 1 + r.Next(5) };
            case SchoolType.Praktijkonderwijs:
                return s with { Leerjaar = 1 + r.Next(5) };
            default:
                return s with
                {
                    Diplomas = r.Next(4) switch
                    {
                        0 => [],
                        1 => [new Diploma(DiplomaKind.Pro, on.Year)],
                        2 => [Vmbo(r, on, sector)],
                        _ => [Vmbo(r, on, sector), new Diploma(r.Next(2) == 0 ? DiplomaKind.Mbo2 : DiplomaKind.Mbo4, on.Year, Pick(r, Sectors))],
                    },
                };
        }
    }

    private static Diploma Vmbo(Random r, DateOnly on, Sector sector)
    {
        var subjects = ImmutableArray.CreateBuilder<string>();
        foreach (var subject in Subjects)
        {
            if (r.Next(3) == 0)
                subjects.Add(subject);
        }
        return new Diploma(Pick(r, VmboLeerwegen).VmboDiploma(), on.Year - r.Next(3), sector, subjects.ToImmutable(), r.Next(5) == 0);
    }
}
