using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Doorstroom.Domain;
using Json.Schema;

namespace Doorstroom.Catalogue;

/// <summary>The result of loading a catalogue: the catalogue, or every problem found (never half a catalogue).</summary>
public sealed record CatalogueLoad(RouteCatalogue? Catalogue, ImmutableArray<Problem> Problems, ImmutableArray<Source> Sources)
{
    public bool Ok => Catalogue is not null && Problems.IsEmpty;
}

public sealed record Source(string Key, string Title, string? Url, string? Note);

/// <summary>
/// Reads one catalogue version folder (catalogue.json, rules.json, sources.json, reasons.json, indicators.json, routes/*.json),
/// checks each file against its JSON Schema (../schema/) and then the rules a schema cannot say: ids known and
/// unique, windows that end after they start, every "no" with a rule id, references to existing rules, sources
/// and crebos.
/// </summary>
public static class CatalogueLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    /// <param name="directory">The version folder, e.g. catalogue/2026.1.</param>
    /// <param name="knownCrebos">Crebo codes of the real kwalificatiestructuur, to check example crebos against; null skips that check.</param>
    public static CatalogueLoad Load(string directory, IReadOnlySet<string>? knownCrebos = null)
    {
        var ctx = new Context(directory);
        if (!Directory.Exists(directory))
        {
            return new CatalogueLoad(null, [new Problem(directory, null, "", "catalogue folder not found")], []);
        }
        var schemaDir = Path.Combine(directory, "..", "schema");

        var catalogue = ctx.Read("catalogue.json", schemaDir, "catalogue.schema.json");
        var rules = ctx.Read("rules.json", schemaDir, "rules.schema.json");
        var sources = ctx.Read("sources.json", schemaDir, "sources.schema.json");
        var reasons = ctx.Read("reasons.json", schemaDir, "reasons.schema.json");
        var indicators = ctx.Read("indicators.json", schemaDir, "indicators.schema.json");
        var routeFiles = Directory.Exists(Path.Combine(directory, "routes"))
            ? Directory.GetFiles(Path.Combine(directory, "routes"), "*.json").Order(StringComparer.Ordinal).ToArray()
            : [];
        var routes = routeFiles.Select(f => ctx.Read(Path.Combine("routes", Path.GetFileName(f)), schemaDir, "route.schema.json")).ToArray();

        if (
            ctx.Problems.Count > 0
            || catalogue is null
            || rules is null
            || sources is null
            || reasons is null
            || indicators is null
            || routes.Any(r => r is null)
        )
        {
            return new CatalogueLoad(null, [.. ctx.Problems], []);
        }

        var result = Build(ctx, catalogue, rules, sources, reasons, indicators, routes!, knownCrebos);
        return ctx.Problems.Count > 0 ? new CatalogueLoad(null, [.. ctx.Problems], []) : result;
    }

    /// <summary>The newest version folder under a catalogue root (folders named like 2026.1).</summary>
    public static string? NewestVersion(string catalogueRoot)
    {
        if (!Directory.Exists(catalogueRoot))
            return null;
        return Directory
            .GetDirectories(catalogueRoot)
            .Where(d => Version.TryParse(Path.GetFileName(d), out _))
            .OrderBy(d => Version.Parse(Path.GetFileName(d)))
            .LastOrDefault();
    }

    private sealed class Context(string directory)
    {
        public readonly List<Problem> Problems = [];
        private readonly Dictionary<string, JsonSchema> schemas = [];

        public Doc? Read(string relative, string schemaDir, string schemaName)
        {
            var path = Path.Combine(directory, relative);
            if (!File.Exists(path))
            {
                Problems.Add(new Problem(relative, null, "", "file is missing"));
                return null;
            }
            var bytes = File.ReadAllBytes(path);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(bytes, DocumentOptions);
            }
            catch (JsonException e)
            {
                Problems.Add(new Problem(relative, (int?)e.LineNumber + 1, "", "malformed JSON: " + FirstSentence(e.Message)));
                return null;
            }
            var lines = JsonLines.Map(bytes);
            var doc = new Doc(relative, document.RootElement, lines);
            var schema = Schema(schemaDir, schemaName);
            if (schema is null)
                return null;
            var results = schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
            if (!results.IsValid)
            {
                // A condition node is a oneOf of thirteen shapes, so a valid node still fails twelve branches. Errors
                // found inside a oneOf/anyOf branch are noise unless nothing else explains the failure.
                var direct = new List<Problem>();
                var branch = new List<Problem>();
                foreach (var detail in results.Details ?? [])
                {
                    if (detail.Errors is null)
                        continue;
                    var inBranch =
                        detail.EvaluationPath.ToString().Contains("/oneOf/", StringComparison.Ordinal)
                        || detail.EvaluationPath.ToString().Contains("/anyOf/", StringComparison.Ordinal);
                    foreach (var (keyword, message) in detail.Errors)
                    {
                        var pointer = detail.InstanceLocation.ToString();
                        (inBranch ? branch : direct).Add(
                            new Problem(relative, JsonLines.LineFor(lines, pointer), pointer.Length == 0 ? "/" : pointer, $"schema ({keyword}): {message}")
                        );
                    }
                }
                var chosen = direct.Count > 0 ? direct : branch;
                if (chosen.Count == 0)
                    chosen.Add(new Problem(relative, null, "/", "does not match " + schemaName));
                // Keep the report short: in file order, at most a dozen per file.
                Problems.AddRange(chosen.DistinctBy(p => (p.Field, p.Message)).OrderBy(p => p.Line ?? 0).ThenBy(p => p.Field.Length).Take(12));
                return null;
            }
            return doc;
        }

        private JsonSchema? Schema(string schemaDir, string name)
        {
            if (schemas.TryGetValue(name, out var s))
                return s;
            var path = Path.Combine(schemaDir, name);
            if (!File.Exists(path))
            {
                Problems.Add(new Problem(Path.Combine("..", "schema", name), null, "", "schema file is missing"));
                return null;
            }
            s = JsonSchema.FromText(File.ReadAllText(path), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
            schemas[name] = s;
            return s;
        }

        public void Add(Doc doc, string pointer, string message) =>
            Problems.Add(new Problem(doc.File, JsonLines.LineFor(doc.Lines, pointer), pointer, message));
    }

    private sealed record Doc(string File, JsonElement Root, Dictionary<string, int> Lines);

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static CatalogueLoad Build(
        Context ctx,
        Doc catalogueDoc,
        Doc rulesDoc,
        Doc sourcesDoc,
        Doc reasonsDoc,
        Doc indicatorsDoc,
        Doc[] routeDocs,
        IReadOnlySet<string>? knownCrebos
    )
    {
        var root = catalogueDoc.Root;

        // sources and rules
        var sources = new Dictionary<string, Source>(StringComparer.Ordinal);
        var i = 0;
        foreach (var s in sourcesDoc.Root.GetProperty("sources").EnumerateArray())
        {
            var key = s.GetProperty("key").GetString()!;
            if (!sources.TryAdd(key, new Source(key, s.GetProperty("title").GetString()!, OptString(s, "url"), OptString(s, "note"))))
                ctx.Add(sourcesDoc, $"/sources/{i}/key", $"duplicate source key '{key}'");
            i++;
        }
        var rules = ImmutableDictionary.CreateBuilder<string, Rule>(StringComparer.Ordinal);
        i = 0;
        foreach (var r in rulesDoc.Root.GetProperty("rules").EnumerateArray())
        {
            var id = r.GetProperty("id").GetString()!;
            var from = OptDate(ctx, rulesDoc, r, "from", $"/rules/{i}/from");
            var to = OptDate(ctx, rulesDoc, r, "to", $"/rules/{i}/to");
            if (from is { } f && to is { } t && t < f)
                ctx.Add(rulesDoc, $"/rules/{i}/to", $"rule {id}: the window ends ({t:yyyy-MM-dd}) before it starts " + $"({f:yyyy-MM-dd})");
            var srcs = r.GetProperty("sources").EnumerateArray().Select(x => x.GetString()!).ToImmutableArray();
            var j = 0;
            foreach (var src in srcs)
            {
                if (!sources.ContainsKey(src))
                    ctx.Add(rulesDoc, $"/rules/{i}/sources/{j}", $"rule {id} cites source '{src}', which sources.json does not " + $"list");
                j++;
            }
            var rule = new Rule(
                id,
                r.GetProperty("statement").GetString()!,
                from,
                to,
                srcs,
                JsonSpelling.Confidences[r.GetProperty("confidence").GetString()!]
            );
            if (!rules.TryAdd(id, rule))
                ctx.Add(rulesDoc, $"/rules/{i}/id", $"duplicate rule id '{id}'");
            i++;
        }
        var ruleIds = rules.ToImmutable();
        void RuleRef(Doc doc, string pointer, string id)
        {
            if (!ruleIds.ContainsKey(id))
                ctx.Add(doc, pointer, $"rule '{id}' is not in rules.json");
        }

        // reasons
        var reasons = ImmutableDictionary.CreateBuilder<string, ReasonTemplate>(StringComparer.Ordinal);
        foreach (var p in reasonsDoc.Root.GetProperty("reasons").EnumerateObject())
        {
            var rule = p.Value.GetProperty("rule").GetString()!;
            RuleRef(reasonsDoc, $"/reasons/{p.Name}/rule", rule);
            reasons[p.Name] = new ReasonTemplate(
                p.Name,
                rule,
                p.Value.GetProperty("text").GetString()!,
                JsonSpelling.Confidences[p.Value.GetProperty("confidence").GetString()!]
            );
        }
        foreach (var code in ReasonCodes.Engine)
        {
            if (!reasons.ContainsKey(code))
                ctx.Add(reasonsDoc, "/reasons", $"no text for the engine's reason code '{code}'");
        }

        var definitions = IndicatorDefinitions(ctx, indicatorsDoc);

        // regimes
        var regimes = ImmutableArray.CreateBuilder<Regime>();
        i = 0;
        foreach (var r in root.GetProperty("regimes").EnumerateArray())
        {
            var w = Window(ctx, catalogueDoc, r, $"/regimes/{i}", null);
            regimes.Add(new Regime(r.GetProperty("id").GetString()!, w.From, w.To, r.GetProperty("summary").GetString()!));
            i++;
        }
        foreach (var dup in regimes.GroupBy(r => r.Id).Where(g => g.Count() > 1))
            ctx.Add(catalogueDoc, "/regimes", $"duplicate regime id '{dup.Key}'");

        // durations
        var durationsEl = root.GetProperty("durations");
        var durations = ImmutableArray.CreateBuilder<DurationEra>();
        i = 0;
        foreach (var e in durationsEl.GetProperty("eras").EnumerateArray())
        {
            var pointer = $"/durations/eras/{i}";
            var w = Window(ctx, catalogueDoc, e, pointer, e.GetProperty("rule").GetString());
            RuleRef(catalogueDoc, pointer + "/rule", w.Rule);
            var levels = ImmutableDictionary.CreateBuilder<MboLevel, Years>();
            foreach (var l in e.GetProperty("levels").EnumerateObject())
                levels[JsonSpelling.Levels[l.Name]] = YearsOf(ctx, catalogueDoc, l.Value, $"{pointer}/levels/{l.Name}");
            durations.Add(new DurationEra(e.GetProperty("regime").GetString()!, w, levels.ToImmutable()));
            i++;
        }
        CheckContiguous(ctx, catalogueDoc, "/durations/eras", durations.Select(d => d.Window).ToList());
        var havo = Band(ctx, catalogueDoc, durationsEl.GetProperty("havo"), "/durations/havo", RuleRef);
        var hbo = Band(ctx, catalogueDoc, durationsEl.GetProperty("hboBachelor"), "/durations/hboBachelor", RuleRef);

        // admission matrix
        var admission = ImmutableArray.CreateBuilder<AdmissionEra>();
        i = 0;
        foreach (var e in root.GetProperty("admission").EnumerateArray())
        {
            var pointer = $"/admission/{i}";
            var w = Window(ctx, catalogueDoc, e, pointer, e.GetProperty("rule").GetString());
            RuleRef(catalogueDoc, pointer + "/rule", w.Rule);
            var cells = ImmutableDictionary.CreateBuilder<(Prior, MboLevel), MatrixCell>();
            foreach (var row in e.GetProperty("rows").EnumerateObject())
            {
                foreach (var c in row.Value.EnumerateObject())
                {
                    var rule = c.Value.GetProperty("rule").GetString()!;
                    RuleRef(catalogueDoc, $"{pointer}/rows/{row.Name}/{c.Name}/rule", rule);
                    cells[(JsonSpelling.Priors[row.Name], JsonSpelling.Levels[c.Name])] = new MatrixCell(
                        JsonSpelling.Verdicts[c.Value.GetProperty("verdict").GetString()!],
                        rule
                    );
                }
            }
            admission.Add(new AdmissionEra(e.GetProperty("regime").GetString()!, w, cells.ToImmutable()));
            i++;
        }
        CheckContiguous(ctx, catalogueDoc, "/admission", admission.Select(a => a.Window).ToList());

        // nadere vooropleidingseisen
        var requirements = ImmutableArray.CreateBuilder<SubjectRequirement>();
        i = 0;
        foreach (var e in root.GetProperty("subjectRequirements").EnumerateArray())
        {
            var pointer = $"/subjectRequirements/{i}";
            var w = Window(ctx, catalogueDoc, e, pointer, e.GetProperty("rule").GetString());
            RuleRef(catalogueDoc, pointer + "/rule", w.Rule);
            var applies = e.GetProperty("applies")
                .EnumerateArray()
                .SelectMany(a =>
                    a.GetProperty("levels")
                        .EnumerateArray()
                        .Select(l => (JsonSpelling.Diplomas[a.GetProperty("diploma").GetString()!], JsonSpelling.Levels[l.GetString()!]))
                )
                .ToImmutableArray();
            requirements.Add(
                new SubjectRequirement(
                    e.GetProperty("id").GetString()!,
                    w,
                    JsonSpelling.Directions[e.GetProperty("into").GetString()!],
                    [.. e.GetProperty("fromSectors").EnumerateArray().Select(x => JsonSpelling.Sectors[x.GetString()!])],
                    applies,
                    [.. e.GetProperty("anyOfSubjects").EnumerateArray().Select(x => x.GetString()!)],
                    JsonSpelling.Confidences[e.GetProperty("confidence").GetString()!],
                    w.Rule
                )
            );
            i++;
        }

        // domains
        var domains = ImmutableDictionary.CreateBuilder<string, DomainDirection>(StringComparer.Ordinal);
        i = 0;
        foreach (var e in root.GetProperty("domains").EnumerateArray())
        {
            var d = new DomainDirection(
                e.GetProperty("domain").GetString()!,
                JsonSpelling.Directions[e.GetProperty("direction").GetString()!],
                e.GetProperty("green").GetBoolean(),
                JsonSpelling.Confidences[e.GetProperty("confidence").GetString()!]
            );
            if (!domains.TryAdd(d.Domain, d))
                ctx.Add(catalogueDoc, $"/domains/{i}/domain", $"duplicate domain '{d.Domain}'");
            i++;
        }

        // routes
        var routes = new List<Route>();
        foreach (var doc in routeDocs)
        {
            var route = RouteOf(ctx, doc, RuleRef, sources, knownCrebos);
            if (route is null)
                continue;
            if (routes.Any(r => r.Id == route.Id))
                ctx.Add(doc, "/id", $"route '{route.Id}' is defined twice");
            routes.Add(route);
        }
        foreach (var missing in RouteCatalogue.RouteIds.Except(routes.Select(r => r.Id)))
        {
            ctx.Problems.Add(new Problem("routes", null, "", $"route '{missing}' has no file (every one of the 13 route ids needs one)"));
        }
        var ordered = routes.OrderBy(r => RouteCatalogue.RouteIds.IndexOf(r.Id)).ToImmutableArray();

        var catalogue = new RouteCatalogue(
            root.GetProperty("version").GetString()!,
            DateOnly.ParseExact(root.GetProperty("published").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            regimes.ToImmutable(),
            ruleIds,
            ordered,
            admission.ToImmutable(),
            requirements.ToImmutable(),
            durations.ToImmutable(),
            havo,
            hbo,
            domains.ToImmutable(),
            reasons.ToImmutable(),
            definitions
        );
        return new CatalogueLoad(catalogue, [], [.. sources.Values]);
    }

    /// <summary>The monitor's definition texts: one for every indicator the engine computes, none for an unknown one.</summary>
    private static ImmutableArray<IndicatorDefinition> IndicatorDefinitions(Context ctx, Doc doc)
    {
        var found = new Dictionary<Indicator, IndicatorDefinition>();
        foreach (var p in doc.Root.GetProperty("indicators").EnumerateObject())
        {
            if (!JsonSpelling.Indicators.TryGetValue(p.Name, out var indicator))
            {
                ctx.Add(doc, $"/indicators/{p.Name}", $"unknown indicator '{p.Name}'; expected one of {string.Join(", ", JsonSpelling.Indicators.Keys)}");
                continue;
            }
            string Text(string name) => p.Value.GetProperty(name).GetString()!;
            found[indicator] = new IndicatorDefinition(
                indicator,
                Text("id"),
                Text("name"),
                Text("rule"),
                Text("peildatum"),
                Text("population"),
                Text("numerator")
            );
        }
        foreach (var indicator in Enum.GetValues<Indicator>())
        {
            if (found.ContainsKey(indicator))
                continue;
            var name = JsonSpelling.Indicators.FirstOrDefault(n => n.Value == indicator).Key ?? indicator.ToString();
            ctx.Add(doc, "/indicators", $"no definition text for the monitor's indicator '{name}'");
        }
        return [.. Enum.GetValues<Indicator>().Where(found.ContainsKey).Select(i => found[i])];
    }

    private static Route? RouteOf(
        Context ctx,
        Doc doc,
        Action<Doc, string, string> ruleRef,
        Dictionary<string, Source> sources,
        IReadOnlySet<string>? knownCrebos
    )
    {
        var r = doc.Root;
        var id = r.GetProperty("id").GetString()!;
        var expectedFile = Path.Combine("routes", id + ".json");
        if (!string.Equals(doc.File, expectedFile, StringComparison.Ordinal))
            ctx.Add(doc, "/id", $"route '{id}' must live in {expectedFile}");
        if (!RouteCatalogue.RouteIds.Contains(id))
            ctx.Add(doc, "/id", $"unknown route id '{id}'; expected one of " + $"{string.Join(", ", RouteCatalogue.RouteIds)}");

        var intakeEl = r.GetProperty("intake");
        var intake = Window(ctx, doc, intakeEl, "/intake", intakeEl.GetProperty("rule").GetString()) with { EndRule = OptString(intakeEl, "endRule") };
        ruleRef(doc, "/intake/rule", intake.Rule);
        if (intake.EndRule is { } er)
            ruleRef(doc, "/intake/endRule", er);

        var entry = ConditionOf(ctx, doc, r.GetProperty("entry"), "/entry", ruleRef);
        foreach (var leaf in Conditions.UncoveredLeaves(entry))
        {
            ctx.Add(doc, "/entry", $"a '{leaf}' condition has no 'because' above it: every 'no' needs a reason with a rule id");
        }

        var phases = ImmutableArray.CreateBuilder<Phase>();
        var p = 0;
        foreach (var ph in r.GetProperty("phases").EnumerateArray())
        {
            if (ph.TryGetProperty("restOfSchool", out var rest))
            {
                var rule = rest.GetProperty("rule").GetString()!;
                ruleRef(doc, $"/phases/{p}/restOfSchool/rule", rule);
                phases.Add(new RestOfSchool(rule));
            }
            else
            {
                var variants = ImmutableArray.CreateBuilder<Variant>();
                var v = 0;
                foreach (var ve in ph.GetProperty("programme").EnumerateArray())
                {
                    var pointer = $"/phases/{p}/programme/{v}";
                    var rule = ve.GetProperty("rule").GetString()!;
                    ruleRef(doc, pointer + "/rule", rule);
                    Condition? when = ve.TryGetProperty("when", out var w) ? ConditionOf(ctx, doc, w, pointer + "/when", ruleRef) : null;
                    variants.Add(
                        new Variant(
                            when,
                            YearsOf(ctx, doc, ve.GetProperty("years"), pointer + "/years"),
                            [.. ve.GetProperty("diplomas").EnumerateArray().Select(x => JsonSpelling.Diplomas[x.GetString()!])],
                            ve.GetProperty("withVmboDiploma").GetBoolean(),
                            JsonSpelling.Schools[ve.GetProperty("enrolledAt").GetString()!],
                            [.. ve.GetProperty("mboLeerwegen").EnumerateArray().Select(x => JsonSpelling.Leerwegen[x.GetString()!])],
                            rule
                        )
                    );
                    v++;
                }
                phases.Add(new Programme(variants.ToImmutable()));
            }
            p++;
        }

        var caveats = ImmutableArray.CreateBuilder<Caveat>();
        var c = 0;
        foreach (var ce in r.GetProperty("caveats").EnumerateArray())
        {
            var pointer = $"/caveats/{c}";
            var reason = ReasonOf(ce);
            ruleRef(doc, pointer + "/rule", reason.Rule);
            Condition? when = ce.TryGetProperty("when", out var w) ? ConditionOf(ctx, doc, w, pointer + "/when", ruleRef) : null;
            Reason? ifUnknown = null;
            if (ce.TryGetProperty("ifUnknown", out var u))
            {
                ifUnknown = ReasonOf(u);
                ruleRef(doc, pointer + "/ifUnknown/rule", ifUnknown.Rule);
            }
            caveats.Add(new Caveat(when, reason, ifUnknown));
            c++;
        }

        var ruleList = r.GetProperty("rules").EnumerateArray().Select(x => x.GetString()!).ToImmutableArray();
        for (var k = 0; k < ruleList.Length; k++)
            ruleRef(doc, $"/rules/{k}", ruleList[k]);
        var sourceList = r.GetProperty("sources").EnumerateArray().Select(x => x.GetString()!).ToImmutableArray();
        for (var k = 0; k < sourceList.Length; k++)
        {
            if (!sources.ContainsKey(sourceList[k]))
                ctx.Add(doc, $"/sources/{k}", $"source '{sourceList[k]}' is not in sources.json");
        }
        var crebos = r.GetProperty("exampleCrebos").EnumerateArray().Select(x => x.GetString()!).ToImmutableArray();
        if (knownCrebos is not null)
        {
            for (var k = 0; k < crebos.Length; k++)
            {
                if (!knownCrebos.Contains(crebos[k]))
                    ctx.Add(doc, $"/exampleCrebos/{k}", $"crebo '{crebos[k]}' is not in the kwalificatiestructuur (a " + $"dangling crebo)");
            }
        }

        return new Route(
            id,
            r.GetProperty("name").GetString()!,
            r.GetProperty("aims").GetString()!,
            r.GetProperty("whoMayEnter").GetString()!,
            JsonSpelling.EntryPoints[r.GetProperty("entersAt").GetString()!],
            entry,
            intake,
            phases.ToImmutable(),
            r.GetProperty("outcome").GetString()!,
            caveats.ToImmutable(),
            ruleList,
            sourceList,
            crebos
        );
    }

    private static Reason ReasonOf(JsonElement e) =>
        new(
            e.GetProperty("code").GetString()!,
            e.GetProperty("rule").GetString()!,
            e.GetProperty("text").GetString()!,
            e.TryGetProperty("confidence", out var c) ? JsonSpelling.Confidences[c.GetString()!] : Confidence.High
        );

    private static Condition ConditionOf(Context ctx, Doc doc, JsonElement e, string pointer, Action<Doc, string, string> ruleRef)
    {
        Condition inner = null!;
        foreach (var p in e.EnumerateObject())
        {
            var at = pointer + "/" + p.Name;
            switch (p.Name)
            {
                case "because":
                case "value":
                    continue;
                case "school":
                    inner = new SchoolIn([.. p.Value.EnumerateArray().Select(x => JsonSpelling.Schools[x.GetString()!])]);
                    break;
                case "leerweg":
                    inner = new LeerwegIn([.. p.Value.EnumerateArray().Select(x => JsonSpelling.Leerwegen[x.GetString()!])]);
                    break;
                case "sector":
                    inner = new SectorIn([.. p.Value.EnumerateArray().Select(x => JsonSpelling.Sectors[x.GetString()!])]);
                    break;
                case "wantsSector":
                    inner = new WantsSectorIn([.. p.Value.EnumerateArray().Select(x => JsonSpelling.Sectors[x.GetString()!])]);
                    break;
                case "diploma":
                    inner = new HasDiploma([.. p.Value.EnumerateArray().Select(x => JsonSpelling.Diplomas[x.GetString()!])]);
                    break;
                case "leerjaar":
                    var min = p.Value.GetProperty("min").GetInt32();
                    var max = p.Value.GetProperty("max").GetInt32();
                    if (max < min)
                        ctx.Add(doc, at, $"leerjaar range ends ({max}) before it starts ({min})");
                    inner = new LeerjaarIn(min, max);
                    break;
                case "onOrAfter":
                    inner = new OnOrAfter(Date(ctx, doc, p.Value, at));
                    break;
                case "before":
                    inner = new Before(Date(ctx, doc, p.Value, at));
                    break;
                case "ageAtLeast":
                    inner = new AgeAtLeast(p.Value.GetInt32());
                    break;
                case "fact":
                    inner = new FactIs(JsonSpelling.Facts[p.Value.GetString()!], !e.TryGetProperty("value", out var v) || v.GetBoolean());
                    break;
                case "all":
                    inner = new AllOf([.. p.Value.EnumerateArray().Select((c, k) => ConditionOf(ctx, doc, c, $"{at}/{k}", ruleRef))]);
                    break;
                case "any":
                    inner = new AnyOf([.. p.Value.EnumerateArray().Select((c, k) => ConditionOf(ctx, doc, c, $"{at}/{k}", ruleRef))]);
                    break;
                case "not":
                    inner = new Not(ConditionOf(ctx, doc, p.Value, at, ruleRef));
                    break;
            }
        }
        if (e.TryGetProperty("because", out var because))
        {
            var reason = ReasonOf(because);
            ruleRef(doc, pointer + "/because/rule", reason.Rule);
            return new Because(inner, reason);
        }
        return inner;
    }

    private static Window Window(Context ctx, Doc doc, JsonElement e, string pointer, string? rule)
    {
        var from = Date(ctx, doc, e.GetProperty("from"), pointer + "/from");
        var to = OptDate(ctx, doc, e, "to", pointer + "/to");
        if (to is { } t && t < from)
            ctx.Add(doc, pointer + "/to", $"the window ends ({t:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd})");
        return new Window(from, to, rule ?? "");
    }

    private static void CheckContiguous(Context ctx, Doc doc, string pointer, List<Window> windows)
    {
        var sorted = windows.OrderBy(w => w.From).ToList();
        for (var k = 1; k < sorted.Count; k++)
        {
            if (sorted[k - 1].To is not { } end || end.AddDays(1) != sorted[k].From)
            {
                ctx.Add(
                    doc,
                    pointer,
                    $"eras must follow each other without gap or overlap: one ends {sorted[k - 1].To:yyyy-MM-dd}, the next starts "
                        + $"{sorted[k].From:yyyy-MM-dd}"
                );
            }
        }
        if (sorted.Count > 0 && sorted[^1].To is not null)
            ctx.Add(doc, pointer, "the last era must be open-ended (to: null)");
    }

    private static Years YearsOf(Context ctx, Doc doc, JsonElement e, string pointer)
    {
        var y = new Years(e.GetProperty("min").GetInt32(), e.GetProperty("max").GetInt32());
        if (y.Max < y.Min)
            ctx.Add(doc, pointer, $"duration band ends ({y.Max}) below its start ({y.Min})");
        return y;
    }

    private static Years Band(Context ctx, Doc doc, JsonElement e, string pointer, Action<Doc, string, string> ruleRef)
    {
        ruleRef(doc, pointer + "/rule", e.GetProperty("rule").GetString()!);
        return YearsOf(ctx, doc, e.GetProperty("years"), pointer + "/years");
    }

    private static DateOnly Date(Context ctx, Doc doc, JsonElement e, string pointer)
    {
        if (DateOnly.TryParseExact(e.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        ctx.Add(doc, pointer, $"'{e.GetString()}' is not a date (expected YYYY-MM-DD)");
        return DateOnly.MinValue;
    }

    private static DateOnly? OptDate(Context ctx, Doc doc, JsonElement e, string name, string pointer) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? Date(ctx, doc, v, pointer) : null;

    private static string? OptString(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
