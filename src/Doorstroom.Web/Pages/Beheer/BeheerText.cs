using Doorstroom.Storage;

namespace Doorstroom.Web.Pages.Beheer;

/// <summary>
/// The beheer pages' Dutch: the form fields, the password rule, and every refusal of <see cref="AccountAdmin"/> said to the
/// beheerder (the command line says the same refusals in English).
/// </summary>
public static class BeheerText
{
    /// <summary>The password rule (<see cref="Passwords.Rule"/>) as a sentence under the field.</summary>
    public static readonly string PasswordHint = $"Minstens {Passwords.MinLength} tekens, zonder de accountnaam, en geen veelgebruikt wachtwoord.";

    /// <summary>The name rule as the form says it (<see cref="AccountAdmin.NameRule"/>).</summary>
    public const string NameRule = "1 tot 64 letters, cijfers, '.', '_', '-' of '@', beginnend met een letter of cijfer";

    /// <summary>What the institution field takes, per role.</summary>
    public const string InstitutionHint =
        "Decaan: de BRIN6 van een vo-vestiging (bijvoorbeeld 01AB00). Intake: de BRIN4 van een mbo-instelling "
        + "(bijvoorbeeld 25AA). "
        + "Zorgcoördinator: een van beide. Leeg voor de andere rollen.";

    /// <summary>The form field of a problem's field (name, role, institution, pupil, password).</summary>
    public static string Field(AccountProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Field switch
        {
            "role" => "Rol",
            "institution" => "Instelling",
            "pupil" => "Leerling",
            "password" => "Wachtwoord",
            _ => "Naam",
        };
    }

    /// <summary>
    /// The refusal in Dutch, for a beheerder (addressed with "u"). <paramref name="name"/>, <paramref name="role"/>,
    /// <paramref name="institution"/>, <paramref name="pupil"/> and <paramref name="password"/> are what the form sent.
    /// </summary>
    public static string Problem(
        AccountProblem problem,
        bool client,
        string name,
        string role,
        string? institution = null,
        string? pupil = null,
        string password = ""
    )
    {
        ArgumentNullException.ThrowIfNull(problem);
        var thing = client ? "API-client" : "account";
        var a = "Een " + Title(role).ToLowerInvariant();
        var expected = AccountRoles.Bindings.GetValueOrDefault(role) switch
        {
            Binding.Vo => "de BRIN6 van een vo-vestiging (bijvoorbeeld 01AB00)",
            Binding.Mbo => "de BRIN4 van een mbo-instelling (bijvoorbeeld 25AA)",
            _ => "de BRIN6 van een vo-vestiging of de BRIN4 van een mbo-instelling",
        };
        return problem.Fault switch
        {
            AccountFault.NameInvalid => $"'{name}' is geen geldige naam: gebruik {NameRule}.",
            AccountFault.NameTaken => $"Er is al een {thing} met de naam '{name}'. Kies een andere naam.",
            AccountFault.RoleUnknown => $"'{role}' is geen rol. Kies een rol uit de lijst.",
            AccountFault.InstitutionNotTaken => $"{a} hoort niet bij een instelling: laat Instelling leeg.",
            AccountFault.InstitutionMissing => $"{a} hoort bij een instelling: vul {expected} in.",
            AccountFault.InstitutionUnknown => $"'{institution}' is niet {expected} die Doorstroom kent.",
            AccountFault.PupilNotTaken => $"{a} hoort niet bij een leerling: laat Leerlingcode leeg (alleen een leerling of ouder heeft er een).",
            AccountFault.PupilMissing => $"{a} hoort bij een leerling: vul de leerlingcode in.",
            AccountFault.PupilUnknown => $"'{pupil}' is geen leerlingcode die Doorstroom kent.",
            AccountFault.PasswordWeak => Weakness(problem.Weakness, password),
            AccountFault.AccountUnknown => $"Er is geen account '{name}'.",
            AccountFault.ClientUnknown => $"Er is geen API-client '{name}'.",
            AccountFault.ClientRevoked => $"API-client '{name}' is ingetrokken en krijgt geen nieuw geheim; voeg een nieuwe API-client toe.",
            _ => $"De wijziging is geweigerd ({problem.Field}).",
        };
    }

    /// <summary>
    /// A refusal of school sign-in's changes (<see cref="AccountLinks"/>) in Dutch: <paramref name="account"/>, the provider's
    /// name and id, and the days as the form sent them.
    /// </summary>
    public static string LinkProblem(AccountProblem problem, string account, string providerName, string provider, int days)
    {
        ArgumentNullException.ThrowIfNull(problem);
        return problem.Fault switch
        {
            AccountFault.AccountUnknown => $"Er is geen account '{account}'.",
            AccountFault.AccountDemo => $"'{account}' is een demo-account; een demo-account logt alleen in met zijn wachtwoord, niet via de school.",
            AccountFault.AccountDisabled => $"Account '{account}' is uitgeschakeld; schakel het eerst weer in.",
            AccountFault.ProviderInvalid => NoProvider(provider),
            AccountFault.DaysOutOfRange => DaysRule(days.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            AccountFault.LinkValueInvalid => "Vul een koppelwaarde in van 1 tot 256 tekens.",
            AccountFault.LinkValueTaken => $"Een ander account heeft deze koppelwaarde al bij {providerName}; een waarde hoort bij één account.",
            AccountFault.LinkUnknown => $"Account '{account}' heeft geen gekoppeld schoolaccount bij {providerName}.",
            AccountFault.LinkValueUnknown => $"Account '{account}' heeft geen koppelwaarde bij {providerName}.",
            _ => $"De wijziging is geweigerd ({problem.Field}).",
        };
    }

    /// <summary>A provider id that is not configured on this site.</summary>
    public static string NoProvider(string provider) => $"'{provider}' is geen aanbieder die op deze site is ingesteld. Kies een aanbieder uit de lijst.";

    /// <summary>The days field's rule, with what was typed.</summary>
    public static string DaysRule(string typed) =>
        $"'{typed}' kan niet: een uitnodiging is 1 tot {AccountLinks.MaxDays} dagen geldig. Vul een aantal dagen " + $"in.";

    private static string Weakness(PasswordWeakness? weakness, string password) =>
        weakness switch
        {
            PasswordWeakness.TooShort => $"Het wachtwoord heeft {password.Length} tekens; het moet er minstens {Passwords.MinLength} hebben.",
            PasswordWeakness.OnlySpaces => "Het wachtwoord bestaat alleen uit spaties.",
            PasswordWeakness.ContainsName => "Het wachtwoord bevat de accountnaam; kies een wachtwoord zonder de naam.",
            _ => "Dit wachtwoord wordt veel gebruikt en is makkelijk te raden; kies een ander.",
        };

    /// <summary>The role's title, or the text as typed when it is no role.</summary>
    public static string Title(string role) => Roles.Title(role);

    /// <summary>What an account or client is bound to, in Dutch.</summary>
    public static string Bound(string? institution, string? pupil) =>
        institution is not null ? "instelling " + institution
        : pupil is not null ? "leerling " + pupil
        : "geen instelling of leerling";

    /// <summary>A field the form left empty is null; a BRIN code is stored in upper case (the command line does the same).</summary>
    public static string? Code(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().ToUpperInvariant();

    /// <summary>An optional text field: null when left empty, else trimmed.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
