using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Dossier;

/// <summary>
/// A pupil's transfer dossier as their vo school keeps it (decaan or vo zorgcoördinator): the entries with their release,
/// and the form that adds one. Outside the caller's school (or on the mbo side) the pupil is not found (404).
/// </summary>
public sealed class LeerlingModel(SiteServices site, DossierService dossier) : SignedInPage
{
    /// <summary>The longest entry text the form takes.</summary>
    public const int MaxText = 4000;

    [BindProperty]
    public string? Categorie { get; set; }

    [BindProperty]
    public string? Soort { get; set; }

    [BindProperty]
    public string? Datum { get; set; }

    [BindProperty]
    public string? Tekst { get; set; }

    [BindProperty(SupportsGet = true, Name = "toegevoegd")]
    public bool Added { get; set; }

    [BindProperty(SupportsGet = true, Name = "gewijzigd")]
    public bool Changed { get; set; }

    public string Key { get; private set; } = "";
    public string Title { get; private set; } = "";
    public ImmutableArray<DossierEntry> Entries { get; private set; } = [];
    public bool IsDecaan { get; private set; }
    public DateOnly Today => site.Today;

    public IActionResult OnGet(string key)
    {
        if (!Load(key))
            return NotFound();
        Datum ??= Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public IActionResult OnPostToevoegen(string key)
    {
        var category = default(DossierCategory);
        if (!DossierRules.TryCategory(Categorie, out category))
            ModelState.AddModelError(nameof(Categorie), "Kies een categorie.");
        if (Soort is not (DossierStore.Note or DossierStore.WarmHandOver))
            ModelState.AddModelError(nameof(Soort), "Kies notitie of warme overdracht.");
        var date = default(DateOnly);
        if (!PlanJson.TryIso(Datum, out date))
            ModelState.AddModelError(nameof(Datum), "Geef een datum als jjjj-mm-dd.");
        else if (date > Today)
            ModelState.AddModelError(nameof(Datum), "De datum ligt in de toekomst.");
        var text = Tekst?.Trim() ?? "";
        if (text.Length == 0)
            ModelState.AddModelError(nameof(Tekst), "Schrijf de tekst van het onderdeel.");
        else if (text.Length > MaxText)
            ModelState.AddModelError(nameof(Tekst), $"De tekst is te lang: hoogstens {MaxText} tekens.");
        if (!ModelState.IsValid)
            return Load(key) ? Page() : NotFound();

        var written = dossier.Write(Caller, key, category, Soort!, date, text);
        if (written.NotFound)
            return NotFound();
        return LocalRedirect($"/dossier/{Uri.EscapeDataString(key)}?toegevoegd=true");
    }

    public IActionResult OnPostVrijgeven(string key, long onderdeel, bool vrijgeven)
    {
        var released = dossier.Release(Caller, key, onderdeel, vrijgeven);
        if (released.NotFound)
            return NotFound();
        return LocalRedirect($"/dossier/{Uri.EscapeDataString(key)}?gewijzigd=true");
    }

    private bool Load(string key)
    {
        if (dossier.SchoolView(Caller, key) is not { } entries)
            return false;
        var pupil = PupilDirectory.SchoolPupil(site.Database, site.Locations(Caller.Institution!), key, Today);
        if (pupil is null)
            return false;
        Key = key;
        Title = pupil.Name ?? key;
        Entries = entries;
        IsDecaan = Caller.Role == Roles.Decaan;
        return true;
    }

    /// <summary>The Dutch error of a field, or null.</summary>
    public string? Error(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
