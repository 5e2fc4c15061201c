using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>The columns (CSV) and properties (JSON Lines) of an event, in the order they are written.</summary>
public static class EventColumns
{
    /// <summary>The pseudonymous pupil key.</summary>
    public const string Pupil = "pupil";

    /// <summary>The event date, ISO yyyy-MM-dd.</summary>
    public const string Date = "date";

    /// <summary>The <see cref="EventKind"/> name.</summary>
    public const string Type = "type";

    /// <summary>Whether the pupil is generated.</summary>
    public const string Synthetic = "synthetic";

    /// <summary>The pupil's date of birth.</summary>
    public const string BirthDate = "birth_date";

    /// <summary>Only on a Vervallen: the id (digest, 16 hex digits) of the event it voids.</summary>
    public const string Voids = "voids";

    /// <summary>Every column, in order.</summary>
    public static IReadOnlyList<string> All { get; } =
    [Pupil, Date, Type, "institution", "leerweg", "leerjaar", "niveau", "crebo", "route", "detail", Voids, Synthetic, BirthDate];

    /// <summary>The file format named by a path's extension (.jsonl or .csv), or null.</summary>
    public static EventFormat? FormatOf(string path) =>
        Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jsonl" => EventFormat.JsonLines,
            ".csv" => EventFormat.Csv,
            _ => null,
        };
}
