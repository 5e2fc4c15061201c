using System.Text.Json.Nodes;
using Doorstroom.Catalogue;

namespace Doorstroom.Cli.Tests;

/// <summary>`doorstroom admission`: admission to a real mbo qualification (needs the real kwalificatiestructuur).</summary>
public sealed class AdmissionTests : IDisposable
{
    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    private static void SkipWithoutRealData() =>
        Assert.SkipUnless(File.Exists(DataPaths.Qualifications()), $"real data absent: {DataPaths.Qualifications()} not found (set ${DataPaths.DataVariable})");

    private string DiplomaHolder(string kind) => cli.Write("pupil.json", $$"""
        { "on": "2019-04-01", "school": "none", "appliedOn": "2019-03-20", "diplomas": [ { "kind": "{{kind}}", "year": 2019 } ] }
        """);

    private async Task<string?> Outcome(string crebo)
    {
        var r = await cli.Run("admission", "--pupil", "pupil.json", "--crebo", crebo, "--format", "json", "--data", DataPaths.RealData());
        Expect.Done(r);
        var json = JsonNode.Parse(r.Stdout)!;
        Assert.Equal(crebo, (string?)json["qualification"]!["crebo"]);
        return (string?)json["outcome"];
    }

    [Fact]
    public async Task A_vmbo_tl_diploma_holder_is_admissible_to_crebo_25502()
    {
        SkipWithoutRealData();
        DiplomaHolder("vmbo-tl");
        Assert.Equal("admissible", await Outcome("25502"));
    }

    [Fact]
    public async Task A_vmbo_bb_diploma_holder_is_not_admissible_to_niveau_4_crebo_25502()
    {
        SkipWithoutRealData();
        DiplomaHolder("vmbo-bb");
        Assert.Equal("not-admissible", await Outcome("25502"));
    }

    [Fact]
    public async Task An_unknown_crebo_is_bad_input_naming_the_crebo()
    {
        SkipWithoutRealData();
        DiplomaHolder("vmbo-tl");
        var r = await cli.Run("admission", "--pupil", "pupil.json", "--crebo", "00000", "--format", "json", "--data", DataPaths.RealData());
        Expect.BadInput(r, "--crebo", "00000");
    }

    [Fact]
    public async Task Admission_without_a_crebo_is_bad_input_naming_the_option()
    {
        DiplomaHolder("vmbo-tl");
        Expect.BadInput(await cli.Run("admission", "--pupil", "pupil.json"), "--crebo");
    }
}
