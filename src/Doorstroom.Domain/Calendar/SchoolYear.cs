namespace Doorstroom.Domain;

/// <summary>School and study years run 1 August Y – 31 July Y+1 (rulebook §0).</summary>
public static class SchoolYear
{
    public static DateOnly StartOf(DateOnly date) => date.Month >= 8 ? new DateOnly(date.Year, 8, 1) : new DateOnly(date.Year - 1, 8, 1);

    /// <summary>The first 1 August on or after the date: when a programme can start.</summary>
    public static DateOnly NextStart(DateOnly date) =>
        date.Month == 8 && date.Day == 1 ? date : new DateOnly(date.Month >= 8 ? date.Year + 1 : date.Year, 8, 1);

    /// <summary>The 31 July that ends a programme started on <paramref name="start"/> lasting <paramref name="years"/> years.</summary>
    public static DateOnly EndAfter(DateOnly start, int years) => new(start.Year + years, 7, 31);

    public static string Label(DateOnly start) => $"{start.Year}/{(start.Year + 1) % 100:00}";
}
