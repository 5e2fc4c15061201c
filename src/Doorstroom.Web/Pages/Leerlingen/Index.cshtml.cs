using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Leerlingen;

/// <summary>
/// The decaan's working list of the school's pupils in one exam year: search, filters, sort and counts (all in the query
/// string, so that a link, the print view and the exports carry them), paged; the same list as .xlsx, CSV or a print view.
/// </summary>
public sealed class IndexModel(SiteServices site, ReadLog reads) : SignedInPage
{
    /// <summary>The exam year shown; default the newest one up to the current exam year.</summary>
    [BindProperty(SupportsGet = true, Name = "examenjaar")]
    public int? ExamYear { get; set; }

    /// <summary>Only pupils with at least one signal.</summary>
    [BindProperty(SupportsGet = true, Name = "signaal")]
    public bool OnlySignals { get; set; }

    /// <summary>A doubt signal by its query value (<see cref="DoubtFilter"/>: <c>geen-lob</c>, …, or <c>elk</c>).</summary>
    [BindProperty(SupportsGet = true, Name = "twijfel")]
    public string? Doubt { get; set; }

    /// <summary>A name or pupil number, or part of one.</summary>
    [BindProperty(SupportsGet = true, Name = "zoek")]
    public string? Search { get; set; }

    /// <summary>A <see cref="PupilStatus"/> by its query value (<c>niet-aangemeld</c>, …).</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    /// <summary>An mbo institution (BRIN4) applied to.</summary>
    [BindProperty(SupportsGet = true, Name = "instelling")]
    public string? Institution { get; set; }

    /// <summary>A programme (crebo) applied to.</summary>
    [BindProperty(SupportsGet = true, Name = "opleiding")]
    public int? Crebo { get; set; }

    [BindProperty(SupportsGet = true, Name = "sorteer")]
    public string? Sort { get; set; }

    /// <summary>The page shown, from 1.</summary>
    [BindProperty(SupportsGet = true, Name = "pagina")]
    public int? PageNumber { get; set; }

    [BindProperty(SupportsGet = true, Name = "aantal")]
    public int? Size { get; set; }

    /// <summary><c>print</c>: the whole filtered list without controls, for paper.</summary>
    [BindProperty(SupportsGet = true, Name = "weergave")]
    public string? View { get; set; }

    /// <summary><c>xlsx</c> or <c>csv</c>: the whole filtered list as a file.</summary>
    [BindProperty(SupportsGet = true, Name = "formaat")]
    public string? Format { get; set; }

    public ImmutableArray<int> ExamYears { get; private set; } = [];
    public PupilListResult List { get; private set; } = new([], 0, ImmutableDictionary<PupilStatus, int>.Empty);

    /// <summary>The pupils on this page (every filtered pupil in the print view).</summary>
    public ImmutableArray<SchoolPupil> Shown { get; private set; } = [];
    public ImmutableArray<PupilChoice> Institutions { get; private set; } = [];
    public ImmutableArray<PupilChoice> Programmes { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = ImmutableDictionary<string, string>.Empty;
    public IReadOnlyDictionary<int, string> ProgrammeNames { get; private set; } = ImmutableDictionary<int, string>.Empty;
    public PupilQuery Query { get; private set; } = new();

    /// <summary>The doubt signals of every pupil of the exam year on <see cref="Today"/>, by pupil key.</summary>
    public IReadOnlyDictionary<string, ImmutableArray<Domain.DoubtSignal>> Doubts { get; private set; } =
        ImmutableDictionary<string, ImmutableArray<Domain.DoubtSignal>>.Empty;

    /// <summary>The doubt signal filtered on.</summary>
    public DoubtFilter DoubtQuery { get; private set; } = DoubtFilter.None;
    public DateOnly Today { get; private set; }

    /// <summary>The site, for the rule references.</summary>
    public SiteServices Site => site;
    public DateOnly WarnFrom { get; private set; }
    public bool Print => View == "print";

    public IActionResult OnGet()
    {
        var locations = site.Locations(Caller.Institution!);
        Today = site.Today;
        ExamYears = PupilDirectory.ExamYears(site.Database, locations);
        var current = DemoData.CurrentExamYear(Today);
        ExamYear ??= ExamYears.Where(y => y <= current).Cast<int?>().FirstOrDefault() ?? (ExamYears.IsEmpty ? current : ExamYears[^1]);
        WarnFrom = site.WarnFrom.In(ExamYear.Value);
        var all = new List<SchoolPupil>();
        string? after = null;
        while (true)
        {
            var page = PupilDirectory.SchoolPupils(site.Database, locations, ExamYear, after, PupilDirectory.MaxPage, Today, site.WarnFrom);
            all.AddRange(page.Items);
            if ((after = page.NextAfter) is null)
                break;
        }
        Names = InstitutionNames.All(site.Database);
        ProgrammeNames = Storage.ProgrammeNames.All(site.Database);
        (Institutions, Programmes) = PupilList.Choices(all, Names, ProgrammeNames);
        var crebos = site.Crebos();
        Doubts = all.ToDictionary(p => p.Key, p => Domain.DoubtSignals.On(p.Stream, Today, site.Doubt, crebos), StringComparer.Ordinal);
        DoubtQuery = DoubtFilter.Parse(Doubt);
        if (DoubtQuery.Active)
            all = [.. all.Where(p => DoubtQuery.Admits(Doubts[p.Key]))];
        Query = new(
            Search,
            PupilList.ParseStatus(Status),
            string.IsNullOrWhiteSpace(Institution) ? null : Institution.Trim(),
            Crebo,
            OnlySignals,
            PupilList.ParseSort(Sort)
        );
        List = PupilList.Apply(all, Query, Names);

        if (Format is "xlsx" or "csv")
        {
            reads.Pupils(Caller, PupilView.SchoolExport, List.Pupils.Select(p => p.Key));
            var rows = PupilListFile.Rows(List.Pupils, Names, ProgrammeNames);
            var name = $"leerlingen-{ExamYear.Value.ToString(CultureInfo.InvariantCulture)}-{Today:yyyy-MM-dd}";
            return Format == "xlsx"
                ? File(PupilListFile.Xlsx(rows), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx")
                : File(PupilListFile.Csv(rows), "text/csv; charset=utf-8", name + ".csv");
        }

        Size = Keyset.Size(Size);
        var pages = Math.Max(1, (List.Pupils.Length + Size.Value - 1) / Size.Value);
        PageNumber = Math.Clamp(PageNumber ?? 1, 1, pages);
        Shown = Print ? List.Pupils : [.. List.Pupils.Skip((PageNumber.Value - 1) * Size.Value).Take(Size.Value)];
        reads.Pupils(Caller, PupilView.SchoolList, Shown.Select(p => p.Key));
        return Page();
    }

    /// <summary>This list's address with some query values changed (null leaves one out); the filters are kept.</summary>
    public string Link(object? changes = null)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["examenjaar"] = ExamYear,
            ["zoek"] = string.IsNullOrWhiteSpace(Search) ? null : Search,
            ["status"] = Query.Status is { } s ? PupilList.Value(s) : null,
            ["instelling"] = Query.Institution,
            ["opleiding"] = Crebo,
            ["signaal"] = OnlySignals ? "true" : null,
            ["twijfel"] = DoubtQuery.QueryValue,
            ["sorteer"] = Query.Sort == PupilSort.Naam ? null : PupilList.Value(Query.Sort),
            ["aantal"] = Size == Keyset.PageSize ? null : Size,
        };
        if (changes is not null)
            foreach (var property in changes.GetType().GetProperties())
                values[property.Name] = property.GetValue(changes);
        var query = string.Join(
            "&",
            values
                .Where(v => v.Value is not null && v.Value.ToString() != "")
                .Select(v => v.Key + "=" + Uri.EscapeDataString(Convert.ToString(v.Value, CultureInfo.InvariantCulture)!))
        );
        return "/leerlingen" + (query.Length == 0 ? "" : "?" + query);
    }

    /// <summary>The link to the next page, keeping the filters.</summary>
    public string? NextLink => !Print && PageNumber * Size < List.Pupils.Length ? Link(new { pagina = PageNumber + 1 }) : null;

    /// <summary>The link to the previous page, keeping the filters.</summary>
    public string? PreviousLink => !Print && PageNumber > 1 ? Link(new { pagina = PageNumber - 1 }) : null;

    /// <summary>What the filters ask, in words, for the caption and the print view.</summary>
    public string Description()
    {
        var parts = new List<string> { "examenjaar " + ExamYear?.ToString(CultureInfo.InvariantCulture) };
        if (!string.IsNullOrWhiteSpace(Search))
            parts.Add($"zoekterm \u201c{Search.Trim()}\u201d");
        if (Query.Status is { } s)
            parts.Add("status " + PupilList.Label(s));
        if (Query.Institution is { } i)
            parts.Add("aangemeld bij " + PupilList.InstitutionName(i, Names));
        if (Crebo is { } c)
            parts.Add(
                "opleiding "
                    + (
                        Programmes.FirstOrDefault(p => p.Value == c.ToString(CultureInfo.InvariantCulture))?.Name
                        ?? "crebo " + c.ToString(CultureInfo.InvariantCulture)
                    )
            );
        if (OnlySignals)
            parts.Add("alleen met een signaal");
        if (DoubtQuery.Active)
            parts.Add(DoubtQuery.Description);
        return string.Join(", ", parts);
    }
}
