namespace Doorstroom.Storage;

/// <summary>CSV cells that a spreadsheet opens safely (issue 12): no cell of ours starts a formula.</summary>
public static class CsvCell
{
    /// <summary>
    /// True for text a spreadsheet would run as a formula or read as a control character (<c>= + - @</c>, tab, CR at the
    /// start), and for text that starts with the apostrophe itself: the export writes it behind one apostrophe, which the
    /// event import takes off again, so export and re-import stay lossless.
    /// </summary>
    public static bool NeedsApostrophe(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' or '\'';
    }

    /// <summary>The text as a CSV cell may start: behind an apostrophe when <see cref="NeedsApostrophe"/>.</summary>
    public static string Neutralised(string value) => NeedsApostrophe(value) ? "'" + value : value;
}
