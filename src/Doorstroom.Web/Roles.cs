using System.Collections.Immutable;
using System.Security.Claims;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>The roles of the people and programs who use Doorstroom; each is bound to an institution or a pupil.</summary>
public static class Roles
{
    // The names live in the store's AccountRoles (the command line checks new accounts against them too).
    public const string Leerling = AccountRoles.Leerling;

    /// <summary>A parent or guardian, bound to their child's pupil key: consents for a pupil under 16 (P4).</summary>
    public const string Ouder = AccountRoles.Ouder;
    public const string Decaan = AccountRoles.Decaan;
    public const string Intake = AccountRoles.Intake;
    public const string Zorgcoordinator = AccountRoles.Zorgcoordinator;
    public const string Analist = AccountRoles.Analist;
    public const string Beheerder = AccountRoles.Beheerder;

    /// <summary>Every role.</summary>
    public static ImmutableArray<string> All => AccountRoles.All;

    /// <summary>The role's name on screen.</summary>
    public static string Title(string role) =>
        role switch
        {
            Leerling => "Leerling",
            Ouder => "Ouder / verzorger",
            Decaan => "Decaan / mentor",
            Intake => "Intake mbo",
            Zorgcoordinator => "Zorgcoördinator",
            Analist => "Analist",
            Beheerder => "Beheerder",
            _ => role,
        };

    /// <summary>
    /// What the header shows for a signed-in user: the display name, and the role only when the name does not already say it
    /// ("Analist", "Decaan van de demoschool", "Sanne de Vries (leerling)" name their role; "Jan Smit" does not).
    /// </summary>
    public static string Label(string name, string role)
    {
        ArgumentNullException.ThrowIfNull(name);
        var title = Title(role);
        var word = title.Split(' ', 2)[0];
        return name.Contains(word, StringComparison.OrdinalIgnoreCase) ? name : $"{name} · {title}";
    }

    /// <summary>True for the roles bound to a school or institution.</summary>
    public static bool NeedsInstitution(string role) => role is Decaan or Intake or Zorgcoordinator;
}

/// <summary>The claim types Doorstroom adds beside name and role.</summary>
public static class Claims
{
    public const string Institution = "doorstroom:institution";
    public const string Pupil = "doorstroom:pupil";
}

/// <summary>
/// Who is asking: the role and what it is bound to, read from the signed-in principal. A minimal API handler takes it as a
/// parameter (<see cref="BindAsync"/>), a page as <see cref="Pages.SignedInPage.Caller"/>: both after authorization, whose
/// policies admit only a signed-in principal with a Doorstroom role, so it is there whenever a handler runs.
/// </summary>
public sealed record Caller(string Name, string Role, string? Institution, string? Pupil)
{
    /// <summary>
    /// Binds the caller of a request once, for a minimal API handler's <see cref="Caller"/> parameter. Authorization has run
    /// by then (401 or 403 before the handler); should it be missing anyway, binding fails and the request is a 400 problem.
    /// </summary>
    public static ValueTask<Caller?> BindAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(From(context.User));
    }

    /// <summary>The caller of a principal, or null when it is not signed in or has no Doorstroom role.</summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true)
            return null;
        var role = user.FindFirstValue(ClaimTypes.Role) ?? user.FindFirstValue("role");
        if (role is null || !Roles.All.Contains(role))
            return null;
        return new(user.Identity.Name ?? user.FindFirstValue("sub") ?? "", role, user.FindFirstValue(Claims.Institution), user.FindFirstValue(Claims.Pupil));
    }
}
