using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>The event is voided by <paramref name="Correction"/> (stored with its audit entry).</summary>
public sealed record Voided(TransitionEvent Target, TransitionEvent Correction, AuditEntry Audit) : VoidOutcome;
