using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.MijnDossier;

/// <summary>
/// The AVG export as a page a parent can read and print: the same content as the JSON download, with Dutch headings and
/// labels. A parent of a pupil of 16 or older without access is refused (P4, 403); every view is audited as an export.
/// </summary>
public sealed class ExportModel(SiteServices site, DossierService dossier) : SignedInPage
{
    public MijnGegevens? Gegevens { get; private set; }

    public IActionResult OnGet()
    {
        var outcome = dossier.Export(Caller);
        if (outcome.NotFound)
            return NotFound();
        var page = Page();
        if (outcome.Refusal is not null)
        {
            page.StatusCode = StatusCodes.Status403Forbidden;
            return page;
        }
        Gegevens = MijnGegevens.From(outcome.Value!, InstitutionNames.All(site.Database), site.Today);
        return page;
    }
}
