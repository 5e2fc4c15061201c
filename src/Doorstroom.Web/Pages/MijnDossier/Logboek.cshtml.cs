using System.Collections.Immutable;
using Doorstroom.Storage;
using Doorstroom.Web.Pages.Dossier;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.MijnDossier;

/// <summary>The audit trail of the pupil's own dossier: who (role, institution) did what, which category, when, why, outcome and rule.</summary>
public sealed class LogboekModel(Site site, DossierService dossier) : PageModel
{
    public ImmutableArray<AuditEntry> Entries { get; private set; } = [];

    public string InstitutionName(string? code) => DossierText.Institution(site.Database, code);

    public void OnGet() => Entries = dossier.OwnAudit(Caller.From(User)!) ?? [];
}
