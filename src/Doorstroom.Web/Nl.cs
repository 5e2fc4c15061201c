using System.Globalization;

namespace Doorstroom.Web;

/// <summary>
/// Dutch formatting without ICU (the build runs with invariant globalization): 1.234 and 12,5 %, 1 april 2027.
/// </summary>
public static class Nl
{
    /// <summary>The Netherlands' time zone: "today" and audit moments are Dutch time.</summary>
    public static readonly TimeZoneInfo Amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    private static readonly string[] Months = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    private static readonly string[] ShortMonths = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
    private static readonly NumberFormatInfo Numbers = new() { NumberGroupSeparator = ".", NumberDecimalSeparator = ",", PercentGroupSeparator = ".", PercentDecimalSeparator = "," };

    /// <summary>1 april 2027.</summary>
    public static string Date(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>1 apr 2027, 3 mrt 2027, for tables: the Dutch abbreviations, without a full stop.</summary>
    public static string ShortDate(DateOnly date) => $"{date.Day} {ShortMonths[date.Month - 1]} {date.Year}";

    /// <summary>1.234.</summary>
    public static string Count(long n) => n.ToString("N0", Numbers);

    /// <summary>12,5 %.</summary>
    public static string Percent(double fraction, int decimals = 1) => (fraction * 100).ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Numbers) + " %";

    /// <summary>A number with the given decimals.</summary>
    public static string Number(double value, int decimals = 1) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Numbers);

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
