using System.Collections.Immutable;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Spectre.Console;

namespace Doorstroom.Cli;

/// <summary>Renders answers for people (Spectre.Console tables) and for programs (the JSON contract).</summary>
internal static class AnswerWriter
{
    private static string E(string s) => Markup.Escape(s);

    private static string Years(Route route)
    {
        var spans = route
            .Phases.OfType<Programme>()
            .SelectMany(p => p.Variants)
            .Select(v =>
                v.Duration.Min == v.Duration.Max
                    ? $"{v.Duration.Min} jr → " + $"{string.Join("+", v.Diplomas.Select(JsonSpelling.Of))}"
                    : $"{v.Duration.Min}–{v.Duration.Max} jr → " + $"{string.Join("+", v.Diplomas.Select(JsonSpelling.Of))}"
            )
            .Distinct()
            .ToList();
        var rest = route.Phases.OfType<RestOfSchool>().Any() ? DutchText.RestOfSchool : null;
        return string.Join("; ", (rest is null ? spans : spans.Prepend(rest)).DefaultIfEmpty("—"));
    }

    private static string Window(Window w) =>
        $"{w.From:yyyy-MM-dd} – " + $"{(w.To is { } t ? t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : "")}";

    public static void RoutesTable(RouteCatalogue catalogue, DateOnly on)
    {
        var table = new Table().Border(TableBorder.Rounded).Title($"Doorstroom — routes op {on:yyyy-MM-dd} (catalogus {catalogue.Version})");
        table.AddColumn("Route").AddColumn("Wat beoogt ze").AddColumn("Wie mag erin").AddColumn("Duur").AddColumn("Instroom");
        foreach (var r in catalogue.Routes)
        {
            var inForce = r.Intake.Contains(on);
            table.AddRow(
                new Markup($"[bold]{E(r.Name)}[/]\n[grey]{E(r.Id)}[/]"),
                new Markup(E(r.Aims)),
                new Markup(E(r.WhoMayEnter)),
                new Markup(E(Years(r))),
                new Markup((inForce ? "[green]van kracht[/]" : "[red]niet van kracht[/]") + $"\n[grey]{E(Window(r.Intake))}[/]")
            );
        }
        Std.Ansi.Write(table);
    }

    public static void RoutesJson(RouteCatalogue catalogue, DateOnly on)
    {
        using var output = Std.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(output, PlanJson.Options(indented: true)))
        {
            w.WriteStartObject();
            w.WriteString("catalogueVersion", catalogue.Version);
            w.WriteString("on", PlanJson.Iso(on));
            w.WriteStartArray("routes");
            foreach (var r in catalogue.Routes)
                RouteObject(w, r, on, null);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        output.WriteByte((byte)'\n');
    }

    private static void RouteObject(Utf8JsonWriter w, Route r, DateOnly? on, ImmutableArray<Source>? sources)
    {
        w.WriteStartObject();
        w.WriteString("id", r.Id);
        w.WriteString("name", r.Name);
        w.WriteString("aims", r.Aims);
        w.WriteString("whoMayEnter", r.WhoMayEnter);
        w.WriteString("duration", Years(r));
        w.WriteString("outcome", r.Outcome);
        w.WriteStartObject("intake");
        w.WriteString("from", PlanJson.Iso(r.Intake.From));
        if (r.Intake.To is { } to)
            w.WriteString("to", PlanJson.Iso(to));
        else
            w.WriteNull("to");
        w.WriteString("rule", r.Intake.Rule);
        w.WriteEndObject();
        if (on is { } d)
            w.WriteBoolean("inForce", r.Intake.Contains(d));
        w.WriteStartArray("rules");
        foreach (var x in r.Rules)
            w.WriteStringValue(x);
        w.WriteEndArray();
        if (sources is { } all)
        {
            w.WriteStartArray("sources");
            foreach (var key in r.Sources)
            {
                var s = all.FirstOrDefault(x => x.Key == key);
                w.WriteStartObject();
                w.WriteString("key", key);
                w.WriteString("title", s?.Title);
                w.WriteString("url", s?.Url);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            PlanJson.Reasons(w, "entryReasons", Conditions.AllReasons(r.Entry));
            PlanJson.Reasons(w, "caveats", r.Caveats.Select(c => c.Reason));
            w.WriteStartArray("exampleCrebos");
            foreach (var c in r.ExampleCrebos)
                w.WriteStringValue(c);
            w.WriteEndArray();
        }
        else
        {
            w.WriteStartArray("sources");
            foreach (var key in r.Sources)
                w.WriteStringValue(key);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    public static void RouteJson(RouteCatalogue catalogue, Route route, ImmutableArray<Source> sources)
    {
        using var output = Std.OpenStandardOutput();
        using (var w = new Utf8JsonWriter(output, PlanJson.Options(indented: true)))
            RouteObject(w, route, null, sources);
        output.WriteByte((byte)'\n');
    }

    public static void RouteTable(RouteCatalogue catalogue, Route route, ImmutableArray<Source> sources)
    {
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        grid.AddRow("[bold]Route[/]", $"{E(route.Name)} [grey]({E(route.Id)})[/]");
        grid.AddRow("[bold]Wat beoogt ze[/]", E(route.Aims));
        grid.AddRow("[bold]Wie mag erin[/]", E(route.WhoMayEnter));
        grid.AddRow("[bold]Duur[/]", E(Years(route)));
        grid.AddRow("[bold]Uitkomst[/]", E(route.Outcome));
        grid.AddRow("[bold]Instroom[/]", E($"{Window(route.Intake)} ({route.Intake.Rule}{(route.Intake.EndRule is { } e ? ", " + e : "")})"));
        Std.Ansi.Write(new Panel(grid).Header($"catalogus {catalogue.Version}").Border(BoxBorder.Rounded));

        var conditions = new Table().Border(TableBorder.Simple).Title("Toelatingsvoorwaarden (waarom niet)");
        conditions.AddColumn("Regel").AddColumn("Code").AddColumn("Tekst");
        foreach (var r in Conditions.AllReasons(route.Entry))
            conditions.AddRow(E(r.Rule), E(r.Code), E(r.Text) + Conf(r));
        Std.Ansi.Write(conditions);

        if (route.Caveats.Length > 0)
        {
            var caveats = new Table().Border(TableBorder.Simple).Title("Kanttekeningen");
            caveats.AddColumn("Regel").AddColumn("Tekst");
            foreach (var c in route.Caveats)
                caveats.AddRow(E(c.Reason.Rule), E(c.Reason.Text) + Conf(c.Reason));
            Std.Ansi.Write(caveats);
        }

        var rules = new Table().Border(TableBorder.Simple).Title("Regels en bronnen");
        rules.AddColumn("Regel").AddColumn("Inhoud").AddColumn("Zekerheid");
        foreach (var id in route.Rules)
        {
            var rule = catalogue.Rules[id];
            rules.AddRow(E(id), E(rule.Statement), E(JsonSpelling.Of(rule.Confidence)));
        }
        Std.Ansi.Write(rules);
        foreach (var key in route.Sources)
        {
            var s = sources.FirstOrDefault(x => x.Key == key);
            Std.Ansi.MarkupLine($"  [grey]{E(key)}[/] {E(s?.Title ?? "")} {E(s?.Url ?? "")}");
        }
    }

    private static string Conf(Reason r) => r.Confidence == Confidence.Low ? $" [yellow]({DutchText.Confidence(Confidence.Low)})[/]" : "";

    private static string StatusMarkup(RouteStatus s) =>
        s switch
        {
            RouteStatus.Eligible => $"[green]{DutchText.Status(s)}[/]",
            RouteStatus.NotEligible => $"[red]{DutchText.Status(s)}[/]",
            _ => $"[grey]{DutchText.Status(s)}[/]",
        };

    public static void PlanTable(RouteCatalogue catalogue, Plan plan)
    {
        Std.Ansi.MarkupLine(
            $"[bold]Doorstroom[/] — vraag op {plan.On:yyyy-MM-dd}, doel: {E(JsonSpelling.Of(plan.Goal))}, regimes: "
                + $"{E(string.Join(", ", plan.Regimes))}, catalogus {E(plan.CatalogueVersion)}"
        );
        var routes = new Table().Border(TableBorder.Rounded).Title("Routes");
        routes.AddColumn("Route").AddColumn("Status").AddColumn("Waarom / kanttekeningen");
        foreach (var r in plan.Routes)
        {
            var why = r
                .Reasons.Select(x => $"{E(x.Text)} [grey]({E(x.Rule)})[/]{Conf(x)}")
                .Concat(r.Caveats.Select(x => $"[grey]• {E(x.Text)} ({E(x.Rule)})[/]{Conf(x)}"));
            routes.AddRow(new Markup(E(catalogue.Route(r.Id).Name)), new Markup(StatusMarkup(r.Status)), new Markup(string.Join("\n", why)));
        }
        Std.Ansi.Write(routes);

        var pathways = new Table().Border(TableBorder.Rounded).Title("Paden naar het doel (vroegste data)");
        pathways.AddColumn("#").AddColumn("Route").AddColumn("Stappen").AddColumn("Startkwalificatie").AddColumn("Doel bereikt");
        var i = 1;
        foreach (var p in plan.Pathways)
        {
            var steps = string.Join(
                "\n",
                p.Steps.Select(s =>
                    $"{s.From:yyyy}–{s.To:yyyy}: "
                    + $"{JsonSpelling.Of(s.School)}{(s.Niveau is { } n ? $" niveau {n}" : "")}{(s.Leerweg is { } l ? " " + JsonSpelling.Of(l) : "")} → "
                    + $"{JsonSpelling.Of(s.Outcome)}{(s.LatestTo != s.To ? $" (uiterlijk {s.LatestTo:yyyy})" : "")} [{s.Rule}]"
                )
            );
            pathways.AddRow(
                i.ToString(System.Globalization.CultureInfo.InvariantCulture),
                E(string.Join(", ", p.Routes)),
                E(steps),
                E(p.StartkwalificatieOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—"),
                E(PlanJson.Iso(p.GoalReachedOn))
            );
            i++;
        }
        Std.Ansi.Write(pathways);
        Std.Ansi.MarkupLine(
            $"Snelste startkwalificatie: "
                + $"[bold]{E(plan.FastestStartkwalificatieOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—")}[/]; snelste "
                + $"naar het doel: [bold]{E(plan.FastestGoalOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "—")}[/]"
        );
        if (plan.LeerplichtEnds is { } lp)
            Std.Ansi.MarkupLine(
                $"Volledige leerplicht eindigt "
                    + $"{lp:yyyy-MM-dd}{(plan.KwalificatieplichtEnds is { } kp ? $"; kwalificatieplicht tot {kp:yyyy-MM-dd} of een startkwalificatie" : "")}."
            );
        foreach (var n in plan.Notes)
            Std.Ansi.MarkupLine($"[yellow]Let op:[/] {E(n.Text)} [grey]({E(n.Rule)})[/]");
    }

    public static void AdmissionTable(Qualification q, DomainDirection? direction, AdmissionResult a)
    {
        var color = a.Outcome switch
        {
            AdmissionOutcome.Admissible => "green",
            AdmissionOutcome.AdmissibleNotEntitled => "yellow",
            AdmissionOutcome.ByException => "orange1",
            _ => "red",
        };
        Std.Ansi.MarkupLine(
            $"[bold]{E(q.Crebo)} {E(q.Name)}[/] — {E(JsonSpelling.Of(q.Level))}, {E(q.Domain)} "
                + $"({E(direction is null ? "richting onbekend" : JsonSpelling.Of(direction.Direction))}), "
                + $"{E(string.Join("/", q.Leerwegen.Select(JsonSpelling.Of)))}"
        );
        Std.Ansi.MarkupLine($"Start {a.Start:yyyy-MM-dd} (regime {E(a.Regime)}): [{color} bold]{E(JsonSpelling.Of(a.Outcome))}[/]");
        var table = new Table().Border(TableBorder.Simple);
        table.AddColumn("").AddColumn("Regel").AddColumn("Tekst");
        foreach (var r in a.Reasons)
            table.AddRow("[red]reden[/]", E(r.Rule), E(r.Text) + Conf(r));
        foreach (var r in a.Caveats)
            table.AddRow("[grey]let op[/]", E(r.Rule), E(r.Text) + Conf(r));
        Std.Ansi.Write(table);
    }
}
