using System.Text.Json.Nodes;

namespace Doorstroom.Cli.Tests;

/// <summary>`doorstroom plan --batch`: one pupil per input line, one plan per output line.</summary>
public sealed class BatchTests : IDisposable
{
    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Batch_writes_one_plan_per_pupil_in_input_order_skipping_blank_lines()
    {
        cli.Write(
            "pupils.jsonl",
            """
            { "on": "2011-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 2, "sector": "groen", "sureOfChoice": true }

            { "on": "2016-09-01", "school": "vmbo", "leerweg": "kb", "leerjaar": 1 }
            { "on": "2021-09-01", "school": "vmbo", "leerweg": "tl", "leerjaar": 3 }

            """
        );
        var r = await cli.Run("plan", "--batch", "pupils.jsonl");
        Expect.Done(r);
        var lines = r.StdoutLines;
        Assert.Equal(3, lines.Length);
        var plans = lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        foreach (var p in plans)
        {
            Assert.NotNull(p["routes"]?.AsArray());
            Assert.NotNull(p["pathways"]?.AsArray());
        }
        Assert.Equal(["2011-09-01", "2016-09-01", "2021-09-01"], plans.Select(p => (string?)p["on"]));
    }

    [Fact]
    public async Task A_bad_pupil_on_line_2_of_a_batch_is_bad_input_naming_line_2()
    {
        cli.Write(
            "pupils.jsonl",
            """
            { "on": "2011-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 2 }
            { "on": "2011-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 7 }
            { "on": "2011-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 3 }
            """
        );
        Expect.BadInput(await cli.Run("plan", "--batch", "pupils.jsonl"), "pupils.jsonl:2: leerjaar: ");
    }

    [Fact]
    public async Task A_missing_batch_file_is_bad_input_naming_the_file()
    {
        Expect.BadInput(await cli.Run("plan", "--batch", "missing.jsonl"), "--batch", "missing.jsonl");
    }
}
