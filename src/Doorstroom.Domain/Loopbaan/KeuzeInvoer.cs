using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// The pupil's choice so far, checked (<see cref="LoopbaanInvoer.Keuze"/>): the programmes (first choice first), why, and how
/// sure. The first programme's crebo goes on the <see cref="EventKind.KeuzeVastgelegd"/> event; the rest is dossier text.
/// </summary>
public sealed record KeuzeInvoer(DateOnly Datum, ImmutableArray<KeuzeOpleiding> Opleidingen, string Motivatie, Keuzezekerheid Zekerheid);
