using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Leerlingen;

/// <summary>One pupil's timeline as the decaan may see it; a pupil of another school is not found (404), so nothing leaks.</summary>
public sealed class TijdlijnModel(SiteServices site, ReadLog reads) : PageModel
{
    public SchoolPupil Pupil { get; private set; } = null!;
    public TimelineView Timeline { get; private set; } = null!;

    public IActionResult OnGet(string key)
    {
        var caller = Caller.From(User)!;
        var today = site.Today;
        var pupil = PupilDirectory.SchoolPupil(site.Database, site.Locations(caller.Institution!), key, today, site.WarnFrom);
        if (pupil is null) return NotFound();
        Pupil = pupil;
        reads.Pupil(caller, PupilView.SchoolTimeline, pupil.Key);
        Timeline = EventText.View(pupil.Stream, today, InstitutionNames.All(site.Database), pupil.Applications, pupil.Signals, site.Catalogue);
        return Page();
    }
}
