using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Web.Pages.Dossier;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Intake;

/// <summary>
/// The mbo side of the transfer dossier (intake or mbo zorgcoördinator): request an applicant's dossier for a purpose and
/// categories (refused before an application, P2), and the institution's own requests with a read link per category.
/// </summary>
public sealed class DossierverzoekenModel(DossierService dossier) : SignedInPage
{
    /// <summary>The longest purpose the form takes.</summary>
    public const int MaxPurpose = 300;

    [BindProperty(SupportsGet = true, Name = "leerling")]
    public string? Leerling { get; set; }

    [BindProperty]
    public string? Doel { get; set; }

    [BindProperty]
    public List<string> Categorieen { get; set; } = [];

    [BindProperty(SupportsGet = true, Name = "verzocht")]
    public bool Requested { get; set; }

    [TempData]
    public string? Weigering { get; set; }

    public ImmutableArray<DossierRequest> Requests { get; private set; } = [];

    public void OnGet() => Requests = dossier.RequestsOf(Caller);

    public IActionResult OnPost()
    {
        var key = Leerling?.Trim() ?? "";
        if (key.Length == 0)
            ModelState.AddModelError(nameof(Leerling), "Geef de leerlingcode van de aanmelder.");
        var purpose = Doel?.Trim() ?? "";
        if (purpose.Length == 0)
            ModelState.AddModelError(nameof(Doel), "Geef het doel van het verzoek: daarvoor alleen mag u het dossier gebruiken.");
        else if (purpose.Length > MaxPurpose)
            ModelState.AddModelError(nameof(Doel), $"Het doel is te lang: hoogstens {MaxPurpose} tekens.");
        var categories = ImmutableArray.CreateBuilder<DossierCategory>();
        foreach (var name in Categorieen)
        {
            if (DossierRules.TryCategory(name, out var category))
                categories.Add(category);
            else
                ModelState.AddModelError(nameof(Categorieen), "Kies alleen categorieën uit de lijst.");
        }
        if (categories.Count == 0 && ModelState.IsValid)
            ModelState.AddModelError(nameof(Categorieen), "Kies ten minste één categorie.");
        if (!ModelState.IsValid)
        {
            OnGet();
            return Page();
        }

        var outcome = dossier.Request(Caller, key, purpose, categories.ToImmutable());
        if (outcome.NotFound)
        {
            ModelState.AddModelError(nameof(Leerling), "Er is geen aanmelder met die leerlingcode.");
            OnGet();
            return Page();
        }
        if (outcome.Refusal is { } why)
        {
            Weigering = $"Het verzoek is geweigerd (regel {why.Rule}): {why.Reason}";
            return LocalRedirect("/intake/dossierverzoeken");
        }
        return LocalRedirect("/intake/dossierverzoeken?verzocht=true");
    }

    /// <summary>The read link of a category of a request (built by hand: the router lowercases, ids and categories are lower case anyway).</summary>
    public static string ReadLink(DossierRequest request, DossierCategory category)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"/intake/dossierverzoeken/{Uri.EscapeDataString(request.Id)}/{DossierRules.Name(category)}";
    }

    /// <summary>The Dutch error of a field, or null.</summary>
    public string? Error(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>The category as a person reads it.</summary>
    public static string Name(DossierCategory category) => DossierText.Category(category);
}
