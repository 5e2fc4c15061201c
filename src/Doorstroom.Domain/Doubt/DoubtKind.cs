namespace Doorstroom.Domain;

/// <summary>
/// The doubt signals a decaan acts on (issue 16 item 3): signs that a pupil does not yet know what to choose. Each is a
/// rule of the catalogue (S1–S4, with its sources); <see cref="LagerNiveau"/> is the existing signal of
/// <see cref="Applications.Signals"/> (rule A1), taken over as it is, not computed again.
/// </summary>
public enum DoubtKind
{
    /// <summary>
    /// S1: by the choice day no choice (no <see cref="EventKind.KeuzeVastgelegd"/> and no application), or the latest choice is
    /// "twijfel" or "geen idee".
    /// </summary>
    GeenKeuze,

    /// <summary>S2: applications (not withdrawn) to two or more directions of the opleidingsdomeinen (decision 0005) that are not related.</summary>
    OnverwanteDomeinen,

    /// <summary>S3: by the LOB day no LOB activity (<see cref="Loopbaan.IsLobActivity"/>) in the exam year.</summary>
    GeenLob,

    /// <summary>S4: a new application only after a refusal: applied again when nothing else was open.</summary>
    AanmeldingNaAfwijzing,

    /// <summary>A1: applied to a lower niveau than usual for the leerweg (<see cref="SignalKind.LagerNiveau"/>).</summary>
    LagerNiveau,
}
