namespace Doorstroom.Web;

/// <summary>
/// Dutch time: "today" and audit moments are shown in the Netherlands' time zone (formatted by <see cref="Domain.DutchFormat"/>;
/// the zone is read from the system, so it lives in the host, not in the pure Domain).
/// </summary>
public static class DutchTime
{
    /// <summary>The Netherlands' time zone.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The moment in Dutch time.</summary>
    public static DateTimeOffset Of(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>The date in the Netherlands at that moment.</summary>
    public static DateOnly DateOf(DateTimeOffset at) => DateOnly.FromDateTime(Of(at).DateTime);
}
