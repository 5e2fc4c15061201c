namespace Doorstroom.Storage;

/// <summary>One table of the store, where it lives on Citus (<see cref="Placement"/>), the column it is distributed by (<see cref="By"/>,
/// for <see cref="TablePlacement.Pupil"/> and <see cref="TablePlacement.Keyed"/>) and why it lives there.</summary>
public sealed record StoreTable(string Name, TablePlacement Placement, string Reason, string? By = null);
