using System.Collections.Immutable;
using System.CommandLine;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary><c>doorstroom monitor</c>: the real DUO aggregates and the transition indicators, with DUO's suppression.</summary>
internal static class MonitorCommand
{
    private static readonly ImmutableArray<string> RealKinds = ["exam-candidates", "pupils"];

    internal static Command Create()
    {
        var indicator = new Argument<string>("indicator") { Description = "exam-candidates or pupils (real DUO aggregates), or a transition indicator (see 'monitor list')" };
        var by = new Option<string?>("--by") { Description = "Dimensions to break down by, comma-separated (e.g. leerweg,sector)" };
        var year = new Option<int?>("--year") { Description = "School year of the real aggregates, by its first calendar year (2016 = 2016-2017)" };
        var type = new Option<string>("--onderwijstype") { Description = "exam-candidates: vmbo, havo, vwo or all", DefaultValueFactory = _ => "vmbo" };
        var format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
        var db = StoreCommands.DbOption();
        var cmd = new Command("monitor", "Indicators per route, cohort, school, institution, leerweg and sector, and the real DUO aggregates; counts under 5 shown as <5, rates on fewer than 10 suppressed.")
        {
            indicator, by, year, type, format, db,
        };
        cmd.SetAction(parse =>
        {
            var f = parse.GetValue(format)!;
            if (f is not ("table" or "csv" or "json")) throw new BadInputException($"--format: '{f}' is not a format; expected table, csv or json");
            var name = parse.GetValue(indicator)!;
            var dims = Split(parse.GetValue(by));
            var database = StoreCommands.OpenStore(parse, db);
            var output = name switch
            {
                "exam-candidates" => Exams(database, parse.GetValue(year), parse.GetValue(type)!, dims.IsEmpty ? ["leerweg"] : dims),
                "pupils" => Pupils(database, parse.GetValue(year), dims.IsEmpty ? ["leerweg", "leerjaar"] : dims),
                _ => throw new BadInputException($"monitor: '{name}' is not an indicator; expected one of {string.Join(", ", RealKinds)}"),
            };
            output.Write(f);
            return ExitCodes.Done;
        });
        return cmd;
    }

    private static ImmutableArray<string> Split(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant())];

    private static MonitorOutput Exams(Database database, int? year, string type, ImmutableArray<string> by)
    {
        if (type is not ("vmbo" or "havo" or "vwo" or "all")) throw new BadInputException($"--onderwijstype: '{type}' is not one; expected vmbo, havo, vwo or all");
        var table = Real(() => RealAggregates.ExamCandidates(database, year, type, by), "--by");
        if (table.Rows.IsEmpty) throw new BadInputException($"monitor exam-candidates: no exam records{(year is { } y ? $" for {y}-{y + 1}" : "")} in {database.Description} (import them: doorstroom import vo-examens)");
        var suppressed = table.Rows.Sum(r => r.SuppressedCells);
        return new MonitorOutput("exam-candidates",
            [new("source", table.Source), new("year", year is { } yy ? $"{yy}-{yy + 1}" : "all"), new("onderwijstype", type), new("by", string.Join(",", by))],
            [.. by, "candidates", "passed", "pass_rate", "suppressed_cells"],
            [.. table.Rows.Select(r => (ImmutableArray<object?>)[.. r.Keys, MonitorOutput.Count(r.Count), MonitorOutput.Count(r.Passed ?? 0),
                MonitorOutput.Rate(r.Passed ?? 0, r.PassedOf ?? 0), r.SuppressedCells])],
            [MonitorOutput.SuppressionNote,
             .. suppressed > 0 ? [$"{suppressed:N0} published cells were <5 (0 to 4 candidates each): they are not in the candidate counts, and the pass rate is over the cells with both counts published."] : Array.Empty<string>()]);
    }

    private static MonitorOutput Pupils(Database database, int? year, ImmutableArray<string> by)
    {
        var table = Real(() => RealAggregates.Pupils(database, year, by), "--by");
        if (table.Rows.IsEmpty) throw new BadInputException($"monitor pupils: no pupil counts{(year is { } y ? $" for {y}-{y + 1}" : "")} in {database.Description} (import them: doorstroom import vo-leerlingen)");
        return new MonitorOutput("pupils",
            [new("source", table.Source), new("year", year is { } yy ? $"{yy}-{yy + 1}" : "all"), new("by", string.Join(",", by))],
            [.. by, "pupils"],
            [.. table.Rows.Select(r => (ImmutableArray<object?>)[.. r.Keys, MonitorOutput.Count(r.Count)])],
            [MonitorOutput.SuppressionNote]);
    }

    private static AggregateTable Real(Func<AggregateTable> query, string option)
    {
        try
        {
            return query();
        }
        catch (ArgumentException e) when (e.ParamName == "by")
        {
            throw new BadInputException($"{option}: {e.Message[..e.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]}");
        }
    }

}
