namespace Doorstroom.Domain;

/// <summary>
/// The LOB activities a pupil records in the loopbaandossier (mandatory in vmbo since 2016–17; the school decides its form).
/// The list follows issue 16 and the article: open dagen, meeloopdagen, praktische sectororiëntatie, beroepenoriëntatie,
/// stages, conversations, voorlichting by mbo students on the vmbo, interest tests.
/// </summary>
public enum LobSoort
{
    OpenDag,
    Meeloopdag,
    PraktischeSectororientatie,
    Beroepenorientatie,
    Stage,
    GesprekMentor,
    GesprekDecaan,
    GesprekOuders,
    VoorlichtingMboStudenten,
    Interessetest,
}

/// <summary>How sure the pupil is of the choice so far (<see cref="EventKind.KeuzeVastgelegd"/>).</summary>
public enum Keuzezekerheid
{
    Zeker,
    RedelijkZeker,
    Twijfel,
    GeenIdee,
}

/// <summary>Which events of a pupil's stream belong to the loopbaandossier.</summary>
public static class Loopbaan
{
    /// <summary>
    /// True for an event that counts as an LOB activity the pupil took part in: a recorded <see cref="EventKind.LobActiviteit"/>
    /// or a meeloopdag the mbo recorded as attended. A sign-up alone is not an activity.
    /// </summary>
    public static bool IsLobActivity(this TransitionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Kind is EventKind.LobActiviteit or EventKind.MeeloopdagBijgewoond;
    }

    /// <summary>True for the five meeloopdag kinds, which carry the meeloopdag's id in the detail.</summary>
    public static bool IsMeeloopdag(EventKind kind) =>
        kind
            is EventKind.MeeloopdagAangemeld
                or EventKind.MeeloopdagWachtlijst
                or EventKind.MeeloopdagAfgemeld
                or EventKind.MeeloopdagBijgewoond
                or EventKind.MeeloopdagNietVerschenen;

    /// <summary>True for every event the loopbaandossier shows: LOB activities, choices and meeloopdag steps.</summary>
    public static bool BelongsToLoopbaandossier(EventKind kind) => kind is EventKind.LobActiviteit or EventKind.KeuzeVastgelegd || IsMeeloopdag(kind);
}
