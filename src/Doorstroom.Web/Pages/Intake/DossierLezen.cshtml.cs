using Doorstroom.Domain;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Intake;

/// <summary>
/// One category of one of the institution's own requests, read under the rules on today's date: the released entries, or
/// the refusal with its rule and reason. Every visit is a read and is audited; another institution's request is not found.
/// </summary>
public sealed class DossierLezenModel(SiteServices site, DossierService dossier, LoopbaanService loopbaan) : SignedInPage
{
    public Storage.Database Database => site.Database;

    public DossierRead? Read { get; private set; }
    public DossierDecision? Refusal { get; private set; }
    public DossierCategory Category { get; private set; }

    /// <summary>For category loopbaan: the released loopbaandossier (activities with reflections, choices, remarks), in date order.</summary>
    public Loopbaandossier? Loopbaan { get; private set; }

    public IActionResult OnGet(string id, string categorie)
    {
        if (!DossierRules.TryCategory(categorie, out var category))
            return NotFound();
        var outcome = dossier.Read(Caller, id, category);
        if (outcome.NotFound)
            return NotFound();
        Category = category;
        Read = outcome.Value;
        Refusal = outcome.Refusal;
        if (category == DossierCategory.Loopbaan && Read is { } read)
            Loopbaan = loopbaan.Released(read);
        return Page();
    }
}
