using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Doorstroom.Storage;
using Spectre.Console;

namespace Doorstroom.Cli;

/// <summary>A suppressed count: 1 to 4, shown as <c>&lt;5</c> (DUO's rule), never its value.</summary>
internal sealed record Suppressed
{
    public static Suppressed Instance { get; } = new();

    public override string ToString() => "<5";
}

/// <summary>
/// A monitor result ready to show: what it is (name, definition, filters), its columns, and rows whose cells are a key
/// (string), a count (long, or <see cref="Suppressed"/>), or a rate/mean (double, or null when suppressed or undefined).
/// Counts are passed through <see cref="Count"/> and rates through <see cref="Rate"/>, so no output path can skip
/// the suppression.
/// </summary>
internal sealed record MonitorOutput(
    string Name,
    ImmutableArray<KeyValuePair<string, string>> About,
    ImmutableArray<string> Columns,
    ImmutableArray<ImmutableArray<object?>> Rows,
    ImmutableArray<string> Footnotes
)
{
    /// <summary>The Domain's rule (<see cref="Domain.Suppression.Hides"/>): a count of 1 to 4 is shown as <c>&lt;5</c>.</summary>
    public static object Count(long n) => Domain.Suppression.Hides(n) ? Suppressed.Instance : n;

    /// <summary>The Domain's rule (<see cref="Domain.Suppression.Rate"/>): no rate on fewer than 10, nor beside a hidden count.</summary>
    public static object? Rate(long hits, long of) => Domain.Suppression.Rate(hits, of);

    public const string SuppressionNote =
        "Counts of 1 to 4 are shown as <5; rates on fewer than 10, or whose count is shown as <5, are not shown (–), as DUO publishes.";

    public void Write(string format)
    {
        switch (format)
        {
            case "json":
                WriteJson();
                break;
            case "csv":
                WriteCsv();
                break;
            default:
                WriteTable();
                break;
        }
    }

    private void WriteTable()
    {
        Std.Ansi.MarkupLine($"[bold]{Markup.Escape(Name)}[/]");
        foreach (var (key, value) in About)
            Std.Ansi.MarkupLine($"  {Markup.Escape(key)}: {Markup.Escape(value)}");
        var table = new Table();
        foreach (var c in Columns)
            table.AddColumn(new TableColumn(Markup.Escape(c)));
        foreach (var row in Rows)
            table.AddRow([.. row.Select(v => Markup.Escape(Text(v)))]);
        Std.Ansi.Write(table);
        foreach (var note in Footnotes)
            Std.Ansi.MarkupLine($"[dim]{Markup.Escape(note)}[/]");
    }

    private static string Text(object? value) =>
        value switch
        {
            null => "–",
            long n => n.ToString("N0", CultureInfo.InvariantCulture),
            double d => d.ToString("0.0%", CultureInfo.InvariantCulture),
            _ => value.ToString() ?? "",
        };

    private void WriteCsv()
    {
        var csv = new StringBuilder();
        csv.AppendJoin(';', Columns.Select(Quote)).Append('\n');
        foreach (var row in Rows)
        {
            csv.AppendJoin(
                    ';',
                    row.Select(v =>
                        Quote(
                            v switch
                            {
                                null => "",
                                long n => n.ToString(CultureInfo.InvariantCulture),
                                double d => d.ToString("0.####", CultureInfo.InvariantCulture),
                                _ => CsvCell.Neutralised(v.ToString() ?? ""),
                            }
                        )
                    )
                )
                .Append('\n');
        }

        Std.Out.Write(csv.ToString());
    }

    private static string Quote(string s) => s.AsSpan().IndexOfAny(";\"\n") >= 0 ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : s;

    private void WriteJson()
    {
        using var stdout = Std.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteString("indicator", Name);
            foreach (var (key, value) in About)
                w.WriteString(key, value);
            w.WriteStartArray("rows");
            foreach (var row in Rows)
            {
                w.WriteStartObject();
                for (var i = 0; i < Columns.Length; i++)
                {
                    w.WritePropertyName(Columns[i]);
                    switch (row[i])
                    {
                        case null:
                            w.WriteNullValue();
                            break;
                        case long n:
                            w.WriteNumberValue(n);
                            break;
                        case double d:
                            w.WriteNumberValue(Math.Round(d, 6));
                            break;
                        case var v:
                            w.WriteStringValue(v.ToString());
                            break;
                    }
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("notes");
            foreach (var note in Footnotes)
                w.WriteStringValue(note);
            w.WriteEndArray();
            w.WriteEndObject();
        }

        stdout.WriteByte((byte)'\n');
    }
}
