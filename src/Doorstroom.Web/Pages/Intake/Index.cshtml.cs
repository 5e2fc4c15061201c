using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Intake;

/// <summary>The applications to the caller's own institution, with their status, filtered by status, keyset-paged.</summary>
public sealed class IndexModel(SiteServices site, ReadLog reads) : SignedInPage
{
    /// <summary>Only applicants with an application in this status.</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public ApplicationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "na")]
    public string? After { get; set; }

    [BindProperty(SupportsGet = true, Name = "aantal")]
    public int? Size { get; set; }

    public KeyPage<Applicant> Applicants { get; private set; } = new([], null);
    public IReadOnlyDictionary<string, string> Names { get; private set; } = ImmutableDictionary<string, string>.Empty;

    public void OnGet()
    {
        var locations = site.Locations(Caller.Institution!);
        var today = site.Today;
        Size = Keyset.Size(Size);
        var status = Status;
        Applicants = Keyset.Filtered(
            (after, limit) => PupilDirectory.Applicants(site.Database, locations, after, limit, today),
            status is { } s ? a => a.Applications.Any(x => x.Status == s) : null,
            a => a.Key,
            After,
            Size.Value
        );
        Names = InstitutionNames.All(site.Database);
        reads.Pupils(Caller, PupilView.Applicants, Applicants.Items.Select(a => a.Key));
    }

    /// <summary>The link to the next page, keeping the filter.</summary>
    public string? NextLink =>
        Applicants.NextAfter is { } next
            ? Url.Page(
                "/Intake/Index",
                new
                {
                    status = Status?.ToString(),
                    na = next,
                    aantal = Size == Keyset.PageSize ? null : Size,
                }
            )
            : null;
}
