using System.Collections.Immutable;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Beheer;

/// <summary>
/// Accounts of people who sign in: the list, a form to add one, and per account disable, enable and (on its own page)
/// a new password. The same rules and audit entries as <c>doorstroom accounts</c> (AccountAdmin), with the beheerder as actor.
/// </summary>
public sealed class AccountsModel(SiteServices site, TimeProvider clock) : BeheerListPage(clock)
{
    [BindProperty]
    public string? Wachtwoord { get; set; }

    [BindProperty]
    public string? Bevestiging { get; set; }

    /// <summary>The account a change was just made to.</summary>
    [BindProperty(SupportsGet = true, Name = "account")]
    public string? DoneTo { get; set; }

    public ImmutableArray<Storage.UserAccount> All { get; private set; } = [];

    public void OnGet() => Load();

    public IActionResult OnPostAdd()
    {
        var (name, role, institution, pupil, display) = Typed;
        var password = Wachtwoord ?? "";
        // Every field at once: the name, role and binding (AccountAdmin's own check), the password rule, the confirmation.
        if (AccountAdmin.CheckNew(site.Database, name, role, institution, pupil, client: false) is { } problem)
            ModelState.AddModelError(BeheerText.Field(problem), BeheerText.Problem(problem, client: false, name, role, institution, pupil));
        if (password.Length == 0)
            ModelState.AddModelError(nameof(Wachtwoord), "Vul een wachtwoord in.");
        else if (Passwords.Check(password, name) is { } weakness)
            ModelState.AddModelError(
                nameof(Wachtwoord),
                BeheerText.Problem(new AccountProblem("password", "", AccountFault.PasswordWeak, weakness), client: false, name, role, password: password)
            );
        else if (password != (Bevestiging ?? ""))
            ModelState.AddModelError(nameof(Bevestiging), "De bevestiging is niet gelijk aan het wachtwoord; typ " + "hetzelfde wachtwoord twee keer.");
        if (ModelState.IsValid)
        {
            var change = AccountAdmin.AddAccount(site.Database, name, role, institution, pupil, display, password, Actor, Clock, ActorRole);
            if (change.Done)
                return After("toegevoegd", name);
            ModelState.AddModelError(
                BeheerText.Field(change.Problem!),
                BeheerText.Problem(change.Problem!, client: false, name, role, institution, pupil, password)
            );
        }
        // The password is never sent back in the form.
        Wachtwoord = Bevestiging = null;
        return FormRefused();
    }

    public IActionResult OnPostDisable(string? account) => SetDisabled(account, true);

    public IActionResult OnPostEnable(string? account) => SetDisabled(account, false);

    private IActionResult SetDisabled(string? account, bool disabled)
    {
        var name = account ?? "";
        // A beheerder who disables themselves is signed out for good and may leave no beheerder at all.
        if (disabled && name == Actor)
            return ListRefused("U kunt uw eigen account niet uitschakelen; laat dat een andere beheerder doen.");
        var change = AccountAdmin.SetDisabled(site.Database, name, disabled, Actor, Clock, ActorRole);
        if (change.Done)
            return After(disabled ? "uitgeschakeld" : "ingeschakeld", name);
        return ListRefused(BeheerText.Problem(change.Problem!, client: false, name, ""));
    }

    protected override void Load() => All = Accounts.All(site.Database);

    private LocalRedirectResult After(string done, string name) => LocalRedirect($"/beheer/accounts?gedaan={done}&account={Uri.EscapeDataString(name)}");

    /// <summary>The notice after a change, or null.</summary>
    public string? Notice =>
        (Done, DoneTo) switch
        {
            ("toegevoegd", { } n) => $"Account '{n}' is toegevoegd.",
            ("uitgeschakeld", { } n) => $"Account '{n}' is uitgeschakeld: het kan niet meer inloggen.",
            ("ingeschakeld", { } n) => $"Account '{n}' is weer ingeschakeld.",
            ("wachtwoord", { } n) => $"Account '{n}' heeft een nieuw wachtwoord.",
            _ => null,
        };
}
