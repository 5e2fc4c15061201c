using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Dossier;

/// <summary>The vo school's way into a pupil's dossier by pupil key (the zorgcoördinator has no pupil list of their own).</summary>
public sealed class IndexModel(Site site) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "leerling")] public string? Leerling { get; set; }

    public bool Unknown { get; private set; }

    public IActionResult OnGet()
    {
        if (string.IsNullOrWhiteSpace(Leerling)) return Page();
        var key = Leerling.Trim();
        var caller = Caller.From(User)!;
        if (PupilDirectory.SchoolPupil(site.Database, site.Locations(caller.Institution!), key, site.Today) is null)
        {
            Unknown = true;
            return Page();
        }
        return LocalRedirect("/dossier/" + Uri.EscapeDataString(key));
    }
}
