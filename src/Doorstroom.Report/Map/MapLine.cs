using Doorstroom.Domain;

namespace Doorstroom.Report;

/// <summary>A flow drawn on the <see cref="FlowMap"/> from a vo vestiging to an mbo location, as wide as its pupils, solid when a connection holds.</summary>
/// <param name="Label">What the line's tooltip says (names and the count as shown).</param>
public sealed record MapLine(MapPlace From, MapPlace To, long Count, bool Connected, string Label);
