namespace Doorstroom.Storage;

/// <summary>What <see cref="EventCorrections.Void"/> did: the correction stored, or why not.</summary>
public abstract record VoidOutcome;
