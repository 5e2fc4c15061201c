namespace Doorstroom.Domain;

/// <summary>Leerplicht and kwalificatieplicht (rulebook §6).</summary>
public static class Leerplicht
{
    /// <summary>
    /// L1: full leerplicht ends at the end of the school year in which the pupil turns 16
    /// (the 12-school-years alternative is not modelled: the engine has no school history).
    /// </summary>
    public static DateOnly FullLeerplichtEnds(DateOnly birthDate)
    {
        var sixteen = birthDate.AddYears(16);
        return SchoolYear.EndAfter(SchoolYear.StartOf(sixteen), 1);
    }

    /// <summary>True when full leerplicht has ended before <paramref name="start"/>; null when the birth date is unknown.</summary>
    public static bool? FullLeerplichtEndedBefore(DateOnly? birthDate, DateOnly start) => birthDate is { } b ? FullLeerplichtEnds(b) < start : null;

    /// <summary>L2: kwalificatieplicht runs to the 18th birthday (or an SK), from 1 Aug 2007.</summary>
    public static DateOnly? KwalificatieplichtEnds(DateOnly birthDate) => birthDate.AddYears(18) < Dates.Kwalificatieplicht ? null : birthDate.AddYears(18);

    public static int AgeOn(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        if (on < birthDate.AddYears(age))
            age--;
        return age;
    }
}
