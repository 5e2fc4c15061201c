using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Doorstroom.Web.Pages.Dossier;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.MijnDossier;

/// <summary>One consent line: a category for an institution the pupil applied to, and the latest change (if any).</summary>
public sealed record ConsentLine(string Institution, string InstitutionName, DossierCategory Category, ConsentChange? Latest)
{
    public bool Given => Latest?.Given == true;
}

/// <summary>
/// The pupil's (or parent's) own transfer dossier: what is in it (right of inspection, P3), which mbo institutions asked
/// for it, consent per institution and category (given by the right person, P4), and the AVG export. Whose dossier it is
/// comes from the sign-in, never from the request.
/// </summary>
public sealed class IndexModel(SiteServices site, DossierService dossier) : SignedInPage
{
    [TempData]
    public string? Melding { get; set; }

    [TempData]
    public string? Weigering { get; set; }

    public ImmutableArray<DossierEntry> Entries { get; private set; } = [];
    public ImmutableArray<DossierRequest> Requests { get; private set; } = [];
    public ImmutableArray<ConsentLine> Consents { get; private set; } = [];
    public bool IsParent { get; private set; }

    /// <summary>Why a parent does not see the dossier (P4: the pupil is 16 or older and gave no access), or null.</summary>
    public DossierDecision? Closed { get; private set; }

    /// <summary>For a pupil: whether a parent may see the dossier now (P4).</summary>
    public DossierDecision? ParentAccess { get; private set; }

    /// <summary>The pupil is 16 or older and decides about a parent's access.</summary>
    public bool DecidesParentAccess { get; private set; }

    /// <summary>The categories offered a consent choice today: care always, the others only before 1 August 2020 (P3, P5).</summary>
    public ImmutableArray<DossierCategory> Choices => [.. DossierText.Categories.Where(c => DossierRules.NeedsChoice(c, site.Today))];

    /// <summary>The categories that go without a choice today (the onderwijskundig rapport since 1 August 2020).</summary>
    public ImmutableArray<DossierCategory> WithoutChoice => [.. DossierText.Categories.Where(c => !DossierRules.NeedsChoice(c, site.Today))];

    /// <summary>The one line that explains the categories without a choice.</summary>
    public string WithoutChoiceText => DossierText.WithoutChoice(WithoutChoice, IsParent);

    public string InstitutionName(string code) => DossierText.Institution(site.Database, code);

    /// <summary>What a parent of a pupil of 16 or older without access reads (P4), in plain Dutch.</summary>
    public const string ClosedText =
        "Je kind is 16 jaar of ouder en beslist nu zelf over het overstapdossier (regel P4). "
        + "Daarom kun je het dossier, het logboek en de download niet meer inzien, tenzij je kind je daar zelf toegang voor geeft op de eigen pagina Mijn "
        + "dossier.";

    public void OnGet()
    {
        IsParent = Caller.Role == Roles.Ouder;
        var entries = dossier.OwnEntries(Caller);
        if (entries.Refusal is { } closed)
        {
            Closed = closed;
            return;
        }
        Entries = entries.Value;
        var (consents, requests) = dossier.OwnShares(Caller).Value;
        Requests = requests;
        if (Caller.Role == Roles.Leerling)
        {
            ParentAccess = dossier.ParentAccess(Caller.Pupil!);
            DecidesParentAccess = dossier.DecidesParentAccess(Caller);
        }
        var applied = new EventStore(site.Database)
            .Stream(Caller.Pupil!)
            .Where(e => e.Kind == EventKind.Aangemeld && e.Date <= site.Today && e.Institution is { Length: >= 4 })
            .Select(e => e.Institution![..4])
            .Distinct(StringComparer.OrdinalIgnoreCase);
        Consents =
        [
            .. applied.SelectMany(at =>
                Choices.Select(c => new ConsentLine(
                    at,
                    InstitutionName(at),
                    c,
                    consents
                        .Where(x => x.Category == c && string.Equals(x.Institution, at, StringComparison.OrdinalIgnoreCase))
                        .OrderBy(x => x.On)
                        .LastOrDefault()
                ))
            ),
        ];
    }

    public IActionResult OnPostToestemming(string? instelling, string? categorie, bool geven)
    {
        if (instelling is not { Length: 4 } || !DossierRules.TryCategory(categorie, out var category))
            return BadRequest();
        var outcome = dossier.Consent(Caller, category, instelling, geven);
        if (outcome.NotFound)
            return NotFound();
        if (outcome.Refusal is { } why)
            Weigering = $"Niet gelukt (regel {why.Rule}): {why.Reason}" + (Caller.Role == Roles.Leerling ? " Vraag je ouder of verzorger om het te doen." : "");
        else
            Melding = $"{DossierText.Category(category)} voor {InstitutionName(instelling)}: toestemming {(geven ? "gegeven" : "ingetrokken")}.";
        return LocalRedirect("/mijn-dossier");
    }

    /// <summary>A pupil of 16 or older lets a parent see the dossier, or ends that (P4).</summary>
    public IActionResult OnPostOuderinzage(bool geven)
    {
        var outcome = dossier.ChangeParentAccess(Caller, geven);
        if (outcome.NotFound)
            return NotFound();
        if (outcome.Refusal is { } why)
            Weigering = $"Niet gelukt (regel {why.Rule}): tot je 16de kan je ouder of verzorger je dossier al inzien; vanaf je 16de beslis je daar zelf over.";
        else
            Melding = geven ? "Je ouder of verzorger kan je dossier nu inzien." : "Je ouder of verzorger kan je dossier niet meer inzien.";
        return LocalRedirect("/mijn-dossier");
    }

    /// <summary>Everything the store keeps about the pupil as JSON with Dutch field names (AVG right of access); the download is audited.</summary>
    public IActionResult OnGetExport()
    {
        var outcome = dossier.Export(Caller);
        if (outcome.NotFound)
            return NotFound();
        if (outcome.Refusal is not null)
            return new ContentResult
            {
                StatusCode = StatusCodes.Status403Forbidden,
                ContentType = "text/plain; charset=utf-8",
                Content = ClosedText,
            };
        var export = MijnGegevens.From(outcome.Value!, InstitutionNames.All(site.Database), site.Today);
        return File(export.ToJson(), "application/json", $"mijn-gegevens-{export.Leerlingcode}.json");
    }
}
