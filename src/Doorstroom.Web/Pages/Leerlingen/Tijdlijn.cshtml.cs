using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Leerlingen;

/// <summary>One pupil's timeline as the decaan may see it; a pupil of another school is not found (404), so nothing leaks.</summary>
public sealed class TijdlijnModel(SiteServices site, ReadLog reads) : SignedInPage
{
    public SchoolPupil Pupil { get; private set; } = null!;
    public TimelineView Timeline { get; private set; } = null!;

    public IActionResult OnGet(string key)
    {
        var today = site.Today;
        var pupil = PupilDirectory.SchoolPupil(site.Database, site.Locations(Caller.Institution!), key, today, site.WarnFrom);
        if (pupil is null)
            return NotFound();
        Pupil = pupil;
        reads.Pupil(Caller, PupilView.SchoolTimeline, pupil.Key);
        Timeline = EventText.View(pupil.Stream, today, InstitutionNames.All(site.Database), pupil.Applications, pupil.Signals, site.Catalogue);
        return Page();
    }
}
