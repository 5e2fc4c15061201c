using Doorstroom.Catalogue;

namespace Doorstroom.Testing;

/// <summary>
/// The real public data (../shared/data/real beside the checkout, or $DOORSTROOM_DATA), or a skip that says what is
/// missing and how to provide it. Never committed: a fresh clone runs without it.
/// </summary>
public static class RealData
{
    private static readonly Lazy<QualificationLoad> LoadedQualifications = new(() => QualificationLoader.Load(DataPaths.Qualifications()));

    /// <summary>The real data folder; skips the calling test where it is absent.</summary>
    public static string Folder()
    {
        var folder = DataPaths.RealData();
        Assert.SkipUnless(Directory.Exists(folder), $"real data not found: {folder} does not exist ({Hint}).");
        return folder;
    }

    /// <summary>A file of the real data by its path inside the folder; skips the calling test where it is absent.</summary>
    public static string File(string relative)
    {
        var path = Path.Combine(DataPaths.RealData(), relative);
        Assert.SkipUnless(System.IO.File.Exists(path), $"real data file {relative} not found under {DataPaths.RealData()} ({Hint}).");
        return path;
    }

    /// <summary>The real kwalificatiestructuur, loaded once; skips the calling test where it is absent.</summary>
    public static QualificationLoad Qualifications()
    {
        File(QualificationLoader.RelativePath);
        return LoadedQualifications.Value;
    }

    /// <summary>Whether the real kwalificatiestructuur is on this machine (for a test that runs either way).</summary>
    public static bool HasQualifications(string? dataDir = null) => System.IO.File.Exists(DataPaths.Qualifications(dataDir));

    private static string Hint => $"set {DataPaths.DataVariable} to the folder that holds ../shared/data/real's files";
}
