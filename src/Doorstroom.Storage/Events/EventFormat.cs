namespace Doorstroom.Storage;

/// <summary>The two open event formats (docs/events.md).</summary>
public enum EventFormat
{
    /// <summary>JSON Lines: one event object a line, UTF-8.</summary>
    JsonLines,

    /// <summary>CSV: UTF-8, header row, <c>;</c> between cells, an empty cell is no value.</summary>
    Csv,
}
