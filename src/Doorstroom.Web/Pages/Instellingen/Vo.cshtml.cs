using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Instellingen;

/// <summary>One vo vestiging: address and vmbo pupils per leerweg.</summary>
public sealed class VoModel(SiteServices site) : PageModel
{
    public VoDetails School { get; private set; } = null!;

    public IActionResult OnGet(string brin6)
    {
        if (Institutions.VoVestiging(site.Database, brin6) is not { } school)
            return NotFound();
        School = school;
        return Page();
    }
}
