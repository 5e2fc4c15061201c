namespace Doorstroom.Storage;

/// <summary>
/// A text reader that refuses a physical line longer than <see cref="MaxLineLength"/> characters as soon as it has read that
/// much of it (<see cref="LineTooLongException"/>), so a 50 MB line without a line break costs one buffer, not the whole
/// line several times over (a string, its UTF-8 copy, the parser's buffers). An event line is a few hundred characters.
/// </summary>
internal sealed class BoundedLines(TextReader inner) : TextReader
{
    /// <summary>The longest physical line an input file may have.</summary>
    public const int MaxLineLength = 64 * 1024;

    private readonly char[] _buffer = new char[1 << 16];
    private int _start,
        _end;
    private long _line = 1;
    private int _length;

    /// <summary>Reads the next line (without its LF or CRLF), or null at the end.</summary>
    public override string? ReadLine()
    {
        System.Text.StringBuilder? partial = null;
        while (true)
        {
            if (_start == _end && !Fill())
                return partial?.ToString();
            var span = _buffer.AsSpan(_start, _end - _start);
            var newline = span.IndexOf('\n');
            var take = newline < 0 ? span : span[..newline];
            if ((partial?.Length ?? 0) + take.Length > MaxLineLength)
                throw new LineTooLongException(_line);
            if (newline >= 0)
            {
                _start += newline + 1;
                _line++;
                string line;
                if (partial is null)
                    line = take.ToString();
                else
                {
                    partial.Append(take);
                    line = partial.ToString();
                }
                return line.EndsWith('\r') ? line[..^1] : line;
            }

            (partial ??= new System.Text.StringBuilder()).Append(take);
            _start = _end;
        }
    }

    public override int Read(Span<char> buffer)
    {
        if (_start == _end && !Fill())
            return 0;
        var count = Math.Min(buffer.Length, _end - _start);
        var chunk = _buffer.AsSpan(_start, count);
        // Count line lengths over what is handed out, so a parser that buffers a whole row is stopped in time.
        var rest = chunk;
        while (true)
        {
            var newline = rest.IndexOf('\n');
            if (newline < 0)
            {
                _length += rest.Length;
                if (_length > MaxLineLength)
                    throw new LineTooLongException(_line);
                break;
            }
            if (_length + newline > MaxLineLength)
                throw new LineTooLongException(_line);
            _length = 0;
            _line++;
            rest = rest[(newline + 1)..];
        }
        chunk.CopyTo(buffer);
        _start += count;
        return count;
    }

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 1 ? one[0] : -1;
    }

    public override int Peek() => _start == _end && !Fill() ? -1 : _buffer[_start];

    private bool Fill()
    {
        _start = 0;
        _end = inner.Read(_buffer, 0, _buffer.Length);
        return _end > 0;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
            inner.Dispose();
        base.Dispose(disposing);
    }
}
