using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Doorstroom.Web.Pages.Dossier;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

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
public sealed class IndexModel(Site site, DossierService dossier) : PageModel
{
    private static readonly JsonSerializerOptions ExportJson = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    [TempData] public string? Melding { get; set; }
    [TempData] public string? Weigering { get; set; }

    public ImmutableArray<DossierEntry> Entries { get; private set; } = [];
    public ImmutableArray<DossierRequest> Requests { get; private set; } = [];
    public ImmutableArray<ConsentLine> Consents { get; private set; } = [];
    public bool IsParent { get; private set; }

    public string InstitutionName(string code) => DossierText.Institution(site.Database, code);

    public void OnGet()
    {
        var caller = Caller.From(User)!;
        IsParent = caller.Role == Roles.Ouder;
        Entries = dossier.OwnEntries(caller) ?? [];
        var (consents, requests) = dossier.OwnShares(caller) ?? ([], []);
        Requests = requests;
        var applied = new EventStore(site.Database).Stream(caller.Pupil!)
            .Where(e => e.Kind == EventKind.Aangemeld && e.Date <= site.Today && e.Institution is { Length: >= 4 })
            .Select(e => e.Institution![..4]).Distinct(StringComparer.OrdinalIgnoreCase);
        Consents = [.. applied.SelectMany(at => DossierText.Categories.Select(c => new ConsentLine(at, InstitutionName(at), c,
            consents.Where(x => x.Category == c && string.Equals(x.Institution, at, StringComparison.OrdinalIgnoreCase)).OrderBy(x => x.On).LastOrDefault())))];
    }

    public IActionResult OnPostToestemming(string? instelling, string? categorie, bool geven)
    {
        if (instelling is not { Length: 4 } || !DossierRules.TryCategory(categorie, out var category)) return BadRequest();
        var outcome = dossier.Consent(Caller.From(User)!, category, instelling, geven);
        if (outcome.NotFound) return NotFound();
        if (outcome.Refusal is { } why)
            Weigering = $"Niet gelukt (regel {why.Rule}): {why.Reason}" + (Caller.From(User)!.Role == Roles.Leerling ? " Vraag je ouder of verzorger om het te doen." : "");
        else
            Melding = $"{DossierText.Category(category)} voor {InstitutionName(instelling)}: toestemming {(geven ? "gegeven" : "ingetrokken")}.";
        return LocalRedirect("/mijn-dossier");
    }

    /// <summary>Everything the store keeps about the pupil as JSON (AVG right of access); the download is audited.</summary>
    public IActionResult OnGetExport()
    {
        var export = dossier.Export(Caller.From(User)!);
        if (export is null) return NotFound();
        return File(JsonSerializer.SerializeToUtf8Bytes(export, ExportJson), "application/json", $"mijn-gegevens-{export.Pupil}.json");
    }
}
