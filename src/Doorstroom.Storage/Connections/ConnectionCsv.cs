using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// The register's CSV (docs/connections.md): UTF-8, separated by ';', one connection per record, with a header naming
/// <see cref="Columns"/>. Reading checks every cell and every connection (<see cref="Connection.Check"/>) and reports each
/// bad cell as file:line: column: what was expected; writing gives back what reading takes.
/// </summary>
public static class ConnectionCsv
{
    /// <summary>The separator, as in the event CSV.</summary>
    public const char Separator = ';';

    /// <summary>The columns, in the order an export writes them; <c>until</c>, <c>route</c>, <c>subject</c> and <c>synthetic</c> may be empty.</summary>
    public static readonly ImmutableArray<string> Columns =
    [
        "id",
        "vo_vestiging",
        "mbo",
        "form",
        "from",
        "until",
        "route",
        "subject",
        "description",
        "source",
        "synthetic",
    ];

    private static readonly string[] Required = ["id", "vo_vestiging", "mbo", "form", "from", "description", "source"];

    /// <summary>Reads a file whole: its connections (with their lines) and every problem, or no rows when the header is wrong.</summary>
    public static (ImmutableArray<(int Line, Connection Value)> Rows, ImmutableArray<Problem> Problems) Read(
        string path,
        CancellationToken cancellationToken = default
    )
    {
        var (source, records) = CsvSource.Read(path, CsvSource.StrictUtf8, Required, Separator, cancellationToken);
        var rows = ImmutableArray.CreateBuilder<(int, Connection)>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var r in records)
        {
            var before = source.Problems.Length;
            var id = r.Required("id");
            var formText = r.Required("form");
            ConnectionForm form = default;
            if (formText.Length > 0 && !JsonSpelling.ConnectionForms.TryGetValue(formText, out form))
                r.Problem("form", $"one of {JsonSpelling.Expected(JsonSpelling.ConnectionForms)} (found '{Shorten(formText)}')");
            var from = Date(r, "from", required: true) ?? default;
            var until = Date(r, "until", required: false);
            var synthetic = r.Text("synthetic") switch
            {
                "" or "0" => false,
                "1" => true,
                var other => Bad(r, "synthetic", $"1 for a made-up connection, 0 or empty otherwise (found '{Shorten(other)}')"),
            };
            if (source.Problems.Length > before)
                continue;
            var value = new Connection(
                id,
                r.Text("vo_vestiging"),
                r.Text("mbo"),
                form,
                from,
                until,
                Plain(r.Text("description")),
                Plain(r.Text("source")),
                r.Optional("route"),
                r.Optional("subject") is { } s ? Plain(s) : null,
                synthetic
            );
            foreach (var (field, message) in value.Check())
                r.Problem(field, message);
            if (source.Problems.Length > before)
                continue;
            if (lines.TryGetValue(id, out var first))
            {
                r.Problem("id", $"an id used once in the file (line {first} has '{Shorten(id)}' too)");
                continue;
            }

            lines[id] = r.Line;
            rows.Add((r.Line, value));
        }

        return (rows.ToImmutable(), source.Problems);
    }

    /// <summary>Writes connections as the register's CSV, with the header; text a spreadsheet would run starts behind an apostrophe.</summary>
    public static void Write(TextWriter text, IEnumerable<Connection> connections)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(connections);
        text.Write(string.Join(Separator, Columns));
        text.Write('\n');
        foreach (var c in connections)
        {
            string[] cells =
            [
                c.Id,
                c.VoVestiging,
                c.Mbo,
                JsonSpelling.Of(c.Form),
                Iso(c.From),
                c.Until is { } u ? Iso(u) : "",
                c.Route ?? "",
                c.Subject ?? "",
                c.Description,
                c.Source,
                c.Synthetic ? "1" : "0",
            ];
            text.Write(string.Join(Separator, cells.Select(Cell)));
            text.Write('\n');
        }
    }

    private static string Cell(string value)
    {
        var safe = CsvCell.Neutralised(value);
        return safe.IndexOfAny([Separator, '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static string Plain(string value) => value.Length > 1 && value[0] == '\'' && CsvCell.NeedsApostrophe(value[1..]) ? value[1..] : value;

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? Date(CsvRecord r, string column, bool required)
    {
        var text = r.Text(column);
        if (text.Length == 0 && !required)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        r.Problem(column, $"a date as yyyy-mm-dd, e.g. 2025-08-01 (found '{Shorten(text)}')");
        return null;
    }

    private static bool Bad(CsvRecord r, string column, string message)
    {
        r.Problem(column, message);
        return false;
    }

    private static string Shorten(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
