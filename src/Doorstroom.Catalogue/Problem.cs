namespace Doorstroom.Catalogue;

/// <summary>
/// One thing wrong with an input: which file, which line (when known), which field (a JSON pointer or a column
/// name) and what was expected. Bad input is an expected answer, so it is a value, not an exception.
/// </summary>
public sealed record Problem(string File, int? Line, string Field, string Message)
{
    public override string ToString()
    {
        var where = Line is { } l ? $"{File}:{l}" : File;
        return string.IsNullOrEmpty(Field) ? $"{where}: {Message}" : $"{where}: {Field}: {Message}";
    }
}
