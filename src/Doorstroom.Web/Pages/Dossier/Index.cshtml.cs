using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Dossier;

/// <summary>One pupil in the school's dossier list: the pupil, their dossier status, and the latest consent change per category and institution.</summary>
public sealed record DossierRow(SchoolPupil Pupil, DossierStatus Status, ImmutableArray<ConsentChange> Consents)
{
    /// <summary>Anything to see: an entry, an open request or a consent choice.</summary>
    public bool HasAny => Status.Entries > 0 || !Status.OpenRequests.IsEmpty || !Consents.IsEmpty;
}

/// <summary>
/// The vo school's dossier list (decaan or zorgcoördinator): the school's pupils of an exam year with their dossier status —
/// entries and how many are released, open mbo requests, consent given or withdrawn per category — each linking to the
/// pupil's dossier; and the way in by pupil key. Only the caller's own school (decision 0013); the list read is logged.
/// </summary>
public sealed class IndexModel(SiteServices site, ReadLog reads) : SignedInPage
{
    [BindProperty(SupportsGet = true, Name = "leerling")]
    public string? Leerling { get; set; }

    /// <summary>The exam year shown; default the newest one up to the current exam year.</summary>
    [BindProperty(SupportsGet = true, Name = "examenjaar")]
    public int? ExamYear { get; set; }

    /// <summary>Only pupils with an entry, an open request or a consent choice.</summary>
    [BindProperty(SupportsGet = true, Name = "metdossier")]
    public bool OnlyWithDossier { get; set; }

    [BindProperty(SupportsGet = true, Name = "na")]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true, Name = "aantal")]
    public int? Size { get; set; }

    public bool Unknown { get; private set; }
    public ImmutableArray<int> ExamYears { get; private set; } = [];
    public KeyPage<DossierRow> Rows { get; private set; } = new([], null);
    public IReadOnlyDictionary<string, string> Names { get; private set; } = ImmutableDictionary<string, string>.Empty;

    public IActionResult OnGet()
    {
        var locations = site.Locations(Caller.Institution!);
        var today = site.Today;
        if (!string.IsNullOrWhiteSpace(Leerling))
        {
            var key = Leerling.Trim();
            if (PupilDirectory.SchoolPupil(site.Database, locations, key, today) is not null)
                return LocalRedirect("/dossier/" + Uri.EscapeDataString(key));
            Unknown = true;
        }
        ExamYears = PupilDirectory.ExamYears(site.Database, locations);
        var current = DemoData.CurrentExamYear(today);
        ExamYear ??= ExamYears.Where(y => y <= current).Cast<int?>().FirstOrDefault() ?? (ExamYears.IsEmpty ? current : ExamYears[^1]);
        Size = Keyset.Size(Size);
        Rows = Keyset.Filtered(
            (after, limit) => Fetch(locations, after, limit, today),
            OnlyWithDossier ? r => r.HasAny : null,
            r => r.Pupil.Key,
            After,
            Size.Value
        );
        Names = InstitutionNames.All(site.Database);
        reads.Pupils(Caller, PupilView.DossierList, Rows.Items.Select(r => r.Pupil.Key));
        return Page();
    }

    /// <summary>A page of the school's pupils with their status: the pupils and their streams, then the statuses of that page in two queries.</summary>
    private KeyPage<DossierRow> Fetch(IReadOnlyCollection<string> locations, string? after, int limit, DateOnly today)
    {
        var pupils = PupilDirectory.SchoolPupils(site.Database, locations, ExamYear, after, limit, today);
        var statuses = DossierStore.Statuses(site.Database, [.. pupils.Items.Select(p => p.Key)], today);
        return new(
            [.. pupils.Items.Select(p => new DossierRow(p, statuses.GetValueOrDefault(p.Key, DossierStatus.None), LatestConsents(p.Stream, today)))],
            pupils.NextAfter
        );
    }

    /// <summary>The latest consent change up to today per category and institution, by category.</summary>
    private static ImmutableArray<ConsentChange> LatestConsents(IEnumerable<TransitionEvent> stream, DateOnly today) =>
        [
            .. DossierRules
                .Consents(stream.Where(e => e.Date <= today))
                .GroupBy(c => (c.Category, Institution: c.Institution.ToUpperInvariant()))
                .Select(g => g.OrderBy(c => c.On).Last())
                .OrderBy(c => c.Category)
                .ThenBy(c => c.Institution, StringComparer.Ordinal),
        ];

    /// <summary>The link to the next page, keeping the filters.</summary>
    public string? NextLink =>
        Rows.NextAfter is { } next
            ? Url.Page(
                "/Dossier/Index",
                new
                {
                    examenjaar = ExamYear,
                    metdossier = OnlyWithDossier ? "true" : null,
                    na = next,
                    aantal = Size == Keyset.PageSize ? null : Size,
                }
            )
            : null;
}
