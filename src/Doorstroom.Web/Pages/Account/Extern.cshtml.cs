using System.Collections.Immutable;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Account;

/// <summary>The school sign-in buttons of one page (the sign-in page, an invitation).</summary>
/// <param name="Invitation">The invitation code the sign-in redeems, or null.</param>
public sealed record SchoolButtons(ImmutableArray<SchoolProvider> Providers, string? ReturnUrl, string? Invitation, string FormActionSources);

/// <summary>
/// A school sign-in button's POST (with the antiforgery token): sends the browser to the provider (authorization code +
/// PKCE). An invitation that is no longer open goes back to its own page, which says why, instead of to the provider.
/// </summary>
public sealed class ExternalSignInModel(SchoolProviders providers, SiteServices site) : PageModel
{
    [BindProperty]
    public string? Aanbieder { get; set; }

    [BindProperty]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? Uitnodiging { get; set; }

    /// <summary>Nothing to show: the buttons are on the sign-in page.</summary>
    public IActionResult OnGet() => Redirect("/account/inloggen");

    public IActionResult OnPost()
    {
        if (providers.Find(Aanbieder) is not { } provider)
            return NotFound();
        var properties = new AuthenticationProperties { RedirectUri = SchoolSignIn.IsLocal(ReturnUrl) ? ReturnUrl : "/" };
        if (Uitnodiging is { Length: > 0 } code)
        {
            var invitation = AccountLinks.FindInvitation(site.Database, code);
            if (
                invitation is null
                || invitation.StateAt(site.Clock.GetUtcNow()) != InvitationState.Open
                || (invitation.Provider is { } only && only != provider.Id)
            )
                return Redirect("/account/koppelen/" + Uri.EscapeDataString(code));
            properties.Items[SchoolSignIn.InvitationItem] = code;
        }
        return Challenge(properties, provider.Scheme);
    }
}
