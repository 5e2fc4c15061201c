using System.Collections.Immutable;
using System.Text;
using Doorstroom.Catalogue;
using nietras.SeparatedValues;

namespace Doorstroom.Storage;

/// <summary>
/// A small, strict reader over Sep for the public CSV files: it checks the header, keeps each record's line number,
/// and turns every cell that is not what was expected into a <see cref="Problem"/> (file:line: column: expected).
/// </summary>
public sealed class CsvSource
{
    static CsvSource() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private readonly List<Problem> _problems = [];

    private CsvSource(string path) => FileName = Path.GetFileName(path);

    /// <summary>The file name used in problems.</summary>
    public string FileName { get; }

    /// <summary>Everything found wrong so far.</summary>
    public ImmutableArray<Problem> Problems => [.. _problems];

    /// <summary>Windows-1252, as DUO's older files are written.</summary>
    public static Encoding Windows1252 => Encoding.GetEncoding(1252);

    /// <summary>Strict UTF-8: a byte that is not UTF-8 is an error, not a silent replacement character.</summary>
    public static Encoding StrictUtf8 { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Records a problem at a line and column.</summary>
    public void Problem(int line, string column, string message) => _problems.Add(new Problem(FileName, line, column, message));

    /// <summary>
    /// Reads every record of a separated file whose header must contain <paramref name="required"/> columns.
    /// A missing column is one problem on line 1 and no records.
    /// </summary>
    public static (CsvSource Source, ImmutableArray<CsvRecord> Records) Read(
        string path,
        Encoding encoding,
        IReadOnlyList<string> required,
        char separator = ';',
        CancellationToken cancellationToken = default
    )
    {
        var source = new CsvSource(path);
        var records = ImmutableArray.CreateBuilder<CsvRecord>();
        try
        {
            using var text = new StreamReader(path, encoding, detectEncodingFromByteOrderMarks: true);
            using var reader = Sep.New(separator).Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
            var names = reader.Header.ColNames.Select(n => n.Trim()).ToImmutableArray();
            var index = names.Select((n, i) => (n, i)).GroupBy(p => p.n).ToImmutableDictionary(g => g.Key, g => g.First().i);
            var missing = required.Where(c => !index.ContainsKey(c)).ToList();
            if (missing.Count > 0)
            {
                source.Problem(
                    1,
                    string.Join(", ", missing),
                    $"a header with the column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} " + $"(found: {string.Join(", ", names)})"
                );
                return (source, []);
            }

            foreach (var row in reader)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var values = new string[row.ColCount];
                for (var i = 0; i < values.Length; i++)
                    values[i] = row[i].ToString();
                var line = row.LineNumberFrom;
                if (values.Length != names.Length)
                    source.Problem(line, "", $"{names.Length} fields separated by '{separator}' (found {values.Length})");
                records.Add(new CsvRecord(source, index, values, line));
            }
        }
        catch (DecoderFallbackException e)
        {
            var (line, column, bad) = LocateUndecodable(path, encoding, separator);
            source.Problem(
                line,
                column,
                $"text in {encoding.WebName} (found "
                    + (bad is null ? e.Message : $"the byte 0x{bad:X2}, which is not {encoding.WebName}; is the file in another encoding, e.g. Windows-1252?")
                    + ")"
            );
        }

        return (source, records.ToImmutable());
    }

    /// <summary>
    /// Where a file stops being text in <paramref name="encoding"/>: the first line (1 = header) that does not decode,
    /// the header column its bad byte falls in, and that byte. Only called after a decoder has failed, so it may be slow.
    /// </summary>
    private static (int Line, string Column, byte? Bad) LocateUndecodable(string path, Encoding encoding, char separator)
    {
        var bytes = File.ReadAllBytes(path);
        string[] header = [];
        var start = 0;
        for (var line = 1; start < bytes.Length; line++)
        {
            var end = Array.IndexOf(bytes, (byte)'\n', start);
            if (end < 0)
                end = bytes.Length;
            var span = bytes.AsSpan(start, end - start);
            try
            {
                var text = encoding.GetString(span);
                if (line == 1)
                    header = [.. text.TrimEnd('\r').Split(separator).Select(h => h.Trim().Trim('"').Trim())];
            }
            catch (DecoderFallbackException)
            {
                // The first prefix that fails to decode ends at the bad byte; the separators before it give the column.
                var at = 0;
                while (at < span.Length && Decodes(encoding, span[..(at + 1)], partialOk: true))
                    at++;
                var fields = 0;
                var quoted = false;
                foreach (var b in span[..Math.Min(at, span.Length)])
                {
                    if (b == '"')
                        quoted = !quoted;
                    else if (b == separator && !quoted)
                        fields++;
                }

                // A bad byte may only show as bad at the byte after it: step back to the start of its non-ASCII run.
                var first = Math.Min(at, span.Length - 1);
                while (first > 0 && span[first - 1] >= 0x80)
                    first--;
                var column = fields < header.Length ? header[fields] : "";
                return (line, column, span[first]);
            }

            start = end + 1;
        }

        return (0, "", null);
    }

    private static bool Decodes(Encoding encoding, ReadOnlySpan<byte> bytes, bool partialOk)
    {
        try
        {
            var decoder = encoding.GetDecoder();
            var chars = new char[encoding.GetMaxCharCount(bytes.Length)];
            decoder.GetChars(bytes, chars, flush: !partialOk);
            return true;
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
    }
}
