using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>A pupil as a decaan sees them: their applications and signals, and the stream the decaan may read.</summary>
/// <param name="Name">Given and family name when the school keeps them (never for synthetic pupils); else null.</param>
public sealed record SchoolPupil(
    string Key,
    bool Synthetic,
    string? Name,
    int? ExamYear,
    Leerweg? Leerweg,
    ImmutableArray<Application> Applications,
    ImmutableArray<Signal> Signals,
    ImmutableArray<TransitionEvent> Stream
)
{
    /// <summary>Stored rows of the pupil that could not be read as events and were left out (see <see cref="SkippedRows"/>).</summary>
    public int Skipped { get; init; }
}
