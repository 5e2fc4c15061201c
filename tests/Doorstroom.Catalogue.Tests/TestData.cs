using Doorstroom.Domain;

namespace Doorstroom.Catalogue.Tests;

/// <summary>The shipped catalogue and the real kwalificatiestructuur, loaded once for all tests.</summary>
internal static class TestData
{
    private static readonly Lazy<RouteCatalogue> LazyCatalogue = new(() =>
    {
        var load = CatalogueLoader.Load(DataPaths.DefaultCatalogue());
        if (!load.Ok) throw new InvalidOperationException("the shipped catalogue does not load: " + string.Join("; ", load.Problems));
        return load.Catalogue!;
    });

    private static readonly Lazy<QualificationLoad> LazyQualifications = new(() => QualificationLoader.Load(QualificationsPath));

    public static RouteCatalogue Catalogue => LazyCatalogue.Value;

    public static string QualificationsPath => DataPaths.Qualifications();

    /// <summary>Skips the calling test when the real kwalificatiestructuur is not on this machine.</summary>
    public static void RequireRealData() =>
        Assert.SkipUnless(File.Exists(QualificationsPath), $"real data not found at {QualificationsPath}; set {DataPaths.DataVariable}");

    /// <summary>The real qualifications (call <see cref="RequireRealData"/> first).</summary>
    public static QualificationLoad Qualifications => LazyQualifications.Value;
}
