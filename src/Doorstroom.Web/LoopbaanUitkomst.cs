using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Web;

/// <summary>What a loopbaandossier write answers: not found (outside the caller's scope), refused whole with the problems per field, or stored.</summary>
/// <param name="Onderdeel">The id of the dossier entry written, when stored.</param>
public sealed record LoopbaanUitkomst(bool NotFound, ImmutableArray<LoopbaanFout> Fouten, long? Onderdeel)
{
    public static LoopbaanUitkomst Missing { get; } = new(true, [], null);

    public static LoopbaanUitkomst Refused(ImmutableArray<LoopbaanFout> fouten) => new(false, fouten, null);

    public static LoopbaanUitkomst Stored(long onderdeel) => new(false, [], onderdeel);
}
