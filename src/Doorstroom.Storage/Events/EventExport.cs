using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Doorstroom.Storage;

/// <summary>Writes events in the open formats, streaming: the store's export, and any sequence of events.</summary>
public static class EventExport
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    /// <summary>Every event in the store as JSON Lines (see <see cref="EventStore.ReadAll(CancellationToken)"/> for the order); returns the count.</summary>
    public static long WriteJsonLines(Database database, Stream output, CancellationToken cancellationToken = default) =>
        WriteJsonLines(new EventStore(database).ReadAll(cancellationToken), output);

    /// <summary>Every event in the store as CSV; returns the count.</summary>
    public static long WriteCsv(Database database, Stream output, CancellationToken cancellationToken = default) =>
        WriteCsv(new EventStore(database).ReadAll(cancellationToken), output);

    /// <summary>Events as JSON Lines: every property on every line, absent values as null, text as UTF-8 (not \u-escaped).</summary>
    public static long WriteJsonLines(IEnumerable<EventRecord> events, Stream output)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var buffered = new BufferedStream(output, 1 << 16);
        using var json = new Utf8JsonWriter(buffered, JsonOptions);
        long count = 0;
        foreach (var (e, synthetic, birth) in events)
        {
            json.Reset();
            json.WriteStartObject();
            json.WriteString(EventColumns.Pupil, e.Pupil);
            json.WriteString(EventColumns.Date, EventNames.Date(e.Date));
            json.WriteString(EventColumns.Type, EventNames.Kind(e.Kind));
            String("institution", e.Institution);
            String("leerweg", e.Leerweg is { } lw ? EventNames.Leerweg(lw) : null);
            Number("leerjaar", e.Leerjaar);
            Number("niveau", e.Niveau);
            Number("crebo", e.Crebo);
            String("route", e.Route);
            String("detail", e.Detail);
            String(EventColumns.Voids, e.Voids is { } v ? EventNames.Identity(v) : null);
            json.WriteBoolean(EventColumns.Synthetic, synthetic);
            String(EventColumns.BirthDate, birth is { } b ? EventNames.Date(b) : null);
            json.WriteEndObject();
            json.Flush();
            buffered.WriteByte((byte)'\n');
            count++;
        }

        return count;

        void String(string name, string? value)
        {
            if (value is null)
                json.WriteNull(name);
            else
                json.WriteString(name, value);
        }

        void Number(string name, int? value)
        {
            if (value is { } v)
                json.WriteNumber(name, v);
            else
                json.WriteNull(name);
        }
    }

    /// <summary>Events as CSV: a header, <c>;</c> between cells, LF line ends, empty cells for absent values.</summary>
    public static long WriteCsv(IEnumerable<EventRecord> events, Stream output)
    {
        ArgumentNullException.ThrowIfNull(events);
        using var text = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        text.WriteLine(string.Join(EventReader.CsvSeparator, EventColumns.All));
        long count = 0;
        Span<char> number = stackalloc char[11];
        foreach (var (e, synthetic, birth) in events)
        {
            Cell(e.Pupil);
            text.Write(EventReader.CsvSeparator);
            text.Write(EventNames.Date(e.Date));
            text.Write(EventReader.CsvSeparator);
            text.Write(EventNames.Kind(e.Kind));
            text.Write(EventReader.CsvSeparator);
            Cell(e.Institution);
            text.Write(EventReader.CsvSeparator);
            if (e.Leerweg is { } lw)
                text.Write(EventNames.Leerweg(lw));
            text.Write(EventReader.CsvSeparator);
            Int(e.Leerjaar, number);
            text.Write(EventReader.CsvSeparator);
            Int(e.Niveau, number);
            text.Write(EventReader.CsvSeparator);
            Int(e.Crebo, number);
            text.Write(EventReader.CsvSeparator);
            Cell(e.Route);
            text.Write(EventReader.CsvSeparator);
            Cell(e.Detail);
            text.Write(EventReader.CsvSeparator);
            if (e.Voids is { } voids)
                text.Write(EventNames.Identity(voids));
            text.Write(EventReader.CsvSeparator);
            text.Write(synthetic ? "true" : "false");
            text.Write(EventReader.CsvSeparator);
            if (birth is { } b)
                text.Write(EventNames.Date(b));
            text.Write('\n');
            count++;
        }

        return count;

        void Int(int? value, Span<char> into)
        {
            if (value is { } v && v.TryFormat(into, out var written, default, CultureInfo.InvariantCulture))
                text.Write(into[..written]);
        }

        void Cell(string? value)
        {
            if (value is null)
                return;
            // A cell a spreadsheet would run as a formula is neutralised (docs/events.md); the import takes the apostrophe off.
            var apostrophe = CsvCell.NeedsApostrophe(value);
            if (value.AsSpan().IndexOfAny(";\"\r\n") < 0)
            {
                if (apostrophe)
                    text.Write('\'');
                text.Write(value);
                return;
            }

            text.Write('"');
            if (apostrophe)
                text.Write('\'');
            text.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            text.Write('"');
        }
    }
}
