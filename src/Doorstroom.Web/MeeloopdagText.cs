using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>The Dutch words of meeloopdagen: a status as the pupil reads it, and why a change was refused.</summary>
public static class MeeloopdagText
{
    /// <summary>A pupil's status for a day ("op de wachtlijst (plaats 2)").</summary>
    public static string Status(MeeloopStatus status, int? waitingPlace = null) =>
        status switch
        {
            MeeloopStatus.Aangemeld => "aangemeld",
            MeeloopStatus.Wachtlijst => waitingPlace is { } n ? $"op de wachtlijst (plaats {n})" : "op de wachtlijst",
            MeeloopStatus.Afgemeld => "afgemeld",
            MeeloopStatus.Bijgewoond => "bijgewoond",
            MeeloopStatus.NietVerschenen => "niet verschenen",
            _ => status.ToString(),
        };

    /// <summary>Why nothing changed, addressed to a pupil ("je") or to staff ("u"/the pupil).</summary>
    public static string Refusal(MeeloopRefusal why, bool toPupil) =>
        why switch
        {
            MeeloopRefusal.NoSuchDay => "Die meeloopdag bestaat niet (meer).",
            MeeloopRefusal.DayClosed => "Deze meeloopdag is geannuleerd of al voorbij: aanmelden en afmelden kan niet meer.",
            MeeloopRefusal.NoSuchPupil => "Die leerling is niet gevonden.",
            MeeloopRefusal.AlreadySignedUp => toPupil ? "Je bent al aangemeld voor deze dag." : "De leerling is al aangemeld voor deze dag.",
            MeeloopRefusal.CancelledToday => toPupil
                ? "Je hebt je vandaag voor deze dag afgemeld; opnieuw aanmelden kan vanaf morgen."
                : "De leerling is vandaag voor deze dag afgemeld; opnieuw aanmelden kan vanaf morgen.",
            MeeloopRefusal.NotSignedUp => toPupil ? "Je bent niet aangemeld voor deze dag." : "De leerling heeft geen plaats op deze dag.",
            MeeloopRefusal.NotYet => "De dag is nog niet geweest: leg de aanwezigheid vast op of na de dag.",
            MeeloopRefusal.AlreadyRecorded => "De aanwezigheid van deze leerling is al vastgelegd.",
            MeeloopRefusal.DuplicateId => "Deze dag bestaat al.",
            _ => why.ToString(),
        };
}
