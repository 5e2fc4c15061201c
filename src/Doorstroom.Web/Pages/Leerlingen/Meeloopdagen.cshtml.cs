using Doorstroom.Storage;
using Doorstroom.Web.Pages.Meeloopdagen;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Leerlingen;

/// <summary>The decaan signs a pupil of the school up for a meeloopdag (or cancels); a pupil of another school is not found (404).</summary>
public sealed class MeeloopdagenModel(MeeloopdagService meeloop, SiteServices site) : MeeloopdagenPage(meeloop)
{
    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = "";

    public SchoolPupil Pupil { get; private set; } = null!;

    public override bool ToPupil => false;

    public override string Path => "/leerlingen/" + Uri.EscapeDataString(Key) + "/meeloopdagen";

    protected override string? PupilKey => Key;

    public IActionResult OnGet()
    {
        var pupil = PupilDirectory.SchoolPupil(site.Database, site.Locations(Caller.Institution!), Key, site.Today);
        if (pupil is null || !Load())
            return NotFound();
        Pupil = pupil;
        return Page();
    }
}
