using System.Collections.Immutable;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Beheer;

/// <summary>
/// API clients: the list, a form to add one, revoke and rotate (<c>doorstroom clients</c>, AccountAdmin). A new secret is
/// shown once, in the answer to the POST that made it (never stored but as a hash, never in a redirect, cookie or log).
/// </summary>
public sealed class ClientsModel(Site site, TimeProvider clock) : BeheerPage(clock)
{
    [BindProperty] public string? Naam { get; set; }
    [BindProperty] public string? Weergavenaam { get; set; }
    [BindProperty] public string? Rol { get; set; }
    [BindProperty] public string? Instelling { get; set; }
    [BindProperty] public string? Leerling { get; set; }

    [BindProperty(SupportsGet = true, Name = "gedaan")] public string? Done { get; set; }
    [BindProperty(SupportsGet = true, Name = "client")] public string? DoneTo { get; set; }

    public ImmutableArray<ApiClient> All { get; private set; } = [];

    public string? ListError { get; private set; }

    /// <summary>The client a new secret was just made for, and that secret: shown on this answer only.</summary>
    public (string Client, string Secret, bool New)? Shown { get; private set; }

    public void OnGet() => Load();

    public IActionResult OnPostAdd()
    {
        var name = (Naam ?? "").Trim();
        var role = (Rol ?? "").Trim();
        var institution = BeheerText.Code(Instelling);
        var pupil = BeheerText.Optional(Leerling);
        var change = AccountAdmin.AddClient(site.Database, name, role, institution, pupil, BeheerText.Optional(Weergavenaam), Actor, Clock, ActorRole);
        if (change.Done)
        {
            Shown = (name, change.Secret!, true);
            return Page();
        }
        ModelState.AddModelError(BeheerText.Field(change.Problem!), BeheerText.Problem(change.Problem!, client: true, name, role, institution, pupil));
        Refused();
        Load();
        return Page();
    }

    public IActionResult OnPostRevoke(string? client)
    {
        var name = client ?? "";
        var change = AccountAdmin.RevokeClient(site.Database, name, Actor, Clock, ActorRole);
        if (change.Done) return LocalRedirect($"/beheer/clients?gedaan=ingetrokken&client={Uri.EscapeDataString(name)}");
        return ListRefused(change.Problem!, name);
    }

    public IActionResult OnPostRotate(string? client)
    {
        var name = client ?? "";
        var change = AccountAdmin.RotateClient(site.Database, name, Actor, Clock, ActorRole);
        if (!change.Done) return ListRefused(change.Problem!, name);
        Shown = (name, change.Secret!, false);
        return Page();
    }

    private PageResult ListRefused(AccountProblem problem, string name)
    {
        ListError = BeheerText.Problem(problem, client: true, name, "") + " Er is niets gewijzigd.";
        Refused();
        Load();
        return Page();
    }

    private void Load() => All = Accounts.AllClients(site.Database);

    public string? Notice => (Done, DoneTo) switch
    {
        ("ingetrokken", { } n) => $"API-client '{n}' is ingetrokken: hij krijgt geen nieuw token meer.",
        _ => null,
    };
}
