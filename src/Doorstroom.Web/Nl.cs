namespace Doorstroom.Web;

/// <summary>
/// Dutch formatting without ICU (the build runs with invariant globalization): 1.234 and 12,5 %, 1 april 2027.
/// </summary>
public static class Nl
{
    /// <summary>The Dutch name of an application status.</summary>
    public static string Status(Domain.ApplicationStatus status) => status switch
    {
        Domain.ApplicationStatus.Aangemeld => "aangemeld",
        Domain.ApplicationStatus.IntakeGehouden => "intake gehouden",
        Domain.ApplicationStatus.Toegelaten => "toegelaten",
        Domain.ApplicationStatus.Afgewezen => "afgewezen",
        Domain.ApplicationStatus.Geplaatst => "geplaatst",
        Domain.ApplicationStatus.Ingetrokken => "ingetrokken",
        _ => status.ToString(),
    };

    /// <summary>The leerweg as schools write it: bb, kb, gl, tl, bol, bbl.</summary>
    public static string Leerweg(Domain.Leerweg? leerweg) => leerweg?.ToString().ToLowerInvariant() ?? "–";
}
