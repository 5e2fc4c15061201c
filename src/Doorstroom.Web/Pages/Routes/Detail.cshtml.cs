using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Route = Doorstroom.Domain.Route;

namespace Doorstroom.Web.Pages.Routes;

/// <summary>One route in full: what it aims for, who may enter and why not, its caveats, rules and sources.</summary>
public sealed class DetailModel(SiteServices site) : PageModel
{
    public SiteServices Site { get; } = site;
    public Route Route { get; private set; } = null!;

    public IActionResult OnGet(string id)
    {
        if (Site.Catalogue.FindRoute(id) is not { } route)
            return NotFound();
        Route = route;
        return Page();
    }
}
