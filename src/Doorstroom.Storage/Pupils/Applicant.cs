using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>An applicant as an mbo intake officer sees them: only what happened at their own institution.</summary>
public sealed record Applicant(string Key, bool Synthetic, string? Name, ImmutableArray<Application> Applications, ImmutableArray<TransitionEvent> Stream)
{
    /// <summary>Stored rows of the pupil that could not be read as events and were left out (see <see cref="SkippedRows"/>).</summary>
    public int Skipped { get; init; }
}
