using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Pages.MijnTijdlijn;

/// <summary>The signed-in pupil's own stream and applications; whose stream it is comes from the sign-in, never the request.</summary>
public sealed class IndexModel(SiteServices site, ReadLog reads) : SignedInPage
{
    public TimelineView Timeline { get; private set; } = null!;

    public void OnGet()
    {
        var today = site.Today;
        var stream = new EventStore(site.Database).Stream(Caller.Pupil!).Where(e => e.Date <= today).ToList();
        Timeline = EventText.View(stream, today, InstitutionNames.All(site.Database), Applications.Of(stream), catalogue: site.Catalogue);
        reads.Pupil(Caller, PupilView.OwnTimeline, Caller.Pupil!);
    }
}
