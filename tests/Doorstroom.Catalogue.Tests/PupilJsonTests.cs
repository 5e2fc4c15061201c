using System.Text;
using Doorstroom.Domain;

namespace Doorstroom.Catalogue.Tests;

public sealed class PupilJsonTests
{
    private const string Example = """
        {
          "on": "2011-09-01",
          "birthDate": "1997-03-14",
          "school": "vmbo",
          "leerweg": "bb",
          "leerjaar": 2,
          "sector": "groen",
          "goal": "mbo-2",
          "wantsSector": "groen",
          "mboLeerweg": "bol",
          "sureOfChoice": true,
          "atRiskOfNoDiploma": false,
          "appliedOn": "2012-03-01",
          "diplomas": [
            { "kind": "vmbo-kb", "year": 2013, "sector": "zorg-en-welzijn", "subjects": ["Biologie", " nederlands "], "extraVak": true }
          ]
        }
        """;

    private static PupilParse Parse(string json, int lineOffset = 0) => PupilJson.Parse(Encoding.UTF8.GetBytes(json), "pupil.json", lineOffset);

    private static Problem Fails(string json, int lineOffset = 0)
    {
        var parse = Parse(json, lineOffset);
        Assert.Null(parse.Situation);
        Assert.NotNull(parse.Problem);
        Assert.Equal("pupil.json", parse.Problem.File);
        return parse.Problem;
    }

    [Fact]
    public void Example_pupil_parses_to_the_situation_it_describes()
    {
        var parse = Parse(Example);

        Assert.Null(parse.Problem);
        var s = parse.Situation!;
        Assert.Equal(new DateOnly(2011, 9, 1), s.On);
        Assert.Equal(new DateOnly(1997, 3, 14), s.BirthDate);
        Assert.Equal(SchoolType.Vmbo, s.School);
        Assert.Equal(Leerweg.Bb, s.Leerweg);
        Assert.Equal(2, s.Leerjaar);
        Assert.Null(s.Niveau);
        Assert.Equal(Sector.Groen, s.Sector);
        Assert.Equal(Goal.Mbo2, s.Goal);
        Assert.Equal(Sector.Groen, s.WantsSector);
        Assert.Equal(Leerweg.Bol, s.MboLeerweg);
        Assert.True(s.SureOfChoice);
        Assert.False(s.AtRiskOfNoDiploma);
        Assert.Equal(new DateOnly(2012, 3, 1), s.AppliedOn);
        var d = Assert.Single(s.Diplomas);
        Assert.Equal(DiplomaKind.VmboKb, d.Kind);
        Assert.Equal(2013, d.Year);
        Assert.Equal(Sector.ZorgEnWelzijn, d.Sector);
        Assert.Equal(["biologie", "nederlands"], d.Subjects);
        Assert.True(d.ExtraVak);
    }

    [Fact]
    public void Only_on_and_school_are_required_and_the_rest_defaults()
    {
        var parse = Parse("""{ "on": "2020-01-15", "school": "havo" }""");

        Assert.Null(parse.Problem);
        var s = parse.Situation!;
        Assert.Equal(new DateOnly(2020, 1, 15), s.On);
        Assert.Equal(SchoolType.Havo, s.School);
        Assert.Equal(Goal.Startkwalificatie, s.Goal);
        Assert.Empty(s.Diplomas);
        Assert.Null(s.BirthDate);
        Assert.Null(s.Leerweg);
        Assert.Null(s.Leerjaar);
        Assert.Null(s.Niveau);
        Assert.Null(s.Sector);
        Assert.Null(s.WantsSector);
        Assert.Null(s.MboLeerweg);
        Assert.Null(s.SureOfChoice);
        Assert.Null(s.AtRiskOfNoDiploma);
        Assert.Null(s.AppliedOn);
    }

    [Fact]
    public void Landbouw_is_read_as_sector_groen()
    {
        var s = Parse(
            """{ "on": "2012-09-01", "school": "vmbo", "sector": "landbouw", "diplomas": [ { "kind": "vmbo-bb", "sector": "landbouw" } ] }"""
        ).Situation!;

        Assert.Equal(Sector.Groen, s.Sector);
        Assert.Equal(Sector.Groen, s.Diplomas[0].Sector);
    }

    [Fact]
    public void Malformed_JSON_is_a_problem_with_a_line_not_an_exception()
    {
        var p = Fails("{\n  \"on\": \"2020-01-15\",\n  \"school\": vmbo\n}");

        Assert.StartsWith("malformed JSON", p.Message, StringComparison.Ordinal);
        Assert.Equal(3, p.Line);
    }

    [Fact]
    public void Unknown_leerweg_lists_the_vmbo_and_mbo_leerwegen()
    {
        var p = Fails("""{ "on": "2020-01-15", "school": "vmbo", "leerweg": "xx" }""");

        Assert.Equal("leerweg", p.Field);
        Assert.Contains("'xx'", p.Message, StringComparison.Ordinal);
        Assert.Contains("bb, kb, gl, tl", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mbo_leerweg_for_a_vmbo_pupil_is_refused()
    {
        var p = Fails("""{ "on": "2020-01-15", "school": "vmbo", "leerweg": "bol" }""");

        Assert.Equal("leerweg", p.Field);
        Assert.Contains("bb, kb, gl or tl", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vmbo_leerjaar_7_is_out_of_range_1_to_4()
    {
        var p = Fails("""{ "on": "2020-01-15", "school": "vmbo", "leerjaar": 7 }""");

        Assert.Equal("leerjaar", p.Field);
        Assert.Contains("1 to 4", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Date_in_day_month_year_order_is_refused_with_the_expected_format()
    {
        var p = Fails("""{ "on": "31-12-2011", "school": "vmbo" }""");

        Assert.Equal("on", p.Field);
        Assert.Contains("31-12-2011", p.Message, StringComparison.Ordinal);
        Assert.Contains("YYYY-MM-DD", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Misspelt_field_is_an_unknown_field_not_silently_ignored()
    {
        var p = Fails("""{ "on": "2020-01-15", "school": "vmbo", "leerjar": 2 }""");

        Assert.Equal("leerjar", p.Field);
        Assert.Contains("unknown field", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_school_is_required()
    {
        var p = Fails("""{ "on": "2020-01-15" }""");

        Assert.Equal("school", p.Field);
        Assert.Contains("required", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_on_is_required()
    {
        var p = Fails("""{ "school": "vmbo" }""");

        Assert.Equal("on", p.Field);
        Assert.Contains("required", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vmbo_leerweg_as_mbo_leerweg_is_refused()
    {
        var p = Fails("""{ "on": "2020-01-15", "school": "vmbo", "mboLeerweg": "bb" }""");

        Assert.Equal("mboLeerweg", p.Field);
        Assert.Contains("bol or bbl", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_kind_of_the_second_diploma_names_diplomas_1_kind()
    {
        var p = Fails("""{ "on": "2020-01-15", "school": "none", "diplomas": [ { "kind": "vmbo-bb" }, { "kind": "mavo" } ] }""");

        Assert.Equal("diplomas[1].kind", p.Field);
        Assert.Contains("'mavo'", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Problem_reports_the_line_of_the_field_in_a_multi_line_file()
    {
        var p = Fails("{\n  \"on\": \"2020-01-15\",\n  \"school\": \"vmbo\",\n  \"leerjaar\": 7\n}");

        Assert.Equal("leerjaar", p.Field);
        Assert.Equal(4, p.Line);
    }

    [Fact]
    public void Problem_in_a_JSON_Lines_record_reports_the_line_in_the_whole_file()
    {
        var p = Fails("""{ "on": "2020-01-15", "school": "vmbo", "leerweg": "xx" }""", lineOffset: 9);

        Assert.Equal("leerweg", p.Field);
        Assert.Equal(10, p.Line);
    }

    [Fact]
    public void Malformed_JSON_Lines_record_reports_the_line_in_the_whole_file()
    {
        var p = Fails("""{ "on": "2020-01-15", "school": }""", lineOffset: 9);

        Assert.StartsWith("malformed JSON", p.Message, StringComparison.Ordinal);
        Assert.Equal(10, p.Line);
    }

    [Fact]
    public void Birth_date_on_or_after_the_date_asked_is_refused()
    {
        var p = Fails("""{ "on": "2020-01-15", "school": "vmbo", "birthDate": "2020-01-15" }""");

        Assert.Equal("birthDate", p.Field);
    }

    [Theory]
    [InlineData("1996-08-01")]
    [InlineData("2100-07-31")]
    public void The_first_and_last_day_of_the_date_range_are_accepted_as_on(string on)
    {
        var parse = Parse($$"""{ "on": "{{on}}", "school": "vmbo", "appliedOn": "{{on}}" }""");

        Assert.Null(parse.Problem);
        Assert.Equal(on, PlanJson.Iso(parse.Situation!.On));
        Assert.Equal(on, PlanJson.Iso(parse.Situation.AppliedOn!.Value));
    }

    [Theory]
    [InlineData("1996-07-31")]
    [InlineData("2100-08-01")]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    public void A_question_date_outside_the_range_is_refused_naming_on_and_the_range(string on)
    {
        var p = Fails(
            $$"""
            {
              "school": "vmbo",
              "on": "{{on}}"
            }
            """
        );

        Assert.Equal("on", p.Field);
        Assert.Equal(3, p.Line);
        Assert.Contains(on, p.Message, StringComparison.Ordinal);
        Assert.Contains("1996-08-01 to 2100-07-31", p.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1996-07-31")]
    [InlineData("2100-08-01")]
    [InlineData("9999-12-31")]
    public void An_application_date_outside_the_range_is_refused_naming_appliedOn(string applied)
    {
        var p = Fails($$"""{ "on": "2020-01-15", "school": "vmbo", "appliedOn": "{{applied}}" }""");

        Assert.Equal("appliedOn", p.Field);
        Assert.Contains("1996-08-01 to 2100-07-31", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_birth_date_from_1900_is_accepted_and_one_before_it_refused()
    {
        Assert.Equal(new DateOnly(1900, 1, 1), Parse("""{ "on": "2020-01-15", "school": "none", "birthDate": "1900-01-01" }""").Situation!.BirthDate);
        Assert.Equal(new DateOnly(2020, 1, 14), Parse("""{ "on": "2020-01-15", "school": "none", "birthDate": "2020-01-14" }""").Situation!.BirthDate);

        var p = Fails("""{ "on": "2020-01-15", "school": "none", "birthDate": "1899-12-31" }""");
        Assert.Equal("birthDate", p.Field);
        Assert.Contains("1900-01-01", p.Message, StringComparison.Ordinal);
        Assert.Equal("birthDate", Fails("""{ "on": "2020-01-15", "school": "none", "birthDate": "0001-01-01" }""").Field);
    }

    [Theory]
    [InlineData(1950, true)]
    [InlineData(2100, true)]
    [InlineData(1949, false)]
    [InlineData(2101, false)]
    public void A_diploma_year_from_1950_to_2100_is_accepted_and_others_refused_naming_the_diploma(int year, bool accepted)
    {
        var parse = Parse($$"""{ "on": "2020-01-15", "school": "none", "diplomas": [ { "kind": "vmbo-bb" }, { "kind": "vmbo-kb", "year": {{year}} } ] }""");

        if (accepted)
        {
            Assert.Equal(year, parse.Situation!.Diplomas[1].Year);
            return;
        }
        Assert.Null(parse.Situation);
        Assert.Equal("diplomas[1].year", parse.Problem!.Field);
        Assert.Contains("1950 to 2100", parse.Problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pupil_that_is_not_an_object_is_a_problem()
    {
        var p = Fails("[1, 2]");

        Assert.Contains("JSON object", p.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_written_pupil_reads_back_as_the_same_situation()
    {
        var first = Parse(Example).Situation!;
        var written = PupilJson.Write(first);
        var again = Parse(written).Situation!;

        Assert.Equal(written, PupilJson.Write(again));
        Assert.Equal(first with { Diplomas = [] }, again with { Diplomas = [] });
        var d = Assert.Single(again.Diplomas);
        Assert.Equal((DiplomaKind.VmboKb, 2013, Sector.ZorgEnWelzijn, true), (d.Kind, d.Year, d.Sector, d.ExtraVak));
        Assert.Equal(first.Diplomas[0].Subjects, d.Subjects);
    }

    [Fact]
    public void Unknown_facts_are_left_out_of_a_written_pupil()
    {
        var written = PupilJson.Write(new Situation(new DateOnly(2026, 9, 1), SchoolType.Vmbo));
        Assert.Equal("""{"on":"2026-09-01","school":"vmbo","goal":"startkwalificatie"}""", written);
    }
}
