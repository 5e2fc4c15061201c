using System.Globalization;

namespace Doorstroom.Domain;

/// <summary>
/// Dutch formatting of dates, moments and numbers, the one place for the month names and the decimal comma: 1 april 2027,
/// 1 apr 2027, 30 november 2026 om 10:05, 1.234, 12,5 %. Built without ICU (the hosts run with invariant globalization),
/// and pure: a moment is formatted as given; converting it to Dutch time is the host's (the time zone is read from the system).
/// </summary>
public static class DutchFormat
{
    private static readonly string[] Months =
    [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    private static readonly string[] ShortMonths = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];

    /// <summary>Dutch separators for <c>ToString</c> formats: "." between thousands, "," before decimals.</summary>
    public static NumberFormatInfo Numbers { get; } =
        NumberFormatInfo.ReadOnly(
            new NumberFormatInfo
            {
                NumberGroupSeparator = ".",
                NumberDecimalSeparator = ",",
                PercentGroupSeparator = ".",
                PercentDecimalSeparator = ",",
            }
        );

    /// <summary>The month's name, 1 = januari.</summary>
    public static string Month(int month) => Months[month - 1];

    /// <summary>1 april 2027.</summary>
    public static string Date(DateOnly date) => $"{date.Day} {Months[date.Month - 1]} {date.Year}";

    /// <summary>1 apr 2027, 3 mrt 2027, for tables: the Dutch abbreviations, without a full stop.</summary>
    public static string ShortDate(DateOnly date) => $"{date.Day} {ShortMonths[date.Month - 1]} {date.Year}";

    /// <summary>30 november 2026 om 10:05: a moment already in Dutch time.</summary>
    public static string Moment(DateTimeOffset local) =>
        $"{Date(DateOnly.FromDateTime(local.DateTime))} om {local.ToString("HH:mm", CultureInfo.InvariantCulture)}";

    /// <summary>1.234.</summary>
    public static string Count(long n) => n.ToString("N0", Numbers);

    /// <summary>12,5 %.</summary>
    public static string Percent(double fraction, int decimals = 1) => Number(fraction * 100, decimals) + " %";

    /// <summary>A number with the given decimals: 1.234,5.</summary>
    public static string Number(double value, int decimals = 1) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), Numbers);
}
