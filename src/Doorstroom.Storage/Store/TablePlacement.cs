namespace Doorstroom.Storage;

/// <summary>Where a table's rows live when the PostgreSQL store is a Citus cluster (<see cref="StoreTables"/>, decision 0033).</summary>
public enum TablePlacement
{
    /// <summary>Distributed by its pupil column and colocated with <c>pupil</c>: all of one pupil's rows on one node.</summary>
    Pupil,

    /// <summary>Distributed by another column (<see cref="StoreTable.By"/>), in a colocation group of its own.</summary>
    Keyed,

    /// <summary>A reference table: a copy on every node, so a pupil's rows join it where they are.</summary>
    Reference,

    /// <summary>Stays on the coordinator only.</summary>
    Local,
}
