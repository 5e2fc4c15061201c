using System.CommandLine;
using Doorstroom.Domain;
using Doorstroom.Report;

namespace Doorstroom.Cli;

/// <summary><c>doorstroom report --out DIR</c>: the monitor as an HTML page with charts (PNG and SVG) a person opens in a browser.</summary>
internal static class ReportCommand
{
    /// <summary>The indicators drawn as trend lines per route, and as bars per mbo institution.</summary>
    private static readonly Indicator[] Trends = [Indicator.DoorstroomVoMbo, Indicator.Switch, Indicator.NieuweVsv, Indicator.Startersresultaat];

    private static readonly Indicator[] PerInstitution = [Indicator.Startersresultaat, Indicator.Jaarresultaat];

    internal static Command Create(Func<ParseResult, RouteCatalogue> catalogue)
    {
        var output = new Option<string>("--out") { Description = "Folder to write index.html and the charts into (made if missing)", Required = true };
        var db = StoreCommands.DbOption();
        var cmd = new Command(
            "report",
            "Write the monitor as an HTML report: every indicator per cohort, trend lines per route, bars per institution, and "
                + "the vmbo → mbo flow diagram (each chart as PNG and SVG)."
        )
        {
            output,
            db,
        };
        cmd.SetAction(
            (parse, cancellationToken) =>
            {
                var database = StoreCommands.OpenStore(parse, db);
                var loaded = catalogue(parse);
                var (cube, context, pupils, synthetic) = MonitorEvents.Compute(database, loaded, cancellationToken);
                var input = new ReportInput(
                    "Doorstroom — monitor van de overgang vmbo → mbo",
                    DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date),
                    MonitorEvents.Data(database.Description, context, pupils, synthetic),
                    synthetic > 0,
                    [.. Enum.GetValues<Indicator>().Select(i => cube.Table(i, [Dimension.Cohort]))],
                    [.. Trends.Select(i => cube.Table(i, [Dimension.Route, Dimension.Cohort]))],
                    [.. PerInstitution.Select(i => cube.Table(i, [Dimension.MboInstelling]))],
                    cube.Table(Indicator.DoorstroomVoMbo, [Dimension.VoVestiging, Dimension.MboInstelling]),
                    loaded.IndicatorDefinitions
                );
                var folder = parse.GetValue(output)!;
                Directory.CreateDirectory(folder);
                var files = HtmlReport.Write(folder, input);
                Std.Out.WriteLine($"report written: {files.Index} ({files.Charts.Length} charts, each as PNG and SVG)");
                if (synthetic > 0)
                    Std.Out.WriteLine("The report says on its first line that its pupils are SYNTHETIC (simulated).");
                return Task.FromResult(ExitCodes.Done);
            }
        );
        return cmd;
    }
}
