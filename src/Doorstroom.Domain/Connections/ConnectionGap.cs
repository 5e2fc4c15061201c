namespace Doorstroom.Domain;

/// <summary>
/// What "where to connect" looks for along one flow, given the <see cref="ConnectionThresholds"/>.
/// </summary>
public enum ConnectionGap
{
    /// <summary>A connection holds, along a flow that is not negligible.</summary>
    Verbonden,

    /// <summary>No connection, and the flow is not large: nothing to report.</summary>
    GeenVerbinding,

    /// <summary>
    /// A gap: a large flow (at least <see cref="ConnectionThresholds.LargeCount"/> pupils and <see cref="ConnectionThresholds.LargeShare"/>) without any
    /// connection.
    /// </summary>
    GroteStroomZonderVerbinding,

    /// <summary>
    /// A gap the other way: a connection along a negligible flow (under <see cref="ConnectionThresholds.NegligibleShare"/>, or 1–4 pupils, or none).
    /// </summary>
    VerbindingBijKleineStroom,
}
