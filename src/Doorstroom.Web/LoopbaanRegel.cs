using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Web;

/// <summary>
/// One line of the loopbaandossier as a page or the API shows it: an LOB activity with its reflection, a choice with its
/// programmes and motivation, a remark, or a meeloopdag step from the stream; with the dossier entry it rests on, if one.
/// </summary>
/// <param name="Soort"><c>activiteit</c>, <c>keuze</c>, <c>opmerking</c> or <c>meeloopdag</c>.</param>
/// <param name="Titel">What it was, in Dutch ("Meeloopdag", "Keuze vastgelegd", "Opmerking van de decaan").</param>
/// <param name="Waar">The name of the school or mbo location, if the line has one.</param>
/// <param name="Opleiding">The programme it was about (crebo and name), if one.</param>
/// <param name="Tekst">The reflection, motivation or remark; null for a fact without text.</param>
/// <param name="Onderdeel">The id of the dossier entry with the text, when there is one (what the school releases).</param>
public sealed record LoopbaanRegel(
    DateOnly Datum,
    string Soort,
    string Titel,
    string? Waar,
    string? Opleiding,
    string? Tekst,
    Keuzezekerheid? Zekerheid,
    ImmutableArray<KeuzeOpleiding> Opleidingen,
    string? Auteur,
    long? Onderdeel,
    bool Vrijgegeven
);
