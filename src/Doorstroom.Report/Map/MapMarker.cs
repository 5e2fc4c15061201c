using Doorstroom.Domain;

namespace Doorstroom.Report;

/// <summary>A point drawn on the <see cref="FlowMap"/>: an institution's place, its name, and whether it is the one the map is about.</summary>
/// <param name="Labelled">True to write its name beside it (the subject and the largest partners; the rest only in their tooltip).</param>
public sealed record MapMarker(MapPlace Place, string Name, bool Focus = false, bool Labelled = false);
