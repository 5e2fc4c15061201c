using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Testing;

/// <summary>
/// Hand-made qualifications in the shape of the real kwalificatiestructuur (same file name, columns, separator, CRLF,
/// <c>---</c> for "as the row above", one crebo with a stray dot): ten made-up kwalificaties (crebo 95001–95010, every
/// level, both leerwegen and BBL only, the green EZ domain and Entree), so that admission runs without ../shared.
/// </summary>
public static class TestQualifications
{
    private static readonly Lazy<QualificationLoad> Loaded = new(() =>
    {
        var load = QualificationLoader.Load(File);
        if (!load.Ok)
            throw new InvalidOperationException("the test qualifications do not load: " + string.Join("; ", load.Problems));
        return load;
    });

    /// <summary>A data folder shaped like ../shared/data/real that holds only the test kwalificatiestructuur (for --data).</summary>
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "fixture-data");

    /// <summary>The test kwalificatiestructuur file.</summary>
    public static string File => DataPaths.Qualifications(Folder);

    /// <summary>The test qualifications, loaded once.</summary>
    public static QualificationLoad Load => Loaded.Value;

    /// <summary>The first test qualification of the level in the domain.</summary>
    public static Qualification First(MboLevel level, string domain) =>
        Load.Qualifications.FirstOrDefault(q => q.Level == level && q.Domain == domain)
        ?? throw new InvalidOperationException($"no {level} qualification in domain '{domain}' among the test qualifications");
}
