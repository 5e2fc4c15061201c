namespace Doorstroom.Storage;

/// <summary>A physical line of an input file is longer than <see cref="BoundedLines.MaxLineLength"/>: the file is refused at that line.</summary>
internal sealed class LineTooLongException(long line)
    : IOException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"line {line} is longer than {BoundedLines.MaxLineLength:N0} characters"))
{
    /// <summary>The 1-based line number.</summary>
    public long Line { get; } = line;
}
