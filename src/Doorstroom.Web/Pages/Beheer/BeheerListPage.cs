using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Beheer;

/// <summary>
/// The accounts and API-clients pages: a list with a change per entry, and a form for a new one with a name, a role and
/// what the role is bound to (an institution or a pupil).
/// </summary>
public abstract class BeheerListPage(TimeProvider clock) : BeheerPage(clock)
{
    [BindProperty]
    public string? Naam { get; set; }

    [BindProperty]
    public string? Weergavenaam { get; set; }

    [BindProperty]
    public string? Rol { get; set; }

    [BindProperty]
    public string? Instelling { get; set; }

    [BindProperty]
    public string? Leerling { get; set; }

    /// <summary>What was just done, after the redirect (toegevoegd, uitgeschakeld …).</summary>
    [BindProperty(SupportsGet = true, Name = "gedaan")]
    public string? Done { get; set; }

    /// <summary>A refusal of a change to one entry of the list, shown above the list.</summary>
    public string? ListError { get; private set; }

    /// <summary>The form as typed: name and role trimmed, a BRIN code in upper case, empty fields null.</summary>
    protected (string Name, string Role, string? Institution, string? Pupil, string? Display) Typed =>
        ((Naam ?? "").Trim(), (Rol ?? "").Trim(), BeheerText.Code(Instelling), BeheerText.Optional(Leerling), BeheerText.Optional(Weergavenaam));

    /// <summary>Reads the list from the store.</summary>
    protected abstract void Load();

    /// <summary>The page again with the form's errors, answered 400.</summary>
    protected PageResult FormRefused()
    {
        Refused();
        Load();
        return Page();
    }

    /// <summary>The page again with a refusal above the list, answered 400.</summary>
    protected PageResult ListRefused(string message)
    {
        ListError = message + " Er is niets gewijzigd.";
        return FormRefused();
    }
}
