using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Beheer;

/// <summary>A new password for one account (<c>doorstroom accounts reset-password</c>), typed twice; the rule of <see cref="Passwords"/>.</summary>
public sealed class WachtwoordModel(SiteServices site, TimeProvider clock) : BeheerPage(clock)
{
    [BindProperty]
    public string? Wachtwoord { get; set; }

    [BindProperty]
    public string? Bevestiging { get; set; }

    public string Name { get; private set; } = "";

    public IActionResult OnGet(string account)
    {
        if (Accounts.Find(site.Database, account) is null)
            return NotFound();
        Name = account;
        return Page();
    }

    public IActionResult OnPost(string account)
    {
        Name = account;
        var password = Wachtwoord ?? "";
        if (password.Length == 0)
            ModelState.AddModelError(nameof(Wachtwoord), "Vul een nieuw wachtwoord in.");
        else if (password != (Bevestiging ?? ""))
            ModelState.AddModelError(nameof(Bevestiging), "De bevestiging is niet gelijk aan het wachtwoord; typ " + "hetzelfde wachtwoord twee keer.");
        if (ModelState.IsValid)
        {
            var change = AccountAdmin.ResetPassword(site.Database, account, password, Actor, Clock, ActorRole);
            if (change.Done)
                return LocalRedirect($"/beheer/accounts?gedaan=wachtwoord&account={Uri.EscapeDataString(account)}");
            var problem = change.Problem!;
            ModelState.AddModelError(
                problem.Fault == AccountFault.PasswordWeak ? nameof(Wachtwoord) : "",
                BeheerText.Problem(problem, client: false, account, "", password: password)
            );
        }
        Wachtwoord = Bevestiging = null;
        Refused();
        return Page();
    }
}
