namespace Doorstroom.Domain;

/// <summary>The kind of school a pupil is enrolled in on the date asked.</summary>
/// <summary>The kind of school a pupil is enrolled in (Hbo only appears as the school of a planned step).</summary>
public enum SchoolType
{
    None,
    Praktijkonderwijs,
    Vmbo,
    Havo,
    Vwo,
    Mbo,
    Hbo,
}

/// <summary>Leerweg: the four vmbo leerwegen and the two mbo leerwegen.</summary>
public enum Leerweg
{
    Bb,
    Kb,
    Gl,
    Tl,
    Bol,
    Bbl,
}

/// <summary>
/// vmbo sector (V0, until 2016) or profiel (V1, from 2016). Groen ≡ landbouw.
/// </summary>
public enum Sector
{
    Groen,
    Techniek,
    ZorgEnWelzijn,
    Economie,
    Bwi,
    Pie,
    Mt,
    Mvi,
    Mat,
    Zw,
    Eo,
    Hbr,
    Dp,
}

/// <summary>The direction (richting) of a sector, profiel or mbo opleidingsdomein, used for verwant/niet-verwant (N1/N2).</summary>
public enum Direction
{
    Groen,
    Techniek,
    ZorgEnWelzijn,
    Economie,
    Intersectoraal,
}

public enum DiplomaKind
{
    Pro,
    VmboBb,
    VmboKb,
    VmboGl,
    VmboTl,
    HavoOvergang34,
    Assistent,
    Entree,
    Mbo1,
    Mbo2,
    Mbo3,
    Mbo4,
    Havo,
    Vwo,
    HboBachelor,
}

/// <summary>What the pupil wants to reach.</summary>
public enum Goal
{
    Startkwalificatie,
    Mbo1,
    Mbo2,
    Mbo3,
    Mbo4,
    Havo,
    Hbo,
}

/// <summary>An mbo level: 1 (assistent/entree), 2 basisberoeps, 3 vak, 4 middenkader, 5 = specialist.</summary>
public enum MboLevel
{
    Entree = 1,
    Basisberoeps = 2,
    Vak = 3,
    Middenkader = 4,
    Specialist = 5,
}

public enum Confidence
{
    High,
    Medium,
    Low,
}

public static class Vocabulary
{
    public static Direction DirectionOf(this Sector sector) =>
        sector switch
        {
            Sector.Groen => Direction.Groen,
            Sector.Techniek or Sector.Bwi or Sector.Pie or Sector.Mt or Sector.Mvi or Sector.Mat => Direction.Techniek,
            Sector.ZorgEnWelzijn or Sector.Zw => Direction.ZorgEnWelzijn,
            Sector.Economie or Sector.Eo or Sector.Hbr => Direction.Economie,
            Sector.Dp => Direction.Intersectoraal,
            _ => throw new ArgumentOutOfRangeException(nameof(sector), sector, null),
        };

    /// <summary>True for the 2016 profielen (V5) other than Groen, which is both a sector and a profiel.</summary>
    public static bool IsProfiel(this Sector sector) => sector >= Sector.Bwi;

    public static bool IsVmboLeerweg(this Leerweg leerweg) => leerweg <= Leerweg.Tl;

    public static DiplomaKind VmboDiploma(this Leerweg leerweg) =>
        leerweg switch
        {
            Leerweg.Bb => DiplomaKind.VmboBb,
            Leerweg.Kb => DiplomaKind.VmboKb,
            Leerweg.Gl => DiplomaKind.VmboGl,
            Leerweg.Tl => DiplomaKind.VmboTl,
            _ => throw new ArgumentOutOfRangeException(nameof(leerweg), leerweg, "not a vmbo leerweg"),
        };

    public static bool IsVmbo(this DiplomaKind kind) => kind is >= DiplomaKind.VmboBb and <= DiplomaKind.VmboTl;

    /// <summary>L3: a startkwalificatie is a diploma of mbo level 2, 3 or 4, or of havo or vwo (and anything above).</summary>
    public static bool IsStartkwalificatie(this DiplomaKind kind) =>
        kind is DiplomaKind.Mbo2 or DiplomaKind.Mbo3 or DiplomaKind.Mbo4 or DiplomaKind.Havo or DiplomaKind.Vwo or DiplomaKind.HboBachelor;

    /// <summary>The mbo level a diploma stands for; 0 when it is no mbo diploma.</summary>
    public static int MboLevelOf(this DiplomaKind kind) =>
        kind switch
        {
            DiplomaKind.Assistent or DiplomaKind.Entree or DiplomaKind.Mbo1 => 1,
            DiplomaKind.Mbo2 => 2,
            DiplomaKind.Mbo3 => 3,
            DiplomaKind.Mbo4 => 4,
            _ => 0,
        };

    public static DiplomaKind MboDiploma(MboLevel level, DateOnly on) =>
        level switch
        {
            MboLevel.Entree => on < Dates.Entree ? DiplomaKind.Assistent : DiplomaKind.Entree,
            MboLevel.Basisberoeps => DiplomaKind.Mbo2,
            MboLevel.Vak => DiplomaKind.Mbo3,
            MboLevel.Middenkader or MboLevel.Specialist => DiplomaKind.Mbo4,
            _ => throw new ArgumentOutOfRangeException(nameof(level), level, null),
        };

    public static bool Reaches(this DiplomaKind kind, Goal goal) =>
        goal switch
        {
            Goal.Startkwalificatie => kind.IsStartkwalificatie(),
            Goal.Mbo1 => kind.MboLevelOf() >= 1,
            Goal.Mbo2 => kind.MboLevelOf() >= 2,
            Goal.Mbo3 => kind.MboLevelOf() >= 3,
            Goal.Mbo4 => kind.MboLevelOf() >= 4,
            Goal.Havo => kind is DiplomaKind.Havo,
            Goal.Hbo => kind is DiplomaKind.HboBachelor,
            _ => false,
        };
}
