using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>An event together with the attributes of its pupil, as events travel in files and out of the store.</summary>
/// <param name="Event">The event; <see cref="TransitionEvent.Pupil"/> is the pseudonymous key.</param>
/// <param name="Synthetic">True for a generated pupil (demo, benchmark), never to be presented as real.</param>
/// <param name="BirthDate">The pupil's date of birth, when known.</param>
public sealed record EventRecord(TransitionEvent Event, bool Synthetic = false, DateOnly? BirthDate = null);
