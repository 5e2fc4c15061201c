namespace Doorstroom.Cli.Tests;

/// <summary>Bad input ends with exit 2 and one line "doorstroom: …" naming the field and what was expected.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task Malformed_pupil_JSON_is_bad_input_naming_the_file_and_line()
    {
        cli.Write("bad.json", """{ "on": "2011-09-01", """);
        // A process: exit 2 as the shell sees it.
        Expect.BadInput(await cli.RunProcess("plan", "--pupil", "bad.json"), "malformed JSON", "bad.json:1");
    }

    [Fact]
    public async Task Unknown_leerweg_in_the_pupil_file_is_bad_input_listing_the_leerwegen()
    {
        cli.Write("pupil.json", """{ "on": "2011-09-01", "school": "vmbo", "leerweg": "xx" }""");
        Expect.BadInput(await cli.Run("plan", "--pupil", "pupil.json"), "pupil.json", "leerweg", "'xx'", "bb");
    }

    [Fact]
    public async Task Leerjaar_7_in_the_pupil_file_is_bad_input_with_exit_2()
    {
        cli.Write("pupil.json", """{ "on": "2011-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 7 }""");
        Expect.BadInput(await cli.Run("plan", "--pupil", "pupil.json"), "pupil.json", "leerjaar", "7");
    }

    [Fact]
    public async Task A_date_not_in_YYYY_MM_DD_in_the_pupil_file_is_bad_input()
    {
        cli.Write("pupil.json", """{ "on": "31-12-2011", "school": "vmbo" }""");
        Expect.BadInput(await cli.Run("plan", "--pupil", "pupil.json"), "pupil.json", "on", "31-12-2011", "YYYY-MM-DD");
    }

    [Fact]
    public async Task A_date_not_in_YYYY_MM_DD_as_flag_is_bad_input_naming_the_flag()
    {
        Expect.BadInput(await cli.Run("plan", "--on", "31-12-2011", "--leerweg", "bb"), "--on", "YYYY-MM-DD");
    }

    [Fact]
    public async Task Unknown_leerweg_as_flag_is_bad_input_naming_the_flag()
    {
        Expect.BadInput(await cli.Run("plan", "--leerweg", "xx", "--on", "2011-09-01"), "--leerweg", "'xx'", "bb");
    }

    [Fact]
    public async Task Leerjaar_7_as_flag_is_bad_input_naming_the_flag()
    {
        Expect.BadInput(await cli.Run("plan", "--leerjaar", "7", "--leerweg", "bb", "--on", "2011-09-01"), "--leerjaar", "7");
    }

    [Fact]
    public async Task A_leerjaar_that_is_not_a_number_is_bad_input_naming_the_flag()
    {
        Expect.BadInput(await cli.Run("plan", "--leerjaar", "abc", "--on", "2011-09-01"), "--leerjaar", "abc");
    }

    [Theory]
    [InlineData("plan", "--on", "2011-09-01", "--leerweg", "bb", "--format", "xml")]
    [InlineData("routes", "--on", "2011-09-01", "--format", "xml")]
    [InlineData("route", "vm2", "--format", "xml")]
    public async Task Format_xml_is_bad_input_expecting_table_or_json(params string[] args)
    {
        Expect.BadInput(await cli.Run(args), "--format", "xml", "table or json");
    }

    [Fact]
    public async Task Unknown_route_id_is_bad_input_listing_the_route_ids()
    {
        Expect.BadInput(await cli.Run("route", "vm3"), "vm3", "vm2", "vakmanschapsroute");
    }

    [Fact]
    public async Task A_missing_pupil_file_is_bad_input_naming_the_file()
    {
        Expect.BadInput(await cli.Run("plan", "--pupil", "missing.json"), "--pupil", "missing.json");
    }

    [Fact]
    public async Task A_bad_pupil_on_standard_input_is_bad_input_naming_stdin()
    {
        // A process: the pupil arrives through a real stdin pipe.
        var r = await cli.RunProcessWithStdin("""{ "on": "2011-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 7 }""", "plan", "--pupil", "-");
        Expect.BadInput(r, "stdin:1", "leerjaar");
    }
}
