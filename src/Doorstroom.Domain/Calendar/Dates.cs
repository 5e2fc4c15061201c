namespace Doorstroom.Domain;

/// <summary>Fixed dates of the rulebook's regime switches (§1) that the engine's own logic needs.</summary>
public static class Dates
{
    /// <summary>M1: entree replaces assistent/AKA; new admission matrix and durations.</summary>
    public static readonly DateOnly Entree = new(2014, 8, 1);

    /// <summary>M3: Wet doorlopende leerroutes; doorstroomrecht vmbo → havo; Doorstroomregeling 2020.</summary>
    public static readonly DateOnly SterkBeroepsonderwijs = new(2020, 8, 1);

    /// <summary>M2: toelatingsrecht; first applied to registrations for 2018/19.</summary>
    public static readonly DateOnly ToelatingsrechtFirstStudyYear = new(2018, 8, 1);

    /// <summary>L2: kwalificatieplicht from 1 Aug 2007.</summary>
    public static readonly DateOnly Kwalificatieplicht = new(2007, 8, 1);
}
