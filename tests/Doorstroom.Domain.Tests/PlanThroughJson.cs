using System.Text;
using System.Text.Json;
using Doorstroom.Catalogue;

namespace Doorstroom.Domain.Tests;

/// <summary>The planner on the shipped catalogue, made once for all tests.</summary>
internal static class TestPlanner
{
    public static Planner Planner { get; } = new(TestCatalogue.Catalogue);
}

/// <summary>
/// Asks the question through the public JSON contract: pupil JSON in (parsed as the command does), plan JSON out
/// (written as the command does), and reads the answer back from that JSON.
/// </summary>
internal sealed class PlanThroughJson
{
    private readonly JsonElement root;

    private PlanThroughJson(JsonElement root) => this.root = root;

    public static PlanThroughJson For(string pupilJson)
    {
        var parsed = PupilJson.Parse(Encoding.UTF8.GetBytes(pupilJson), "case.json");
        Assert.True(parsed.Situation is not null, parsed.Problem?.ToString());
        var json = PlanJson.Write(TestPlanner.Planner.Plan(parsed.Situation!));
        return new PlanThroughJson(JsonDocument.Parse(json).RootElement.Clone());
    }

    public string Status(string route) => Route(route).GetProperty("status").GetString()!;

    public string Entry(string route) => Route(route).GetProperty("entry").GetString()!;

    public IReadOnlyList<(string Code, string Rule, string Confidence)> Reasons(string route) =>
        [
            .. Route(route)
                .GetProperty("reasons")
                .EnumerateArray()
                .Select(r => (r.GetProperty("code").GetString()!, r.GetProperty("rule").GetString()!, r.GetProperty("confidence").GetString()!)),
        ];

    public IReadOnlyList<(string Code, string Rule, string Confidence)> Caveats(string route) =>
        [
            .. Route(route)
                .GetProperty("caveats")
                .EnumerateArray()
                .Select(r => (r.GetProperty("code").GetString()!, r.GetProperty("rule").GetString()!, r.GetProperty("confidence").GetString()!)),
        ];

    public IReadOnlyList<string> RouteIds => [.. root.GetProperty("routes").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    private JsonElement Route(string id) => root.GetProperty("routes").EnumerateArray().Single(r => r.GetProperty("id").GetString() == id);

    public void IsOpen(string route) =>
        Assert.True(Status(route) == "eligible", $"{route} should be eligible but is {Status(route)}: " + $"{string.Join("; ", Reasons(route))}");

    public void IsClosed(string route, string status, string rule)
    {
        Assert.Equal(status, Status(route));
        Assert.Contains(Reasons(route), r => r.Rule == rule);
    }

    public string? FastestStartkwalificatieOn => Str(root.GetProperty("fastestStartkwalificatieOn"));
    public string? FastestGoalOn => Str(root.GetProperty("fastestGoalOn"));
    public string? LeerplichtEnds => Str(root.GetProperty("leerplichtEnds"));

    public IReadOnlyList<PathwayView> Pathways => [.. root.GetProperty("pathways").EnumerateArray().Select(p => new PathwayView(p))];

    public PathwayView Pathway(params string[] routes) =>
        Pathways.FirstOrDefault(p => p.Routes.SequenceEqual(routes))
        ?? throw new Xunit.Sdk.XunitException($"no pathway via [{string.Join(", ", routes)}]; " + $"have: {string.Join(" | ", Pathways)}");

    public IReadOnlyList<string> Notes => [.. root.GetProperty("notes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!)];

    /// <summary>The rule of the note with this code (the test fails when there is no such note).</summary>
    public string NoteRule(string code) =>
        root.GetProperty("notes").EnumerateArray().FirstOrDefault(n => n.GetProperty("code").GetString() == code) is { ValueKind: JsonValueKind.Object } note
            ? note.GetProperty("rule").GetString()!
            : throw new Xunit.Sdk.XunitException($"no note '{code}'; have: {string.Join(", ", Notes)}");

    private static string? Str(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetString();
}

internal sealed class PathwayView(JsonElement p)
{
    public IReadOnlyList<string> Routes => [.. p.GetProperty("routes").EnumerateArray().Select(r => r.GetString()!)];
    public string GoalReachedOn => p.GetProperty("goalReachedOn").GetString()!;
    public string? StartkwalificatieOn =>
        p.GetProperty("startkwalificatieOn").ValueKind == JsonValueKind.Null ? null : p.GetProperty("startkwalificatieOn").GetString();
    public IReadOnlyList<JsonElement> Steps => [.. p.GetProperty("steps").EnumerateArray()];
    public IReadOnlyList<string> Outcomes => [.. Steps.Select(s => s.GetProperty("outcome").GetString()!)];

    public string Step(int i, string field) =>
        Steps[i].GetProperty(field).ValueKind switch
        {
            JsonValueKind.Null => "null",
            JsonValueKind.Number => Steps[i].GetProperty(field).GetRawText(),
            _ => Steps[i].GetProperty(field).GetString()!,
        };

    public override string ToString() => $"[{string.Join(",", Routes)}] {string.Join(" → ", Outcomes)} {GoalReachedOn}";
}
