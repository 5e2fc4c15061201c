namespace Doorstroom.Cli.Tests;

/// <summary><c>connections import</c> and <c>export</c>: a bad file is refused whole with file:line: column; export gives back what import took.</summary>
public sealed class ConnectionCommandTests
{
    private const string Header = "id;vo_vestiging;mbo;form;from;until;route;subject;description;source;synthetic\n";

    [Fact]
    public async Task Import_then_export_gives_the_same_file_back()
    {
        using var cli = new Doorstroom();
        var text =
            Header
            + "c-1;01AB00;25AA;doorlopende-leerlijn;2024-08-01;;vm2;;VM2 techniek;Convenant 2024;0\n"
            + "c-2;01AB00;25AA01;avo-leerlijn;2024-08-01;2026-07-31;;rekenen;Rekenlijn;Jaarplan;1\n";
        var file = cli.Write("in.csv", text);
        var db = Path.Combine(cli.WorkDir, "s.db");

        var imported = await cli.Run("connections", "import", file, "--db", db, "--by", "test");
        var again = await cli.Run("connections", "import", file, "--db", db, "--by", "test");
        var exported = await cli.Run("connections", "export", "out.csv", "--db", db);

        Assert.Equal(0, imported.ExitCode);
        Assert.Contains("2 connections read, 2 changed", imported.Stdout, StringComparison.Ordinal);
        Assert.Contains("already imported", again.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, exported.ExitCode);
        Assert.Equal(text, File.ReadAllText(Path.Combine(cli.WorkDir, "out.csv")));
    }

    [Fact]
    public async Task A_file_with_one_bad_row_is_refused_and_stores_nothing()
    {
        using var cli = new Doorstroom();
        var file = cli.Write(
            "bad.csv",
            Header + "c-1;01AB00;25AA;zorglijn;2024-08-01;;;;Zorglijn;Afspraak;0\n" + "c-2;01AB00;25AA;paardenklas;2024-08-01;;;;Klas;Afspraak;0\n"
        );
        var db = Path.Combine(cli.WorkDir, "s.db");

        var refused = await cli.Run("connections", "import", file, "--db", db);
        var exported = await cli.Run("connections", "export", "--db", db);

        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("bad.csv:3: form: one of doorlopende-leerlijn", refused.Stderr, StringComparison.Ordinal);
        Assert.Equal(Header, exported.Stdout);
    }
}
