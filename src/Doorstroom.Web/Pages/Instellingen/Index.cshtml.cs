using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Instellingen;

/// <summary>vo vestigingen or mbo institutions with their numbers: search by name or plaats, 50 per page.</summary>
public sealed class IndexModel(SiteServices site) : PageModel
{
    /// <summary>What is searched for in names and plaatsen.</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>"vo" (default) or "mbo".</summary>
    [BindProperty(SupportsGet = true, Name = "soort")]
    public string? Soort { get; set; }

    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int Pagina { get; set; } = 1;

    public bool Demo => site.Options.Demo;
    public bool Mbo => string.Equals(Soort, "mbo", StringComparison.OrdinalIgnoreCase);
    public Paged<VoInstitution>? Vo { get; private set; }
    public Paged<MboInstitution>? MboPage { get; private set; }

    public void OnGet()
    {
        if (Pagina < 1)
            Pagina = 1;
        if (Mbo)
            MboPage = Institutions.Mbo(site.Database, Q, Pagina);
        else
            Vo = Institutions.Vo(site.Database, Q, Pagina);
    }

    /// <summary>The link to another page of the same search.</summary>
    public string PageLink(int page) =>
        $"/instellingen?soort={(Mbo ? "mbo" : "vo")}{(string.IsNullOrWhiteSpace(Q) ? "" : "&q=" + Uri.EscapeDataString(Q.Trim()))}&pagina={page}";
}
