namespace Doorstroom.Domain;

/// <summary>
/// The dates the pupil JSON contract accepts (docs/pupil-and-plan-json.md, "Dates"), in one place for the parser, the
/// planner form and the API description. The range starts when the catalogue's rules start: the mbo admission matrix and
/// durations of the WEB (regime M0) from 1 August 1996; before that no step can be admitted or timed. It ends with
/// school year 2099/00; a pathway of a pupil asked about then runs into the 2130s. Outside the range a date is bad
/// input rather than a plan; inside it the Domain answers without overflow (Domain.Tests' DateRangeTests).
/// </summary>
public static class ContractDates
{
    /// <summary>The earliest <c>on</c> and <c>appliedOn</c>.</summary>
    public static readonly DateOnly EarliestOn = new(1996, 8, 1);

    /// <summary>The latest <c>on</c> and <c>appliedOn</c>: the last day of school year 2099/00.</summary>
    public static readonly DateOnly LatestOn = new(2100, 7, 31);

    /// <summary>The earliest <c>birthDate</c>; the latest is the day before <c>on</c>.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    /// <summary>The range of a diploma's <c>year</c> (the calendar year of the diploma).</summary>
    public const int EarliestDiplomaYear = 1950;

    /// <inheritdoc cref="EarliestDiplomaYear"/>
    public const int LatestDiplomaYear = 2100;

    /// <summary>True when <paramref name="date"/> may be an <c>on</c> or <c>appliedOn</c>.</summary>
    public static bool OnInRange(DateOnly date) => date >= EarliestOn && date <= LatestOn;

    /// <summary>The range of <c>on</c> as the messages write it: "1996-08-01 to 2100-07-31".</summary>
    public static string OnRange => $"{Iso(EarliestOn)} to {Iso(LatestOn)}";

    /// <summary>
    /// Events (from any input path: the API, an import) are dated in the same range: an event outside it is refused, so
    /// no timeline or indicator computed from stored events can fall outside <see cref="DateOnly"/>'s range.
    /// </summary>
    public static DateOnly Earliest => EarliestOn;

    /// <inheritdoc cref="Earliest"/>
    public static DateOnly Latest => LatestOn;

    /// <summary>True when the date lies in [Earliest, Latest].</summary>
    public static bool Contains(DateOnly date) => OnInRange(date);

    /// <summary>The range as the one-line errors name it.</summary>
    public static string Range => OnRange;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The whole range in one sentence, for the OpenAPI description.</summary>
    public static string Description =>
        $"Dates: 'on' and 'appliedOn' from {OnRange}; 'birthDate' from {Iso(EarliestBirthDate)} and before 'on'; "
        + $"a diploma's 'year' from {EarliestDiplomaYear} to {LatestDiplomaYear}. Anything else is a 400 naming the field.";
}
