using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>One pupil's stream as it counts, and how many stored rows of it could not be read as events (and were left out).</summary>
public sealed record PupilEvents(ImmutableArray<TransitionEvent> Events, int Skipped);
