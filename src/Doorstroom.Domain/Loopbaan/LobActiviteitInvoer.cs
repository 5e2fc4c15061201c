namespace Doorstroom.Domain;

/// <summary>
/// An LOB activity as the pupil records it, checked (<see cref="LoopbaanInvoer.Activiteit"/>): which activity, when, where (the
/// pupil's vo school or an mbo location, BRIN6), the programme it was about (crebo) if one, and the pupil's reflection.
/// </summary>
public sealed record LobActiviteitInvoer(LobSoort Soort, DateOnly Datum, string Waar, int? Crebo, string Reflectie);
