using System.Globalization;
using System.Text;
using System.Text.Json;
using Doorstroom.Domain;
using nietras.SeparatedValues;

namespace Doorstroom.Storage;

/// <summary>
/// Streaming readers of the event formats: one record at a time with its line number; every cell that is not what
/// was expected goes to <c>problem(line, column, expected)</c> and the record comes out as null.
/// </summary>
internal static class EventReader
{
    public const char CsvSeparator = ';';

    private static readonly string LineTooLong = string.Create(
        CultureInfo.InvariantCulture,
        $"a line of at most {BoundedLines.MaxLineLength:N0} characters (an event takes a few hundred; the file was not read further)"
    );

    /// <summary>A CSV text cell as read: one leading apostrophe (the export's neutraliser) taken off.</summary>
    private static ReadOnlySpan<char> Unneutralised(ReadOnlySpan<char> value) => value.Length > 0 && value[0] == '\'' ? value[1..] : value;

    public static IEnumerable<(long Line, EventRecord? Record)> Read(
        EventFormat format,
        string path,
        Action<long, string, string> problem,
        CancellationToken cancellationToken
    ) => format == EventFormat.Csv ? ReadCsv(path, problem, cancellationToken) : ReadJsonLines(path, problem, cancellationToken);

    public static IEnumerable<(long Line, EventRecord? Record)> ReadJsonLines(
        string path,
        Action<long, string, string> problem,
        CancellationToken cancellationToken
    )
    {
        // A byte-order mark is skipped as in a CSV file; a line is read only up to BoundedLines.MaxLineLength.
        using var text = new BoundedLines(new StreamReader(path, CsvSource.StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
        var fields = new Fields(problem);
        var buffer = new byte[4096];
        long line = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? content;
            try
            {
                content = text.ReadLine();
            }
            catch (DecoderFallbackException)
            {
                problem(line + 1, "", "UTF-8 text (found a byte that is not UTF-8)");
                yield break;
            }
            catch (LineTooLongException tooLong)
            {
                problem(tooLong.Line, "", LineTooLong);
                yield break;
            }

            if (content is null)
                yield break;
            line++;
            if (string.IsNullOrWhiteSpace(content))
                continue;
            var length = Encoding.UTF8.GetMaxByteCount(content.Length);
            if (buffer.Length < length)
                buffer = new byte[length];
            var written = Encoding.UTF8.GetBytes(content, buffer);
            yield return (line, ParseJson(fields, line, buffer.AsSpan(0, written)));
        }
    }

    private static EventRecord? ParseJson(Fields fields, long line, ReadOnlySpan<byte> json)
    {
        fields.Start(line);
        var reader = new Utf8JsonReader(json);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                fields.Problem("", "a JSON object: one event a line");
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    fields.Problem(name, "a string, number, true, false or null");
                    reader.Skip();
                    continue;
                }

                fields.SetJson(name, ref reader);
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.Read())
                fields.Problem("", "one JSON object on the line and nothing after it");
        }
        catch (JsonException e)
        {
            fields.Problem("", $"well-formed JSON ({e.Message.Split(" LineNumber", 2)[0].TrimEnd('.', ' ')})");
            return null;
        }

        return fields.Build();
    }

    public static IEnumerable<(long Line, EventRecord? Record)> ReadCsv(string path, Action<long, string, string> problem, CancellationToken cancellationToken)
    {
        using var text = new BoundedLines(new StreamReader(path, CsvSource.StrictUtf8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16));
        SepReader reader;
        try
        {
            reader = Sep.New(CsvSeparator).Reader(o => o with { Unescape = true, DisableColCountCheck = true }).From(text);
        }
        catch (DecoderFallbackException)
        {
            problem(1, "", "UTF-8 text (found a byte that is not UTF-8)");
            yield break;
        }
        catch (LineTooLongException tooLong)
        {
            problem(tooLong.Line, "", LineTooLong);
            yield break;
        }

        using (reader)
        {
            if (reader.Header.IsEmpty)
            {
                problem(1, "", $"a header row: {string.Join(CsvSeparator, EventColumns.All)}");
                yield break;
            }

            var names = reader.Header.ColNames.ToArray();
            var unknown = names.Where(n => !EventColumns.All.Contains(n)).ToList();
            var missing = new[] { EventColumns.Pupil, EventColumns.Date, EventColumns.Type }.Where(n => !names.Contains(n)).ToList();
            if (unknown.Count > 0 || missing.Count > 0 || names.Distinct().Count() != names.Length)
            {
                problem(
                    1,
                    string.Join(", ", unknown.Concat(missing)),
                    $"a header of the columns {string.Join(CsvSeparator, EventColumns.All)}, each at most once, the first three required (found: "
                        + $"{string.Join(CsvSeparator, names)})"
                );
                yield break;
            }

            var fields = new Fields(problem);
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                EventRecord? record;
                long line;
                try
                {
                    if (!reader.MoveNext())
                        yield break;
                    (line, record) = ParseCsv(fields, names, reader.Current);
                }
                catch (DecoderFallbackException)
                {
                    problem(fields.Line + 1, "", "UTF-8 text (found a byte that is not UTF-8)");
                    yield break;
                }
                catch (LineTooLongException tooLong)
                {
                    problem(tooLong.Line, "", LineTooLong);
                    yield break;
                }

                yield return (line, record);
            }
        }
    }

    private static (long, EventRecord?) ParseCsv(Fields fields, string[] names, SepReader.Row row)
    {
        fields.Start(row.LineNumberFrom);
        if (row.ColCount != names.Length)
        {
            fields.Problem("", $"{names.Length} cells separated by '{CsvSeparator}' (found {row.ColCount})");
            return (fields.Line, null);
        }

        for (var i = 0; i < names.Length; i++)
            fields.SetText(names[i], names[i] is EventColumns.Pupil or "institution" or "route" or "detail" ? Unneutralised(row[i].Span) : row[i].Span);
        return (fields.Line, fields.Build());
    }

    /// <summary>One record's cells as they are parsed, shared by both formats so that they accept the same values.</summary>
    private sealed class Fields(Action<long, string, string> problem)
    {
        private string? _pupil,
            _institution,
            _route,
            _detail;
        private DateOnly? _date,
            _birth;
        private long? _voids;
        private EventKind? _kind;
        private Leerweg? _leerweg;
        private int? _leerjaar,
            _niveau,
            _crebo;
        private bool _synthetic,
            _bad;
        private string? _lastPupil;
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);

        /// <summary>
        /// One string per distinct institution, route and detail (a few thousand in a national file) instead of one a
        /// cell: most of the garbage of a 10 M-line import otherwise.
        /// </summary>
        private string Intern(ReadOnlySpan<char> value)
        {
            var lookup = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
            if (lookup.TryGetValue(value, out var known))
                return known;
            var text = value.ToString();
            if (_texts.Count < 100_000)
                _texts[text] = text;
            return text;
        }

        public long Line { get; private set; }

        public void Start(long line)
        {
            Line = line;
            _pupil = _institution = _route = _detail = null;
            _date = _birth = null;
            _kind = null;
            _leerweg = null;
            _leerjaar = _niveau = _crebo = null;
            _voids = null;
            _synthetic = _bad = false;
        }

        public void Problem(string column, string message)
        {
            _bad = true;
            problem(Line, column, message);
        }

        /// <summary>A cell as text; empty is no value.</summary>
        public void SetText(string column, ReadOnlySpan<char> value)
        {
            if (value.IsEmpty)
                return;
            switch (column)
            {
                case EventColumns.Pupil:
                    _pupil = _lastPupil is not null && value.SequenceEqual(_lastPupil) ? _lastPupil : _lastPupil = value.ToString();
                    break;
                case EventColumns.Date:
                    _date = Date(column, value);
                    break;
                case EventColumns.BirthDate:
                    _birth = Date(column, value);
                    break;
                case EventColumns.Type:
                    if (EventNames.TryKind(value, out var kind))
                        _kind = kind;
                    else
                        Problem(column, $"{EventNames.KindExpected} (found '{Shorten(value)}')");
                    break;
                case "leerweg":
                    if (EventNames.TryLeerweg(value, out var leerweg))
                        _leerweg = leerweg;
                    else
                        Problem(column, $"{EventNames.LeerwegExpected} (found '{Shorten(value)}')");
                    break;
                case "institution":
                    _institution = Intern(value);
                    break;
                case "route":
                    _route = Intern(value);
                    break;
                case "detail":
                    _detail = Intern(value);
                    break;
                case EventColumns.Voids:
                    if (EventNames.TryIdentity(value, out var voids))
                        _voids = voids;
                    else
                        Problem(column, $"{EventNames.IdentityExpected} (found '{Shorten(value)}')");
                    break;
                case "leerjaar" or "niveau" or "crebo":
                    SetInt(column, Int(column, value));
                    break;
                case EventColumns.Synthetic:
                    if (value is "true")
                        _synthetic = true;
                    else if (value is not "false")
                        Problem(column, $"true or false (found '{Shorten(value)}')");
                    break;
                default:
                    Problem(column, "one of the columns " + string.Join(", ", EventColumns.All));
                    break;
            }
        }

        /// <summary>A JSON property: numbers for leerjaar, niveau and crebo, true/false for synthetic, strings for the rest.</summary>
        public void SetJson(string name, ref Utf8JsonReader reader)
        {
            if (!EventColumns.All.Contains(name))
            {
                Problem(name, "one of the properties " + string.Join(", ", EventColumns.All));
                return;
            }

            if (reader.TokenType == JsonTokenType.Null)
                return;

            switch (name)
            {
                case "leerjaar" or "niveau" or "crebo":
                    if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var number))
                        SetInt(name, number);
                    else
                        Problem(name, "a whole number");
                    break;
                case EventColumns.Synthetic:
                    if (reader.TokenType is JsonTokenType.True or JsonTokenType.False)
                        _synthetic = reader.GetBoolean();
                    else
                        Problem(name, "true or false");
                    break;
                default:
                    if (reader.TokenType == JsonTokenType.String)
                        SetText(name, reader.GetString());
                    else
                        Problem(name, "a string");
                    break;
            }
        }

        private void SetInt(string column, int? value)
        {
            switch (column)
            {
                case "leerjaar":
                    _leerjaar = value;
                    break;
                case "niveau":
                    _niveau = value;
                    break;
                default:
                    _crebo = value;
                    break;
            }
        }

        private DateOnly? Date(string column, ReadOnlySpan<char> value)
        {
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            Problem(column, $"a date as yyyy-MM-dd (found '{Shorten(value)}')");
            return null;
        }

        private int? Int(string column, ReadOnlySpan<char> value)
        {
            if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                return number;
            Problem(column, $"a whole number (found '{Shorten(value)}')");
            return null;
        }

        public EventRecord? Build()
        {
            if (_date is null && !_bad)
                Problem(EventColumns.Date, "a date as yyyy-MM-dd (required)");
            if (_kind is null && !_bad)
                Problem(EventColumns.Type, EventNames.KindExpected + " (required)");
            if (_bad)
                return null;
            return new EventRecord(
                new TransitionEvent(_pupil ?? "", _date!.Value, _kind!.Value, _institution, _leerweg, _leerjaar, _niveau, _crebo, _route, _detail, _voids),
                _synthetic,
                _birth
            );
        }

        private static string Shorten(ReadOnlySpan<char> text) => text.Length > 40 ? string.Concat(text[..40], "…") : text.ToString();
    }
}
