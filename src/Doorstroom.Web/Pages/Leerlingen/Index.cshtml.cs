using System.Collections.Immutable;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Leerlingen;

/// <summary>The decaan's list of the school's pupils: applications, status and signals, per exam year, keyset-paged.</summary>
public sealed class IndexModel(Site site, ReadLog reads) : PageModel
{
    /// <summary>The exam year shown; default the newest one up to the current exam year.</summary>
    [BindProperty(SupportsGet = true, Name = "examenjaar")] public int? ExamYear { get; set; }
    /// <summary>Only pupils with at least one signal.</summary>
    [BindProperty(SupportsGet = true, Name = "signaal")] public bool OnlySignals { get; set; }
    /// <summary>The key after which the page starts.</summary>
    [BindProperty(SupportsGet = true, Name = "na")] public string? After { get; set; }
    [BindProperty(SupportsGet = true, Name = "aantal")] public int? Size { get; set; }

    public ImmutableArray<int> ExamYears { get; private set; } = [];
    public KeyPage<SchoolPupil> Pupils { get; private set; } = new([], null);
    public IReadOnlyDictionary<string, string> Names { get; private set; } = ImmutableDictionary<string, string>.Empty;

    public void OnGet()
    {
        var caller = Caller.From(User)!;
        var locations = site.Locations(caller.Institution!);
        var today = site.Today;
        ExamYears = PupilDirectory.ExamYears(site.Database, locations);
        var current = DemoData.CurrentExamYear(today);
        ExamYear ??= ExamYears.Where(y => y <= current).Cast<int?>().FirstOrDefault() ?? (ExamYears.IsEmpty ? current : ExamYears[^1]);
        Size = Keyset.Size(Size);
        Pupils = Keyset.Filtered(
            (after, limit) => PupilDirectory.SchoolPupils(site.Database, locations, ExamYear, after, limit, today),
            OnlySignals ? p => !p.Signals.IsEmpty : null, p => p.Key, After, Size.Value);
        Names = InstitutionNames.All(site.Database);
        reads.Pupils(caller, PupilView.SchoolList, Pupils.Items.Select(p => p.Key));
    }

    /// <summary>The link to the next page, keeping the filters.</summary>
    public string? NextLink => Pupils.NextAfter is { } next
        ? Url.Page("/Leerlingen/Index", new { examenjaar = ExamYear, signaal = OnlySignals ? "true" : null, na = next, aantal = Size == Keyset.PageSize ? null : Size })
        : null;
}
