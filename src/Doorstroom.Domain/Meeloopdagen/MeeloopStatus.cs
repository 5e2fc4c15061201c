namespace Doorstroom.Domain;

/// <summary>Where a pupil stands for one meeloopdag; each change is a meeloopdag event in the pupil's stream.</summary>
public enum MeeloopStatus
{
    /// <summary>Has a place (<see cref="EventKind.MeeloopdagAangemeld"/>).</summary>
    Aangemeld,

    /// <summary>On the waiting list of a full day (<see cref="EventKind.MeeloopdagWachtlijst"/>).</summary>
    Wachtlijst,

    /// <summary>Cancelled, by the pupil, the decaan, or the mbo cancelling the day (<see cref="EventKind.MeeloopdagAfgemeld"/>).</summary>
    Afgemeld,

    /// <summary>Came (<see cref="EventKind.MeeloopdagBijgewoond"/>).</summary>
    Bijgewoond,

    /// <summary>Had a place and did not come (<see cref="EventKind.MeeloopdagNietVerschenen"/>).</summary>
    NietVerschenen,
}
