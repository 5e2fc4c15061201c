using System.Globalization;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Leerlingen;

/// <summary>
/// A pupil's loopbaandossier as the mentor or decaan of the pupil's school reads it: activities with reflections, choices,
/// remarks and meeloopdag steps; the form for a remark; and the release of each text (only released texts go with an mbo's
/// request). A pupil of another school is not found (404), exactly as an unknown key.
/// </summary>
public sealed class LoopbaanModel(SiteServices site, LoopbaanService loopbaan, DossierService dossier) : SignedInPage
{
    public LoopbaanForm Form { get; } = new();
    public SchoolPupil Pupil { get; private set; } = null!;
    public Loopbaandossier Dossier { get; private set; } = null!;
    public string Today => site.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string Earliest => Domain.LoopbaanInvoer.Vroegst(site.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [BindProperty(SupportsGet = true, Name = "opgeslagen")]
    public string? Saved { get; set; }

    public string? Tekst { get; private set; }
    public string? Datum { get; private set; }

    public IActionResult OnGet(string key) => Load(key) ? Page() : NotFound();

    public IActionResult OnPostOpmerking(string key, string? tekst, string? datum)
    {
        var outcome = loopbaan.AddRemark(Caller, key, tekst, datum);
        if (outcome.NotFound)
            return NotFound();
        if (outcome.Fouten.IsEmpty)
            return LocalRedirect($"/leerlingen/{Uri.EscapeDataString(key)}/loopbaan?opgeslagen=opmerking");
        (Tekst, Datum) = (tekst, datum);
        Form.Refuse("opmerking", outcome.Fouten);
        return Load(key) ? Page() : NotFound();
    }

    public IActionResult OnPostVrijgeven(string key, long onderdeel, bool vrijgeven)
    {
        if (dossier.Release(Caller, key, onderdeel, vrijgeven).NotFound)
            return NotFound();
        return LocalRedirect($"/leerlingen/{Uri.EscapeDataString(key)}/loopbaan?opgeslagen=vrijgeven");
    }

    private bool Load(string key)
    {
        var pupil = PupilDirectory.SchoolPupil(site.Database, site.Locations(Caller.Institution!), key, site.Today);
        if (pupil is null || loopbaan.School(Caller, key).Value is not { } read)
            return false;
        Pupil = pupil;
        Dossier = read;
        Datum ??= Today;
        return true;
    }
}
