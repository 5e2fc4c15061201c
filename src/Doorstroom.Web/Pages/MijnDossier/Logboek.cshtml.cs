using System.Collections.Immutable;
using Doorstroom.Storage;
using Doorstroom.Web.Pages.Dossier;

namespace Doorstroom.Web.Pages.MijnDossier;

/// <summary>The audit trail of the pupil's own dossier: who (role, institution) did what, which category, when, why, outcome and rule.</summary>
public sealed class LogboekModel(SiteServices site, DossierService dossier) : SignedInPage
{
    public ImmutableArray<AuditEntry> Entries { get; private set; } = [];

    public string InstitutionName(string? code) => DossierText.Institution(site.Database, code);

    /// <summary>Set when a parent does not see the dossier (P4): the pupil is 16 or older and gave no access.</summary>
    public bool Closed { get; private set; }

    public void OnGet()
    {
        var outcome = dossier.OwnAudit(Caller);
        Closed = outcome.Refusal is not null;
        Entries = outcome.NotFound || Closed ? [] : outcome.Value;
    }
}
