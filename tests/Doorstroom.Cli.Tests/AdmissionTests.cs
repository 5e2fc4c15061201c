using System.Text.Json.Nodes;

namespace Doorstroom.Cli.Tests;

/// <summary>`doorstroom admission`: admission to an mbo qualification of the test kwalificatiestructuur (--data).</summary>
public sealed class AdmissionTests : IDisposable
{
    /// <summary>A middenkaderopleiding (niveau 4) of the test kwalificatiestructuur, in the green EZ domain.</summary>
    private static readonly string Niveau4 = TestQualifications.First(Domain.MboLevel.Middenkader, "Voedsel, natuur en leefomgeving (EZ)").Crebo;

    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    private string DiplomaHolder(string kind) =>
        cli.Write(
            "pupil.json",
            $$"""
            { "on": "2019-04-01", "school": "none", "appliedOn": "2019-03-20", "diplomas": [ { "kind": "{{kind}}", "year": 2019 } ] }
            """
        );

    private async Task<string?> Outcome(string crebo)
    {
        var r = await cli.Run("admission", "--pupil", "pupil.json", "--crebo", crebo, "--format", "json", "--data", TestQualifications.Folder);
        Expect.Done(r);
        var json = JsonNode.Parse(r.Stdout)!;
        Assert.Equal(crebo, (string?)json["qualification"]!["crebo"]);
        return (string?)json["outcome"];
    }

    [Fact]
    public async Task A_vmbo_tl_diploma_holder_is_admissible_to_a_niveau_4_qualification()
    {
        DiplomaHolder("vmbo-tl");
        Assert.Equal("admissible", await Outcome(Niveau4));
    }

    [Fact]
    public async Task A_vmbo_bb_diploma_holder_is_not_admissible_to_a_niveau_4_qualification()
    {
        DiplomaHolder("vmbo-bb");
        Assert.Equal("not-admissible", await Outcome(Niveau4));
    }

    [Fact]
    public async Task An_unknown_crebo_is_bad_input_naming_the_crebo()
    {
        DiplomaHolder("vmbo-tl");
        var r = await cli.Run("admission", "--pupil", "pupil.json", "--crebo", "00000", "--format", "json", "--data", TestQualifications.Folder);
        Expect.BadInput(r, "--crebo", "00000");
    }

    [Fact]
    public async Task Admission_without_a_crebo_is_bad_input_naming_the_option()
    {
        DiplomaHolder("vmbo-tl");
        Expect.BadInput(await cli.Run("admission", "--pupil", "pupil.json"), "--crebo");
    }
}
