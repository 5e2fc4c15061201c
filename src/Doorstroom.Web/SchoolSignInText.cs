using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>Why a school sign-in or an invitation did not give a session.</summary>
public enum SignInProblem
{
    NietGekoppeld,
    UitnodigingVerlopen,
    UitnodigingGebruikt,
    UitnodigingOnbekend,
    AndereAanbieder,
    AnderAccount,
    Uitgeschakeld,
    Mislukt,
}

/// <summary>The Dutch words of school sign-in's refusals (staff are addressed with "u"), shared by the invitation page and the refusal page.</summary>
public static class SchoolSignInText
{
    private static readonly (SignInProblem Problem, string Code)[] Codes =
    [
        (SignInProblem.NietGekoppeld, "niet-gekoppeld"),
        (SignInProblem.UitnodigingVerlopen, "uitnodiging-verlopen"),
        (SignInProblem.UitnodigingGebruikt, "uitnodiging-gebruikt"),
        (SignInProblem.UitnodigingOnbekend, "uitnodiging-onbekend"),
        (SignInProblem.AndereAanbieder, "andere-aanbieder"),
        (SignInProblem.AnderAccount, "ander-account"),
        (SignInProblem.Uitgeschakeld, "uitgeschakeld"),
        (SignInProblem.Mislukt, "mislukt"),
    ];

    /// <summary>The problem's word in the address (<c>?reden=…</c>).</summary>
    public static string Code(SignInProblem problem) => Codes.First(c => c.Problem == problem).Code;

    /// <summary>The problem a <c>reden</c> names; an unknown or missing one reads as "not linked".</summary>
    public static SignInProblem Parse(string? code) =>
        Codes.FirstOrDefault(c => c.Code == code) is { Code: not null } found ? found.Problem : SignInProblem.NietGekoppeld;

    /// <summary>The page's problem for the store's refusal.</summary>
    public static SignInProblem For(LinkRefusal refusal) =>
        refusal switch
        {
            LinkRefusal.ExpiredInvitation => SignInProblem.UitnodigingVerlopen,
            LinkRefusal.UsedInvitation => SignInProblem.UitnodigingGebruikt,
            LinkRefusal.UnknownInvitation => SignInProblem.UitnodigingOnbekend,
            LinkRefusal.OtherProvider => SignInProblem.AndereAanbieder,
            LinkRefusal.LinkedToOtherAccount => SignInProblem.AnderAccount,
            LinkRefusal.AccountUnusable => SignInProblem.Uitgeschakeld,
            _ => SignInProblem.NietGekoppeld,
        };

    public static string Title(SignInProblem problem) =>
        problem switch
        {
            SignInProblem.NietGekoppeld => "Account niet gekoppeld",
            SignInProblem.UitnodigingVerlopen => "Uitnodiging verlopen",
            SignInProblem.UitnodigingGebruikt => "Uitnodiging al gebruikt",
            SignInProblem.UitnodigingOnbekend => "Uitnodiging niet gevonden",
            SignInProblem.AndereAanbieder => "Uitnodiging voor een andere inlogmanier",
            SignInProblem.AnderAccount => "Al gekoppeld aan een ander account",
            SignInProblem.Uitgeschakeld => "Account kan niet inloggen",
            _ => "Inloggen niet gelukt",
        };

    /// <summary>What happened and what to do, for the provider's display name.</summary>
    public static string Message(SignInProblem problem, string provider) =>
        problem switch
        {
            SignInProblem.NietGekoppeld => $"Dit account van {provider} is (nog) niet gekoppeld aan Doorstroom. Vraag de beheerder van uw school om een "
                + $"uitnodiging.",
            SignInProblem.UitnodigingVerlopen => "Deze uitnodiging is verlopen. Vraag de beheerder van uw school om een nieuwe uitnodiging.",
            SignInProblem.UitnodigingGebruikt => $"Deze uitnodiging is al gebruikt; een uitnodiging werkt één keer. Is uw account van {provider} al gekoppeld, "
                + $"log dan gewoon in. Anders: vraag de beheerder van uw school om een nieuwe uitnodiging.",
            SignInProblem.UitnodigingOnbekend =>
                "Deze uitnodiging bestaat niet. Controleer of u de hele link heeft geopend, of vraag de beheerder van uw school "
                    + "om een nieuwe uitnodiging.",
            SignInProblem.AndereAanbieder => "Deze uitnodiging is voor een andere inlogmanier. Open de uitnodiging opnieuw en kies de knop die daar staat.",
            SignInProblem.AnderAccount =>
                $"Dit account van {provider} is al gekoppeld aan een ander Doorstroom-account. Neem contact op met de beheerder van uw " + $"school.",
            SignInProblem.Uitgeschakeld => "Uw Doorstroom-account kan nu niet inloggen. Neem contact op met de beheerder van uw school.",
            _ => $"Inloggen via {provider} is niet gelukt. Probeer het opnieuw.",
        };
}
