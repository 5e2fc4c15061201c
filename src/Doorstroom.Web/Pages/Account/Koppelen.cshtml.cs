using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Account;

/// <summary>
/// An invitation's page (<c>/account/koppelen/CODE</c>): an open one shows the account it links to and the button of its
/// provider (or every provider); an unknown, used or expired one says so in Dutch. Nothing is linked here: that happens
/// when the provider sends the browser back.
/// </summary>
public sealed class InvitationModel(SchoolProviders providers, SiteServices site) : PageModel
{
    public SignInProblem? Problem { get; private set; }
    public string ProviderName { get; private set; } = "uw school";
    public string AccountName { get; private set; } = "";
    public string Expires { get; private set; } = "";
    public SchoolButtons Buttons { get; private set; } = new([], null, null, "");

    public void OnGet(string code)
    {
        // The code is a secret: the page is not kept by the browser or a proxy.
        Response.Headers.CacheControl = "no-store";
        var invitation = AccountLinks.FindInvitation(site.Database, code);
        if (invitation?.Provider is { } only && providers.Find(only) is { } named)
            ProviderName = named.DisplayName;
        Problem = invitation is null
            ? SignInProblem.UitnodigingOnbekend
            : invitation.StateAt(site.Clock.GetUtcNow()) switch
            {
                InvitationState.Used => SignInProblem.UitnodigingGebruikt,
                InvitationState.Expired => SignInProblem.UitnodigingVerlopen,
                _ => null,
            };
        if (Problem is not null || invitation is null)
        {
            Response.StatusCode = invitation is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
            return;
        }
        AccountName = Accounts.Find(site.Database, invitation.Account)?.DisplayName ?? invitation.Account;
        Expires = DutchFormat.Moment(DutchTime.Of(invitation.Expires));
        var usable = invitation.Provider is { } provider ? [.. providers.All.Where(p => p.Id == provider)] : providers.All;
        Buttons = new SchoolButtons(usable, "/", code, providers.FormActionSources);
    }
}
