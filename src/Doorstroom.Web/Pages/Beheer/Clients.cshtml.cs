using System.Collections.Immutable;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Beheer;

/// <summary>
/// API clients: the list, a form to add one, revoke and rotate (<c>doorstroom clients</c>, AccountAdmin). A new secret is
/// shown once, in the answer to the POST that made it (never stored but as a hash, never in a redirect, cookie or log).
/// </summary>
public sealed class ClientsModel(SiteServices site, TimeProvider clock) : BeheerListPage(clock)
{
    /// <summary>The API client a change was just made to.</summary>
    [BindProperty(SupportsGet = true, Name = "client")]
    public string? DoneTo { get; set; }

    public ImmutableArray<ApiClient> All { get; private set; } = [];

    /// <summary>The client a new secret was just made for, and that secret: shown on this answer only.</summary>
    public (string Client, string Secret, bool New)? Shown { get; private set; }

    public void OnGet() => Load();

    public IActionResult OnPostAdd()
    {
        var (name, role, institution, pupil, display) = Typed;
        var change = AccountAdmin.AddClient(site.Database, name, role, institution, pupil, display, Actor, Clock, ActorRole);
        if (change.Done)
        {
            Shown = (name, change.Secret!, true);
            return Page();
        }
        ModelState.AddModelError(BeheerText.Field(change.Problem!), BeheerText.Problem(change.Problem!, client: true, name, role, institution, pupil));
        return FormRefused();
    }

    public IActionResult OnPostRevoke(string? client)
    {
        var name = client ?? "";
        var change = AccountAdmin.RevokeClient(site.Database, name, Actor, Clock, ActorRole);
        if (change.Done)
            return LocalRedirect($"/beheer/clients?gedaan=ingetrokken&client={Uri.EscapeDataString(name)}");
        return ListRefused(BeheerText.Problem(change.Problem!, client: true, name, ""));
    }

    public IActionResult OnPostRotate(string? client)
    {
        var name = client ?? "";
        var change = AccountAdmin.RotateClient(site.Database, name, Actor, Clock, ActorRole);
        if (!change.Done)
            return ListRefused(BeheerText.Problem(change.Problem!, client: true, name, ""));
        Shown = (name, change.Secret!, false);
        return Page();
    }

    protected override void Load() => All = Accounts.AllClients(site.Database);

    public string? Notice =>
        (Done, DoneTo) switch
        {
            ("ingetrokken", { } n) => $"API-client '{n}' is ingetrokken: hij krijgt geen nieuw token meer.",
            _ => null,
        };
}
