using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>Every importer, by the kind named on the command line.</summary>
public static class Importers
{
    /// <summary>All importers, in the order a fresh store is best filled.</summary>
    public static ImmutableArray<Importer> All { get; } = [.. ReferenceImporters.All, .. DuoVoImporters.All, new EventImporter()];

    /// <summary>The importer of a kind, or null.</summary>
    public static Importer? Find(string kind) => All.FirstOrDefault(i => string.Equals(i.Kind, kind, StringComparison.OrdinalIgnoreCase));
}
