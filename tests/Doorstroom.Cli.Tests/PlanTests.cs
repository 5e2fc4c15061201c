using System.Text.Json.Nodes;

namespace Doorstroom.Cli.Tests;

/// <summary>`doorstroom plan` for the issue's example pupil (vmbo bb, leerjaar 2, groen, in 2011).</summary>
public sealed class PlanTests : IDisposable
{
    private static readonly string[] Statuses = ["eligible", "not-eligible", "not-in-force"];

    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    private async Task<JsonObject> PlanJson(params string[] args)
    {
        var r = await cli.Run(args);
        Expect.Done(r);
        return JsonNode.Parse(r.Stdout)!.AsObject();
    }

    private Task<JsonObject> IssueExamplePlan()
    {
        cli.Write("pupil.json", Pupils.IssueExample);
        return PlanJson("plan", "--pupil", "pupil.json", "--format", "json");
    }

    private static JsonObject Route(JsonObject plan, string id) => plan["routes"]!.AsArray().Select(r => r!.AsObject()).Single(r => (string?)r["id"] == id);

    [Fact]
    public async Task Plan_json_names_the_catalogue_version_and_the_date_asked_about()
    {
        var plan = await IssueExamplePlan();
        Assert.False(string.IsNullOrWhiteSpace((string?)plan["catalogueVersion"]));
        Assert.Equal("2011-09-01", (string?)plan["on"]);
    }

    [Fact]
    public async Task Plan_json_answers_for_all_13_routes_each_with_a_status_and_reasons()
    {
        var plan = await IssueExamplePlan();
        var routes = plan["routes"]!.AsArray().Select(r => r!.AsObject()).ToList();
        // Every route of the catalogue (design §3) is in the plan, with a status and reasons.
        Assert.Equal(Domain.RouteCatalogue.RouteIds.Order(), routes.Select(r => (string)r["id"]!).Order());
        foreach (var r in routes)
        {
            Assert.Contains((string)r["status"]!, Statuses);
            foreach (var reason in r["reasons"]!.AsArray())
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)reason!["code"]), $"{r["id"]}: reason without code");
                Assert.False(string.IsNullOrWhiteSpace((string?)reason["rule"]), $"{r["id"]}: reason without rule");
                Assert.False(string.IsNullOrWhiteSpace((string?)reason["text"]), $"{r["id"]}: reason without text");
            }
        }
    }

    [Fact]
    public async Task Vm2_is_open_to_a_sure_green_bb_pupil_in_leerjaar_2_in_2011()
    {
        var plan = await IssueExamplePlan();
        Assert.Equal("eligible", (string?)Route(plan, "vm2")["status"]);
    }

    [Fact]
    public async Task Vakmanschapsroute_is_not_in_force_in_2011_by_rule_R5_1()
    {
        var plan = await IssueExamplePlan();
        var route = Route(plan, "vakmanschapsroute");
        Assert.Equal("not-in-force", (string?)route["status"]);
        Assert.Contains(route["reasons"]!.AsArray(), reason => (string?)reason!["rule"] == "R5.1");
    }

    [Fact]
    public async Task The_vm2_pathway_is_mbo_2_bol_in_vmbo_from_2012_to_2015()
    {
        var plan = await IssueExamplePlan();
        var vm2 = plan["pathways"]!.AsArray().Select(p => p!.AsObject()).Single(p => p["routes"]!.AsArray().Select(x => (string?)x).SequenceEqual(["vm2"]));
        Assert.Contains(vm2["steps"]!.AsArray(), s =>
            (string?)s!["school"] == "vmbo"
            && (int?)s["niveau"] == 2
            && (string?)s["leerweg"] == "bol"
            && (string?)s["from"] == "2012-08-01"
            && (string?)s["to"] == "2015-07-31"
            && (string?)s["outcome"] == "mbo-2"
        );
    }

    [Fact]
    public async Task The_fastest_startkwalificatie_is_on_2015_07_31()
    {
        var plan = await IssueExamplePlan();
        Assert.Equal("2015-07-31", (string?)plan["fastestStartkwalificatieOn"]);
    }

    [Fact]
    public async Task The_same_pupil_as_flags_gives_the_same_fastest_startkwalificatie()
    {
        var plan = await PlanJson(
            "plan",
            "--on",
            "2011-09-01",
            "--leerweg",
            "bb",
            "--leerjaar",
            "2",
            "--sector",
            "groen",
            "--sure",
            "true",
            "--format",
            "json"
        );
        Assert.Equal("2015-07-31", (string?)plan["fastestStartkwalificatieOn"]);
        Assert.Equal("eligible", (string?)Route(plan, "vm2")["status"]);
    }

    [Fact]
    public async Task The_pupil_on_standard_input_gives_the_same_plan_as_the_file()
    {
        var r = await cli.RunWithStdin(Pupils.IssueExample, "plan", "--pupil", "-", "--format", "json");
        Expect.Done(r);
        Assert.Equal("2015-07-31", (string?)JsonNode.Parse(r.Stdout)!["fastestStartkwalificatieOn"]);
    }

    [Fact]
    public async Task The_plan_table_is_the_default_format_and_shows_VM2()
    {
        cli.Write("pupil.json", Pupils.IssueExample);
        var r = await cli.Run("plan", "--pupil", "pupil.json");
        Expect.Done(r);
        Assert.Contains("VM2", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("2015-07-31", r.Stdout, StringComparison.Ordinal);
    }
}
