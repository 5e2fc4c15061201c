using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>A stored event with its row id (what <c>doorstroom events void --id</c> names).</summary>
public sealed record StoredEvent(long Id, TransitionEvent Event);
