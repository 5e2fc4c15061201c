using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Testing;

/// <summary>The shipped catalogue (catalogue/ in the repository), loaded once for all tests of a run.</summary>
public static class TestCatalogue
{
    private static readonly Lazy<RouteCatalogue> Loaded = new(() =>
    {
        var load = CatalogueLoader.Load(DataPaths.DefaultCatalogue());
        if (!load.Ok)
            throw new InvalidOperationException("the shipped catalogue does not load: " + string.Join("; ", load.Problems));
        return load.Catalogue!;
    });

    public static RouteCatalogue Catalogue => Loaded.Value;
}
