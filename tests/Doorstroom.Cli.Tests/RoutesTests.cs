using System.Text.Json.Nodes;

namespace Doorstroom.Cli.Tests;

/// <summary>`doorstroom routes` and `doorstroom route ID`: the catalogue, in force or not on a date.</summary>
public sealed class RoutesTests : IDisposable
{
    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    private async Task<Dictionary<string, bool>> InForceOn(string date)
    {
        var r = await cli.Run("routes", "--on", date, "--format", "json");
        Expect.Done(r);
        var json = JsonNode.Parse(r.Stdout)!;
        Assert.Equal(date, (string?)json["on"]);
        return json["routes"]!.AsArray().ToDictionary(x => (string)x!["id"]!, x => (bool)x!["inForce"]!);
    }

    [Fact]
    public async Task Routes_json_lists_13_routes_with_vm2_in_force_and_vakmanschapsroute_not_in_2011()
    {
        var inForce = await InForceOn("2011-09-01");
        Assert.Equal(13, inForce.Count);
        Assert.True(inForce["vm2"]);
        Assert.False(inForce["vakmanschapsroute"]);
    }

    [Fact]
    public async Task In_2025_vm2_is_no_longer_in_force_and_the_doorlopende_leerroute_is()
    {
        var inForce = await InForceOn("2025-09-01");
        Assert.False(inForce["vm2"]);
        Assert.True(inForce["doorlopende-leerroute"]);
    }

    [Fact]
    public async Task The_routes_table_lists_the_routes()
    {
        var r = await cli.Run("routes", "--on", "2011-09-01");
        Expect.Done(r);
        Assert.Contains("vm2", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("beroepsroute", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("van kracht", r.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Route_vm2_json_has_its_sources_with_titles_and_rule_R4_1()
    {
        var r = await cli.Run("route", "vm2", "--format", "json");
        Expect.Done(r);
        var route = JsonNode.Parse(r.Stdout)!;
        Assert.Equal("vm2", (string?)route["id"]);
        var sources = route["sources"]!.AsArray();
        Assert.NotEmpty(sources);
        foreach (var s in sources)
        {
            Assert.False(string.IsNullOrWhiteSpace((string?)s!["key"]));
            Assert.False(string.IsNullOrWhiteSpace((string?)s["title"]), $"source {s["key"]} has no title");
        }
        Assert.Contains("R4.1", route["rules"]!.AsArray().Select(x => (string?)x));
    }

    [Fact]
    public async Task The_route_table_shows_the_route_in_full()
    {
        var r = await cli.Run("route", "vm2");
        Expect.Done(r);
        Assert.Contains("VM2", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("R4.1", r.Stdout, StringComparison.Ordinal);
    }
}
