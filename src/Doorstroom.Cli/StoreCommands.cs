using System.CommandLine;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Storage;
using Spectre.Console;

namespace Doorstroom.Cli;

/// <summary>The commands that read or write the store: import, stats.</summary>
internal static class StoreCommands
{
    internal static Option<string?> DbOption() =>
        new("--db")
        {
            Description =
                $"The store: a SQLite file, or a PostgreSQL connection string (Host=…;Database=…) (default: ${Database.Variable} or "
                + $"{Database.DefaultFile})",
        };

    internal static Database OpenStore(ParseResult parse, Option<string?> db)
    {
        var target = parse.GetValue(db);
        try
        {
            var database = Database.Open(target);
            Terminal.Current.OpenedStore = database.Description;
            return database;
        }
        catch (ArgumentException e)
        {
            throw new BadInputException($"--db: not a SQLite file path or PostgreSQL connection string ({e.Message})");
        }
    }

    internal static Command Import(Option<string?> dataOption)
    {
        var kinds = string.Join(", ", Importers.All.Select(i => i.Kind));
        var kind = new Argument<string>("kind") { Description = $"What the file holds: {kinds}; or 'all' for every real file under --data" };
        var files = new Argument<string[]>("file") { Description = "The file(s); default: this kind's files under --data", Arity = ArgumentArity.ZeroOrMore };
        var db = DbOption();
        var force = new Option<bool>("--force")
        {
            Description = "Import even when the journal says these exact bytes were imported before (rows are " + "upserted; unchanged rows change nothing)",
        };
        var cmd = new Command(
            "import",
            "Import a public data file or an event file into the store: all of it in one transaction, or nothing with the "
                + "problems (file:line: column: what was expected)."
        )
        {
            kind,
            files,
            db,
            force,
        };
        cmd.SetAction(
            (parse, cancellationToken) =>
            {
                var database = OpenStore(parse, db);
                var dataDir = parse.GetValue(dataOption) ?? DataPaths.RealData();
                var name = parse.GetValue(kind)!;
                var given = parse.GetValue(files) ?? [];
                List<(Importer Importer, string File)> work;
                if (string.Equals(name, "all", StringComparison.OrdinalIgnoreCase))
                {
                    if (given.Length > 0)
                        throw new BadInputException("import all: takes no file; it imports every real file under --data");
                    work = [.. Importers.All.SelectMany(i => i.DefaultFiles.Select(f => (i, Path.Combine(dataDir, f))))];
                }
                else
                {
                    var importer = Importers.Find(name)
                        ?? throw new BadInputException($"import: '{name}' is not a kind of file; expected one of {kinds}, or all");
                    if (given.Length == 0 && importer.DefaultFiles.IsEmpty)
                        throw new BadInputException($"import {importer.Kind}: give the file to import");
                    work =
                        given.Length > 0 ? [.. given.Select(f => (importer, f))] : [.. importer.DefaultFiles.Select(f => (importer, Path.Combine(dataDir, f)))];
                }

                foreach (var (_, file) in work.Where(w => Directory.Exists(w.File)))
                    throw new BadInputException($"{file}: is a folder, not a file");
                foreach (var (_, file) in work.Where(w => !File.Exists(w.File)))
                    throw new BadInputException(
                        $"{file}: file not "
                            + $"found{(given.Length == 0 ? $" (the real data folder is {dataDir}; set --data or ${DataPaths.DataVariable})" : "")}"
                    );

                Std.Out.WriteLine($"store: {database.Description}");
                foreach (var (importer, file) in work)
                {
                    var outcome = WithProgress(importer.Kind, Path.GetFileName(file), progress =>
                        importer.Run(database, file, TimeProvider.System, progress, parse.GetValue(force), cancellationToken)
                    );
                    Report(outcome);
                }

                return Task.FromResult(ExitCodes.Done);
            }
        );
        return cmd;
    }

    private static void Report(ImportOutcome outcome)
    {
        switch (outcome)
        {
            case Imported i:
                Std.Out.WriteLine($"{i.Kind} {i.File}: {i.Records:N0} records, {i.Stored:N0} rows stored, {i.Changed:N0} changed");
                foreach (var note in i.Notes)
                    Std.Out.WriteLine($"  {note}");
                break;
            case AlreadyImported a:
                Std.Out.WriteLine($"{a.Kind} {a.File}: already imported on {a.On} ({a.Records:N0} records); nothing changed (use --force to import again)");
                break;
            case Refused r:
                const int shown = 20;
                var more = r.Problems.Length > shown ? $"\n  … and {r.Problems.Length - shown} more" : "";
                throw new BadInputException(
                    $"{r.Kind} {r.File} refused, nothing stored: {r.Problems[0]}"
                        + string.Concat(r.Problems.Skip(1).Take(shown - 1).Select(p => "\n  " + p))
                        + more
                );
        }
    }

    /// <summary>A progress bar on a terminal; on a pipe, a plain line per stage and every tenth of the way.</summary>
    internal static T WithProgress<T>(string kind, string file, Func<IProgress<ImportProgress>, T> run)
    {
        if (!Std.IsOutputRedirected && Std.Ansi.Profile.Capabilities.Interactive)
        {
            T? outcome = default;
            Std.Ansi.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(context =>
                {
                    var task = context.AddTask($"{kind} {Markup.Escape(file)}", maxValue: 1);
                    outcome = run(
                        new Progress(p =>
                        {
                            task.Description = $"{kind} {Markup.Escape(file)}: {p.Stage}";
                            if (p.Total is { } total and > 0)
                            {
                                task.MaxValue = total;
                                task.Value = p.Done;
                            }
                        })
                    );
                    task.Value = task.MaxValue;
                });
            return outcome!;
        }

        var lastStage = "";
        var lastTenth = -1L;
        return run(
            new Progress(p =>
            {
                // A known total: a line every tenth of the way; a stream of unknown length: a line every 100,000.
                var tenth = p.Total is { } t and > 0 ? p.Done * 10 / t : p.Done / 100_000;
                if (p.Stage == lastStage && tenth == lastTenth)
                    return;
                lastStage = p.Stage;
                lastTenth = tenth;
                Std.Error.WriteLine(
                    p switch
                    {
                        { Total: { } total } => $"{kind} {file}: {p.Stage} {p.Done:N0}/{total:N0}",
                        { Done: 0 } => $"{kind} {file}: {p.Stage}",
                        _ => $"{kind} {file}: {p.Stage} {p.Done:N0}",
                    }
                );
            })
        );
    }

    /// <summary>Reports synchronously on the caller's thread (System.Progress would post to the thread pool).</summary>
    private sealed class Progress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }

    internal static Command Export()
    {
        var file = new Argument<string>("file") { Description = "Where to write: FILE.jsonl (JSON Lines) or FILE.csv (';'), or '-' for JSON Lines on stdout" };
        var db = DbOption();
        var format = new Option<string?>("--format") { Description = "jsonl or csv (default: from the file name)" };
        var cmd = new Command(
            "export",
            "Write every event with its pupil's attributes in an open format (docs/events.md); importing the file again is " + "lossless."
        )
        {
            file,
            db,
            format,
        };
        cmd.SetAction(
            (parse, cancellationToken) =>
            {
                var target = parse.GetValue(file)!;
                var chosen = parse.GetValue(format) switch
                {
                    null => target == "-"
                        ? EventFormat.JsonLines
                        : EventColumns.FormatOf(target)
                            ?? throw new BadInputException($"export: '{target}' does not end in .jsonl or .csv; give --format jsonl|csv"),
                    "jsonl" => EventFormat.JsonLines,
                    "csv" => EventFormat.Csv,
                    var f => throw new BadInputException($"--format: '{f}' is not an event format; expected jsonl or csv"),
                };
                var database = OpenStore(parse, db);
                using var output = target == "-" ? Std.OpenStandardOutput() : File.Create(target);
                var skipped = new SkippedRows();
                var events = new EventStore(database).ReadAll(skipped, cancellationToken);
                var written = chosen == EventFormat.Csv ? EventExport.WriteCsv(events, output) : EventExport.WriteJsonLines(events, output);
                if (skipped.Note() is { } note)
                    Std.Error.WriteLine("doorstroom: warning: " + note);
                if (target != "-")
                    Std.Out.WriteLine($"{written:N0} events written to {target}");
                return Task.FromResult(ExitCodes.Done);
            }
        );
        return cmd;
    }

    internal static Command Stats()
    {
        var db = DbOption();
        var format = new Option<string>("--format") { Description = "table (for people) or json", DefaultValueFactory = _ => "table" };
        var cmd = new Command("stats", "Counts per kind of record and event in the store, and the files imported.") { db, format };
        cmd.SetAction(parse =>
        {
            var f = parse.GetValue(format);
            if (f is not ("table" or "json"))
                throw new BadInputException($"--format: '{f}' is not a format; expected table or json");
            var stats = StoreStats.Read(OpenStore(parse, db));
            if (f == "json")
                WriteJson(stats);
            else
                WriteTable(stats);
            return ExitCodes.Done;
        });
        return cmd;
    }

    private static void WriteTable(StoreStats stats)
    {
        Std.Ansi.MarkupLine($"[bold]{Markup.Escape(stats.Store)}[/] (schema version {stats.SchemaVersion})");
        var records = new Table().AddColumn("records").AddColumn(new TableColumn("count").RightAligned());
        foreach (var r in stats.Records)
            records.AddRow(StoreStats.NameOf(r.Name), r.Count.ToString("N0"));
        records.AddRow("pupils", stats.Pupils.ToString("N0"));
        records.AddRow("  of whom synthetic (simulated)", stats.SyntheticPupils.ToString("N0"));
        records.AddRow("  with personal details (kept apart)", stats.PupilsWithPersonalDetails.ToString("N0"));
        Std.Ansi.Write(records);
        var events = new Table().AddColumn("events").AddColumn(new TableColumn("count").RightAligned());
        foreach (var e in stats.Events)
            events.AddRow(e.Name, e.Count.ToString("N0"));
        events.AddRow("[bold]all events[/]", $"[bold]{stats.EventTotal:N0}[/]");
        Std.Ansi.Write(events);
        if (stats.Imports.IsEmpty)
            return;
        var imports = new Table().AddColumn("imported").AddColumn("kind").AddColumn("file").AddColumn(new TableColumn("records").RightAligned());
        foreach (var i in stats.Imports)
            imports.AddRow(i.ImportedAt, i.Kind, Markup.Escape(i.FileName), i.Records.ToString("N0"));
        Std.Ansi.Write(imports);
    }

    private static void WriteJson(StoreStats stats)
    {
        using var stdout = Std.OpenStandardOutput();
        using var w = new Utf8JsonWriter(stdout, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("store", stats.Store);
        w.WriteNumber("schema_version", stats.SchemaVersion);
        w.WriteStartObject("records");
        foreach (var r in stats.Records)
            w.WriteNumber(r.Name, r.Count);
        w.WriteEndObject();
        w.WriteStartObject("pupils");
        w.WriteNumber("total", stats.Pupils);
        w.WriteNumber("synthetic", stats.SyntheticPupils);
        w.WriteNumber("with_personal_details", stats.PupilsWithPersonalDetails);
        w.WriteEndObject();
        w.WriteStartObject("events");
        foreach (var e in stats.Events)
            w.WriteNumber(e.Name, e.Count);
        w.WriteNumber("total", stats.EventTotal);
        w.WriteEndObject();
        w.WriteStartArray("imports");
        foreach (var i in stats.Imports)
        {
            w.WriteStartObject();
            w.WriteString("kind", i.Kind);
            w.WriteString("file", i.FileName);
            w.WriteNumber("records", i.Records);
            w.WriteNumber("stored", i.Stored);
            w.WriteString("imported_at", i.ImportedAt);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stdout.WriteByte((byte)'\n');
    }
}
