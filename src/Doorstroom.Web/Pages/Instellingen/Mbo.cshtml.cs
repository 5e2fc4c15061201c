using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Instellingen;

/// <summary>One mbo institution: its locations with plaats, applications and enrolments.</summary>
public sealed class MboModel(SiteServices site) : PageModel
{
    public MboInstitution Institution { get; private set; } = null!;
    public bool Demo => site.Options.Demo;

    public IActionResult OnGet(string brin4)
    {
        if (Institutions.MboInstelling(site.Database, brin4) is not { } institution)
            return NotFound();
        Institution = institution;
        return Page();
    }
}
