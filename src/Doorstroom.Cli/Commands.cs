using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Cli;

internal static class Commands
{
    private static readonly Option<string?> CatalogueOption = new("--catalogue")
    {
        Description = "Catalogue version folder (default: the newest shipped with " + "doorstroom)",
        Recursive = true,
    };
    private static readonly Option<string?> DataOption = new("--data")
    {
        Description = $"Folder with the real public data (default: " + $"${DataPaths.DataVariable} or ../shared/data/real)",
        Recursive = true,
    };

    private static Option<string> FormatOption() => new("--format") { Description = "table (for people) or json", DefaultValueFactory = _ => "table" };

    public static RootCommand Root()
    {
        var root = new RootCommand(
            "Doorstroom: learning routes from vmbo to mbo (and on to hbo) — which are open to a pupil, why not the others, and how "
                + "long each pathway takes."
        );
        root.Options.Add(CatalogueOption);
        root.Options.Add(DataOption);
        root.Subcommands.Add(RoutesCommand());
        root.Subcommands.Add(RouteCommand());
        root.Subcommands.Add(PlanCommand());
        root.Subcommands.Add(AdmissionCommand());
        root.Subcommands.Add(CatalogueCommand());
        root.Subcommands.Add(StoreCommands.Import(DataOption));
        root.Subcommands.Add(StoreCommands.Export());
        root.Subcommands.Add(Simulate.Command(DataOption, parse => LoadCatalogue(parse)));
        root.Subcommands.Add(StoreCommands.Stats());
        root.Subcommands.Add(EventCommands.Create());
        DossierCommands.AddTo(root.Subcommands);
        AccountCommands.AddTo(root.Subcommands);
        root.Subcommands.Add(MonitorCommand.Create(parse => LoadCatalogue(parse)));
        root.Subcommands.Add(ReportCommand.Create(parse => LoadCatalogue(parse)));
        root.Subcommands.Add(ConnectionCommands.Create());
        return root;
    }

    internal static RouteCatalogue LoadCatalogue(ParseResult parse, bool withCrebos = false) => Load(parse, withCrebos).Catalogue!;

    /// <summary>Loads and checks the catalogue once; bad catalogue is bad input (exit 2).</summary>
    private static CatalogueLoad Load(ParseResult parse, bool withCrebos = false)
    {
        var dir = parse.GetValue(CatalogueOption) ?? DataPaths.DefaultCatalogue();
        IReadOnlySet<string>? crebos = null;
        if (withCrebos)
        {
            var q = QualificationLoader.Load(DataPaths.Qualifications(DataDir(parse)));
            if (q.Ok)
                crebos = q.Qualifications.Select(x => x.Crebo).ToHashSet();
        }
        var load = CatalogueLoader.Load(dir, crebos);
        if (!load.Ok)
            throw new BadInputException($"catalogue {dir} is not valid: {load.Problems[0]} (run 'doorstroom catalogue validate' for all problems)");
        return load;
    }

    private static string? DataDir(ParseResult parse) => parse.GetValue(DataOption);

    private static string Format(ParseResult parse, Option<string> option)
    {
        var f = parse.GetValue(option)!;
        return f is "table" or "json" ? f : throw new BadInputException($"--format: '{f}' is not a format; expected table or json");
    }

    private static DateOnly ParseDate(string? text, string option, DateOnly fallback)
    {
        if (text is null)
            return fallback;
        return PlanJson.TryIso(text, out var d) ? d : throw new BadInputException($"{option}: '{text}' is not a date; expected YYYY-MM-DD (e.g. 2011-12-31)");
    }

    private static Command RoutesCommand()
    {
        var on = new Option<string?>("--on") { Description = "Date (YYYY-MM-DD) to check whether each route takes pupils in; default today" };
        var format = FormatOption();
        var cmd = new Command("routes", "Every route: what it aims for, who may enter, how long it takes, and whether it is in force on the " + "date.")
        {
            on,
            format,
        };
        cmd.SetAction(parse =>
        {
            var f = Format(parse, format);
            var date = ParseDate(parse.GetValue(on), "--on", DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date));
            var catalogue = LoadCatalogue(parse);
            if (f == "json")
                AnswerWriter.RoutesJson(catalogue, date);
            else
                AnswerWriter.RoutesTable(catalogue, date);
            return ExitCodes.Done;
        });
        return cmd;
    }

    private static Command RouteCommand()
    {
        var id = new Argument<string>("id") { Description = "Route id, e.g. vm2 or vakmanschapsroute" };
        var format = FormatOption();
        var cmd = new Command("route", "One route in full, with its rules and sources.") { id, format };
        cmd.SetAction(parse =>
        {
            var f = Format(parse, format);
            var load = Load(parse);
            var catalogue = load.Catalogue!;
            var routeId = parse.GetValue(id)!;
            var route = catalogue.FindRoute(routeId)
                ?? throw new BadInputException($"route '{routeId}' does not exist; expected one of " + $"{string.Join(", ", RouteCatalogue.RouteIds)}");
            var sources = load.Sources;
            if (f == "json")
                AnswerWriter.RouteJson(catalogue, route, sources);
            else
                AnswerWriter.RouteTable(catalogue, route, sources);
            return ExitCodes.Done;
        });
        return cmd;
    }

    private static Command PlanCommand()
    {
        var pupil = new Option<string?>("--pupil") { Description = "Pupil JSON file, or - for standard input" };
        var batch = new Option<string?>("--batch") { Description = "JSON Lines file: one pupil per line in, one plan per line out" };
        var format = FormatOption();
        var flags = new PupilFlags();
        var cmd = new Command("plan", "Which routes are open to this pupil on the date, why not the others, and every pathway to the goal with " + "dates.")
        {
            pupil,
            batch,
            format,
        };
        flags.AddTo(cmd);
        cmd.SetAction(parse =>
        {
            var catalogue = LoadCatalogue(parse);
            var planner = new Planner(catalogue);
            if (parse.GetValue(batch) is { } batchFile)
            {
                return Batch(planner, batchFile);
            }
            var f = Format(parse, format);
            var situation = parse.GetValue(pupil) is { } file ? ReadPupil(file) : flags.Situation(parse);
            var plan = planner.Plan(situation);
            if (f == "json")
                Std.Out.WriteLine(PlanJson.Write(plan));
            else
                AnswerWriter.PlanTable(catalogue, plan);
            return ExitCodes.Done;
        });
        return cmd;
    }

    internal static Situation ReadPupil(string file)
    {
        byte[] bytes;
        string name;
        if (file == "-")
        {
            using var stdin = Std.OpenStandardInput();
            using var ms = new MemoryStream();
            stdin.CopyTo(ms);
            bytes = ms.ToArray();
            name = "stdin";
        }
        else
        {
            if (!File.Exists(file))
                throw new BadInputException($"--pupil: file '{file}' not found");
            bytes = File.ReadAllBytes(file);
            name = Path.GetFileName(file);
        }
        var parsed = PupilJson.Parse(bytes, name);
        return parsed.Situation ?? throw new BadInputException(parsed.Problem!.ToString());
    }

    /// <summary>One pupil per input line, one plan per output line. A bad line stops the run with its line number (exit 2).</summary>
    private static int Batch(Planner planner, string file)
    {
        if (!File.Exists(file))
            throw new BadInputException($"--batch: file '{file}' not found");
        var name = Path.GetFileName(file);
        using var output = Std.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(output, PlanJson.Options(indented: false));
        var lineNo = 0;
        foreach (var line in File.ReadLines(file, Encoding.UTF8))
        {
            lineNo++;
            if (string.IsNullOrWhiteSpace(line))
                continue;
            var parsed = PupilJson.Parse(Encoding.UTF8.GetBytes(line), name, lineNo - 1);
            if (parsed.Situation is null)
            {
                writer.Flush();
                throw new BadInputException(parsed.Problem!.ToString());
            }
            PlanJson.Write(writer, planner.Plan(parsed.Situation));
            writer.Flush();
            output.WriteByte((byte)'\n');
            writer.Reset();
        }
        return ExitCodes.Done;
    }

    private static Command AdmissionCommand()
    {
        var pupil = new Option<string>("--pupil") { Description = "Pupil JSON file, or - for standard input", Required = true };
        var crebo = new Option<string>("--crebo") { Description = "Crebo code of the qualification (kwalificatiestructuur 2015)", Required = true };
        var leerweg = new Option<string?>("--leerweg") { Description = "bol or bbl (default: the pupil's mboLeerweg, else unspecified)" };
        var format = FormatOption();
        var cmd = new Command("admission", "Admission of this pupil to one real mbo qualification, with reasons.") { pupil, crebo, leerweg, format };
        cmd.SetAction(parse =>
        {
            var f = Format(parse, format);
            var catalogue = LoadCatalogue(parse);
            var path = DataPaths.Qualifications(DataDir(parse));
            var qualifications = QualificationLoader.Load(path);
            if (!qualifications.Ok)
                throw new BadInputException(
                    $"kwalificatiestructuur: {qualifications.Problems[0]} (set --data or " + $"${DataPaths.DataVariable} to the real data folder)"
                );
            var code = parse.GetValue(crebo)!.Trim();
            var q = qualifications.Find(code)
                ?? throw new BadInputException(
                    $"--crebo: '{code}' is not a qualification in the kwalificatiestructuur 2015 " + $"({qualifications.Qualifications.Length} qualifications)"
                );
            var situation = ReadPupil(parse.GetValue(pupil)!);
            Leerweg? lw = parse.GetValue(leerweg) switch
            {
                null => situation.MboLeerweg,
                var text when JsonSpelling.TryMboLeerweg(text, out var mbo) => mbo,
                var other => throw new BadInputException($"--leerweg: '{other}' is not an mbo leerweg; expected bol or bbl"),
            };
            catalogue.Domains.TryGetValue(q.Domain, out var direction);
            var result = Admission.Decide(catalogue, situation, ProgrammeRequest.For(q, direction, lw));
            if (f == "json")
            {
                using var output = Std.OpenStandardOutput();
                using (var w = new Utf8JsonWriter(output, PlanJson.Options(indented: true)))
                    PlanJson.Admission(w, q, result);
                output.WriteByte((byte)'\n');
            }
            else
                AnswerWriter.AdmissionTable(q, direction, result);
            return ExitCodes.Done;
        });
        return cmd;
    }

    private static Command CatalogueCommand()
    {
        var validate = new Command(
            "validate",
            "Check the catalogue against its JSON Schemas and its own rules (ids, windows, rule and source references, " + "crebos)."
        );
        validate.SetAction(parse =>
        {
            var dir = parse.GetValue(CatalogueOption) ?? DataPaths.DefaultCatalogue();
            var qpath = DataPaths.Qualifications(DataDir(parse));
            var qualifications = QualificationLoader.Load(qpath);
            HashSet<string>? crebos = qualifications.Ok ? qualifications.Qualifications.Select(x => x.Crebo).ToHashSet() : null;
            var load = CatalogueLoader.Load(dir, crebos);
            if (!load.Ok)
            {
                foreach (var p in load.Problems)
                    Std.Error.WriteLine(p);
                Std.Error.WriteLine($"catalogue {dir}: {load.Problems.Length} problem(s)");
                return ExitCodes.BadInput;
            }
            var c = load.Catalogue!;
            Std.Out.WriteLine(
                $"catalogue {c.Version} ({dir}): valid — {c.Routes.Length} routes, {c.Rules.Count} rules, {load.Sources.Length} sources, "
                    + $"{c.Reasons.Count} reason texts, {c.Regimes.Length} regimes"
            );
            Std.Out.WriteLine(
                crebos is null
                    ? $"example crebos not checked: kwalificatiestructuur not found at {qpath}"
                    : $"example crebos checked against {crebos.Count} qualifications of the kwalificatiestructuur 2015"
            );
            return ExitCodes.Done;
        });
        var cmd = new Command("catalogue", "Work with the route catalogue.");
        cmd.Subcommands.Add(validate);
        return cmd;
    }
}

/// <summary>The pupil as flags, for a person at a terminal; turned into the pupil JSON so the checks are the contract's.</summary>
internal sealed class PupilFlags
{
    private readonly Option<string?> on = new("--on") { Description = "Date of the question (YYYY-MM-DD); default today" };
    private readonly Option<string?> school = new("--school") { Description = "none, praktijkonderwijs, vmbo, havo, vwo, mbo (default vmbo)" };
    private readonly Option<string?> leerweg = new("--leerweg") { Description = "bb, kb, gl, tl (vmbo) or bol, bbl (mbo)" };
    private readonly Option<int?> leerjaar = new("--leerjaar") { Description = "Leerjaar (vmbo 1–4)" };
    private readonly Option<int?> niveau = new("--niveau") { Description = "mbo niveau 1–4" };
    private readonly Option<string?> sector = new("--sector")
    {
        Description = "groen (landbouw), techniek, zorg-en-welzijn, economie, or a 2016 profiel " + "(bwi, pie, mt, mvi, mat, zw, eo, hbr, dp)",
    };
    private readonly Option<string?> goal = new("--goal") { Description = "startkwalificatie, mbo-1 … mbo-4, havo, hbo" };
    private readonly Option<string?> wants = new("--wants-sector") { Description = "Sector the pupil wants to continue in" };
    private readonly Option<string?> mboLeerweg = new("--mbo-leerweg") { Description = "bol or bbl" };
    private readonly Option<string?> birth = new("--birth-date") { Description = "Birth date (YYYY-MM-DD)" };
    private readonly Option<string?> applied = new("--applied-on") { Description = "Date of application to the mbo programme (YYYY-MM-DD)" };
    private readonly Option<bool?> sure = new("--sure") { Description = "Sure of the choice (the article's 'donkergroen')" };
    private readonly Option<bool?> atRisk = new("--at-risk") { Description = "At risk of no vmbo diploma" };
    private readonly Option<string[]> diplomas = new("--diploma")
    {
        Description = "A diploma held, as kind[:year[:sector]] (repeatable), e.g. " + "vmbo-bb:2013:groen",
        AllowMultipleArgumentsPerToken = false,
    };

    public void AddTo(Command cmd)
    {
        foreach (var o in new Option[] { on, school, leerweg, leerjaar, niveau, sector, goal, wants, mboLeerweg, birth, applied, sure, atRisk, diplomas })
            cmd.Options.Add(o);
    }

    public Situation Situation(ParseResult parse)
    {
        var o = new JsonObject
        {
            ["on"] = parse.GetValue(on) ?? PlanJson.Iso(DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date)),
            ["school"] = parse.GetValue(school) ?? "vmbo",
        };
        void Set(string name, JsonNode? value)
        {
            if (value is not null)
                o[name] = value;
        }
        Set("leerweg", parse.GetValue(leerweg));
        Set("leerjaar", parse.GetValue(leerjaar));
        Set("niveau", parse.GetValue(niveau));
        Set("sector", parse.GetValue(sector));
        Set("goal", parse.GetValue(goal));
        Set("wantsSector", parse.GetValue(wants));
        Set("mboLeerweg", parse.GetValue(mboLeerweg));
        Set("birthDate", parse.GetValue(birth));
        Set("appliedOn", parse.GetValue(applied));
        Set("sureOfChoice", parse.GetValue(sure));
        Set("atRiskOfNoDiploma", parse.GetValue(atRisk));
        var ds = parse.GetValue(diplomas) ?? [];
        if (ds.Length > 0)
        {
            var array = new JsonArray();
            foreach (var d in ds)
            {
                var parts = d.Split(':');
                var item = new JsonObject { ["kind"] = parts[0] };
                if (parts.Length > 1)
                {
                    item["year"] = int.TryParse(parts[1], out var y) ? y : throw new BadInputException($"--diploma: '{parts[1]}' in '{d}' is not a year");
                }
                if (parts.Length > 2)
                    item["sector"] = parts[2];
                array.Add(item);
            }
            o["diplomas"] = array;
        }
        var parsed = PupilJson.Parse(Encoding.UTF8.GetBytes(o.ToJsonString()), "flags");
        if (parsed.Situation is null)
            throw new BadInputException("--" + Kebab(parsed.Problem!.Field) + ": " + parsed.Problem.Message);
        return parsed.Situation;
    }

    private static string Kebab(string field) =>
        field switch
        {
            "wantsSector" => "wants-sector",
            "mboLeerweg" => "mbo-leerweg",
            "birthDate" => "birth-date",
            "appliedOn" => "applied-on",
            "sureOfChoice" => "sure",
            "atRiskOfNoDiploma" => "at-risk",
            var f when f.StartsWith("diplomas", StringComparison.Ordinal) => "diploma",
            var f => f,
        };
}
