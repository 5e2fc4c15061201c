namespace Doorstroom.Web;

/// <summary>A meeloopdag as the publish form (and the API) gives it: every field as typed, checked by <see cref="MeeloopdagService.Publish"/>.</summary>
public sealed record MeeloopdagInput(string? Locatie, string? Crebo, string? Datum, string? Plaatsen, string? Tijd = null, string? Omschrijving = null);
