using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Doorstroom.Domain;
using Doorstroom.Storage;
using MiniExcelLibs;

namespace Doorstroom.Web.Pages.Leerlingen;

/// <summary>
/// The decaan's filtered list as a file: one row per pupil, in the list's order, with Dutch column names. An .xlsx
/// (MiniExcel) and a CSV as Dutch Excel opens it: semicolons, UTF-8 with a byte order mark, no cell that starts a formula.
/// </summary>
public static class PupilListFile
{
    /// <summary>The columns, in order.</summary>
    public static readonly ImmutableArray<string> Columns = ["Leerlingnummer", "Naam", "Leerweg", "Examenjaar", "Status", "Aanmeldingen", "Signalen"];

    /// <summary>The rows: each pupil's cells under <see cref="Columns"/>; applications and signals joined by "; ".</summary>
    public static ImmutableArray<ImmutableArray<string>> Rows(
        IEnumerable<SchoolPupil> pupils,
        IReadOnlyDictionary<string, string> names,
        IReadOnlyDictionary<int, string> programmes
    )
    {
        ArgumentNullException.ThrowIfNull(pupils);
        return
        [
            .. pupils.Select(p =>
                ImmutableArray.Create(
                    p.Key,
                    p.Name ?? "",
                    DutchText.Leerweg(p.Leerweg),
                    p.ExamYear?.ToString(CultureInfo.InvariantCulture) ?? "",
                    PupilList.Label(PupilList.StatusOf(p)),
                    string.Join(
                        "; ",
                        p.Applications.Select(a => $"{PupilList.Where(a, names)}: {PupilList.Programme(a, programmes)}: {DutchText.Status(a.Status)}")
                    ),
                    string.Join("; ", p.Signals.Select(s => $"{PupilList.Label(s.Kind)} ({s.Rule}): {s.Text}"))
                )
            ),
        ];
    }

    /// <summary>The rows as an .xlsx workbook with one sheet, "Leerlingen", its first row the column names.</summary>
    public static byte[] Xlsx(IEnumerable<ImmutableArray<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        // A table, not a list of rows: the header row is written even when the filter leaves no pupil.
        using var table = new System.Data.DataTable("Leerlingen") { Locale = CultureInfo.InvariantCulture };
        foreach (var column in Columns)
            table.Columns.Add(column, typeof(string));
        foreach (var row in rows)
            table.Rows.Add([.. row]);
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, table, sheetName: "Leerlingen");
        return stream.ToArray();
    }

    /// <summary>The rows as CSV for Dutch Excel: a header line, ';' between cells, CRLF, UTF-8 with a byte order mark.</summary>
    public static byte[] Csv(IEnumerable<ImmutableArray<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder();
        text.Append(string.Join(';', Columns.Select(Cell))).Append("\r\n");
        foreach (var row in rows)
            text.Append(string.Join(';', row.Select(Cell))).Append("\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    private static string Cell(string value)
    {
        var safe = CsvCell.Neutralised(value);
        return safe.IndexOfAny([';', '"', '\r', '\n']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }
}
