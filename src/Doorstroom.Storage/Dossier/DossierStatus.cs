using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>A pupil's dossier at a glance, for the school's list: how many entries, how many released, and the open requests.</summary>
/// <param name="OpenRequests">The mbo institutions (BRIN4) whose request was made on or before today and has not expired, oldest first.</param>
public sealed record DossierStatus(int Entries, int Released, ImmutableArray<string> OpenRequests)
{
    /// <summary>No entries and no open requests.</summary>
    public static DossierStatus None { get; } = new(0, 0, []);
}
