namespace Doorstroom.Catalogue;

/// <summary>
/// Where the catalogue and the real public data live. The catalogue is copied next to the binaries; the real data
/// stays outside the repository (../shared/data/real beside the checkout), overridable with DOORSTROOM_DATA.
/// </summary>
public static class DataPaths
{
    public const string DataVariable = "DOORSTROOM_DATA";

    public static string DefaultCatalogue()
    {
        foreach (var root in new[] { Path.Combine(AppContext.BaseDirectory, "catalogue"), RepositoryRoot() is { } r ? Path.Combine(r, "catalogue") : null })
        {
            if (root is not null && CatalogueLoader.NewestVersion(root) is { } version)
                return version;
        }
        return Path.Combine(AppContext.BaseDirectory, "catalogue");
    }

    /// <summary>The real data folder: $DOORSTROOM_DATA, else ../shared/data/real beside the repository.</summary>
    public static string RealData()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(DataVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
            return Path.GetFullPath(fromEnvironment);
        var root = RepositoryRoot() ?? Directory.GetCurrentDirectory();
        return Path.GetFullPath(Path.Combine(root, "..", "shared", "data", "real"));
    }

    public static string Qualifications(string? dataDir = null) => Path.Combine(dataDir ?? RealData(), QualificationLoader.RelativePath);

    /// <summary>The folder holding Doorstroom.slnx, searched upwards from the working directory and from the binaries.</summary>
    public static string? RepositoryRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Doorstroom.slnx")))
                    return dir.FullName;
            }
        }
        return null;
    }
}
