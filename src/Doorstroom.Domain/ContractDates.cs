namespace Doorstroom.Domain;

/// <summary>
/// The dates the contract accepts (pupil and plan JSON, the planner form, events from any input path): a question,
/// an application or an event outside [<see cref="Earliest"/>, <see cref="Latest"/>] is refused at the boundary, so
/// no rule, duration or leerplicht date computed from it can fall outside <see cref="DateOnly"/>'s range.
/// </summary>
public static class ContractDates
{
    /// <summary>The earliest question, application or event date: well before the oldest regime in the rulebook (1999).</summary>
    public static readonly DateOnly Earliest = new(1990, 1, 1);

    /// <summary>The latest question, application or event date: the end of school year 2099/00.</summary>
    public static readonly DateOnly Latest = new(2100, 7, 31);

    /// <summary>The earliest birth date the contract accepts.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    /// <summary>True when the date lies in [Earliest, Latest].</summary>
    public static bool Contains(DateOnly date) => date >= Earliest && date <= Latest;

    /// <summary>The range as the one-line errors name it.</summary>
    public static string Range => "1990-01-01 … 2100-07-31";
}
