using System.Text.RegularExpressions;
using Doorstroom.Catalogue;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// One place per vocabulary (issue 15): the JSON spelling in <see cref="JsonSpelling"/>, the Dutch words in <see cref="DutchText"/>,
/// the Dutch dates and numbers in <see cref="DutchFormat"/>. A second copy anywhere in src fails here.
/// </summary>
public sealed partial class VocabularyTests
{
    [Fact]
    public void Leerweg_spellings_are_written_only_in_the_json_spelling()
    {
        // "bb", "kb", … as a string literal, or a switch arm that maps a leerweg to a literal.
        Assert.Equal(["JsonSpelling.cs"], FilesMatching(LeerwegLiteral()));
        Assert.Equal(["DutchText.cs"], FilesMatching(LeerwegArmToText()));
    }

    [Fact]
    public void Dutch_month_names_are_written_only_in_the_dutch_format()
    {
        Assert.Equal(["DutchFormat.cs"], FilesMatching(MonthName()));
    }

    [Fact]
    public void The_decimal_comma_is_set_only_in_the_dutch_format()
    {
        Assert.Equal(["DutchFormat.cs"], FilesMatching(DecimalComma()));
    }

    [Fact]
    public void A_second_copy_is_found()
    {
        // The scan itself can fail: a leerweg literal in a file is seen.
        Assert.Matches(LeerwegLiteral(), "Leerweg.Bb => \"bb\",");
        Assert.Matches(LeerwegArmToText(), "Leerweg.Kb => \"kader\",");
        Assert.Matches(MonthName(), "[\"januari\", \"februari\"]");
        Assert.Matches(DecimalComma(), ".Replace('.', ',')");
    }

    /// <summary>
    /// The files under src (C# and Razor) whose text matches: by file name, so that moving a file to a folder keeps the test
    /// true; a copy elsewhere shows its path.
    /// </summary>
    private static List<string> FilesMatching(Regex pattern)
    {
        var root = DataPaths.RepositoryRoot();
        Assert.SkipWhen(root is null, "repository root (Doorstroom.slnx) not found from the test folder");
        var sep = Path.DirectorySeparatorChar;
        var modules = new[] { "JsonSpelling.cs", "DutchText.cs", "DutchFormat.cs" };
        return
        [
            .. Directory
                .EnumerateFiles(Path.Combine(root!, "src"), "*.*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
                .Where(f => !f.Contains($"{sep}bin{sep}", StringComparison.Ordinal) && !f.Contains($"{sep}obj{sep}", StringComparison.Ordinal))
                .Where(f => pattern.IsMatch(File.ReadAllText(f)))
                .Select(f => modules.Contains(Path.GetFileName(f)) ? Path.GetFileName(f) : Path.GetRelativePath(root!, f))
                .Order(StringComparer.Ordinal),
        ];
    }

    [GeneratedRegex("\"(bb|kb|gl|tl|bol|bbl)\"")]
    private static partial Regex LeerwegLiteral();

    [GeneratedRegex("Leerweg\\.(Bb|Kb|Gl|Tl|Bol|Bbl)\\s*=>\\s*\\$?\"")]
    private static partial Regex LeerwegArmToText();

    [GeneratedRegex("\"(januari|februari|maart|mrt)\"")]
    private static partial Regex MonthName();

    [GeneratedRegex("DecimalSeparator\\s*=|Replace\\('\\.', ','\\)")]
    private static partial Regex DecimalComma();
}
