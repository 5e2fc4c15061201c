using System.Text.Json.Nodes;

namespace Doorstroom.Cli.Tests;

/// <summary>
/// The contract's date range (docs/pupil-and-plan-json.md "Dates") at the command line: the last valid day is planned,
/// the first invalid one is bad input (exit 2, one line naming the file, line and field, or the flag) — never a stack trace.
/// </summary>
public sealed class DateRangeTests : IDisposable
{
    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    [Theory]
    [InlineData("1996-08-01")]
    [InlineData("2100-07-31")]
    public async Task The_first_and_last_day_of_the_range_are_planned(string on)
    {
        cli.Write(
            "pupil.json",
            $$"""{ "on": "{{on}}", "school": "vmbo", "leerweg": "kb", "leerjaar": 1, "birthDate": "1900-01-01", """
                + $$"""  "appliedOn": "{{on}}", "diplomas": [ { "kind": "pro", "year": 2100 } ] }"""
        );

        var r = await cli.Run("plan", "--pupil", "pupil.json", "--format", "json");

        Expect.Done(r);
        Assert.Equal(on, (string?)JsonNode.Parse(r.Stdout)!["on"]);
    }

    [Theory]
    [InlineData("1996-07-31")]
    [InlineData("2100-08-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public async Task A_question_date_outside_the_range_in_the_pupil_file_is_bad_input_naming_file_line_and_field(string on)
    {
        cli.Write(
            "pupil.json",
            $$"""
            {
              "school": "vmbo",
              "on": "{{on}}"
            }
            """
        );

        Expect.BadInput(await cli.Run("plan", "--pupil", "pupil.json"), "pupil.json:3: on: ", on, "1996-08-01 to 2100-07-31");
    }

    [Theory]
    [InlineData("2100-08-01")]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task A_question_date_outside_the_range_as_flag_is_bad_input_naming_the_flag(string on)
    {
        Expect.BadInput(await cli.Run("plan", "--on", on, "--leerweg", "bb", "--leerjaar", "2"), "--on: ", on, "1996-08-01 to 2100-07-31");
    }

    [Fact]
    public async Task The_last_day_of_the_range_as_flag_is_planned()
    {
        var r = await cli.Run("plan", "--on", "2100-07-31", "--leerweg", "bb", "--leerjaar", "2", "--birth-date", "2086-01-01", "--format", "json");

        Expect.Done(r);
        Assert.Equal("2100-07-31", (string?)JsonNode.Parse(r.Stdout)!["on"]);
    }

    [Fact]
    public async Task A_birth_date_before_1900_as_flag_is_bad_input_naming_the_flag()
    {
        Expect.BadInput(await cli.Run("plan", "--on", "2020-01-15", "--birth-date", "1899-12-31"), "--birth-date: ", "1900-01-01");
    }

    [Fact]
    public async Task An_application_date_after_the_range_as_flag_is_bad_input_naming_the_flag()
    {
        Expect.BadInput(await cli.Run("plan", "--on", "2020-01-15", "--applied-on", "2100-08-01"), "--applied-on: ", "2100-07-31");
    }

    [Fact]
    public async Task A_diploma_year_after_2100_as_flag_is_bad_input_naming_the_flag()
    {
        Expect.BadInput(await cli.Run("plan", "--on", "2020-01-15", "--school", "none", "--diploma", "vmbo-bb:2101"), "--diploma: ", "2101", "1950 to 2100");
    }

    [Fact]
    public async Task A_question_date_outside_the_range_on_line_2_of_a_batch_is_bad_input_naming_line_2()
    {
        cli.Write(
            "pupils.jsonl",
            """
            { "on": "2100-07-31", "school": "vmbo", "leerweg": "tl", "leerjaar": 4 }
            { "on": "9999-12-31", "school": "vmbo", "leerweg": "tl", "leerjaar": 4 }
            """
        );

        var r = await cli.Run("plan", "--batch", "pupils.jsonl");

        Expect.BadInput(r, "pupils.jsonl:2: on: ", "9999-12-31");
        Assert.Single(r.StdoutLines);
    }

    [Theory]
    [InlineData("2100-07-31", true)]
    [InlineData("2100-08-01", false)]
    [InlineData("0001-01-01", false)]
    public async Task Admission_answers_on_the_last_day_of_the_range_and_refuses_a_date_after_it(string on, bool valid)
    {
        cli.Write(
            "pupil.json",
            $$"""
            { "school": "none",
              "on": "{{on}}", "diplomas": [ { "kind": "vmbo-tl", "year": 2100 } ] }
            """
        );

        var r = await cli.Run(
            "admission",
            "--pupil",
            "pupil.json",
            "--crebo",
            TestQualifications.First(Domain.MboLevel.Middenkader, "Voedsel, natuur en leefomgeving (EZ)").Crebo,
            "--format",
            "json",
            "--data",
            TestQualifications.Folder
        );

        if (valid)
        {
            Expect.Done(r);
            Assert.Equal("admissible", (string?)JsonNode.Parse(r.Stdout)!["outcome"]);
        }
        else
        {
            Expect.BadInput(r, "pupil.json:2: on: ", on);
        }
    }
}
