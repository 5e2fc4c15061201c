using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Intake;

/// <summary>
/// One applicant as the institution sees them (only events at its own locations) and, for the intake role, the form that
/// records an intake and its outcome. An applicant or application outside the caller's institution is not found (404).
/// </summary>
public sealed class AanmelderModel(SiteServices site, IAuthorizationService authorization, ReadLog reads) : SignedInPage
{
    /// <summary>The outcomes of an intake interview, as recorded in the event's detail.</summary>
    public static ImmutableArray<string> Outcomes { get; } = ["positief", "twijfel", "negatief"];

    [BindProperty]
    public string? Aanmelding { get; set; }

    [BindProperty]
    public string? Datum { get; set; }

    [BindProperty]
    public string? Uitkomst { get; set; }

    [BindProperty]
    public string? Besluit { get; set; }

    [BindProperty]
    public string? Reden { get; set; }

    [BindProperty(SupportsGet = true, Name = "vastgelegd")]
    public bool Recorded { get; set; }

    public Applicant Applicant { get; private set; } = null!;
    public TimelineView Timeline { get; private set; } = null!;
    public bool MayRecord { get; private set; }
    public DateOnly Today => site.Today;

    /// <summary>The applications an intake or decision can still be recorded for: applied or interviewed.</summary>
    public ImmutableArray<Application> Open =>
        [.. Applicant.Applications.Where(a => a.Status is ApplicationStatus.Aangemeld or ApplicationStatus.IntakeGehouden)];

    /// <summary>The form value naming an application: its location and crebo.</summary>
    public static string Value(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return $"{application.Institution}:{application.Crebo?.ToString(CultureInfo.InvariantCulture)}";
    }

    public async Task<IActionResult> OnGetAsync(string key)
    {
        if (!await Load(key))
            return NotFound();
        Datum ??= Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string key)
    {
        if (!(await authorization.AuthorizeAsync(User, Policies.RecordIntake)).Succeeded)
            return Forbid();
        if (!await Load(key))
            return NotFound();
        var application = Applicant.Applications.LastOrDefault(a => Value(a) == Aanmelding);
        if (application is null)
            return NotFound();

        var decided = Decide(key, application);
        if (!ModelState.IsValid)
            return Page();
        new EventStore(site.Database).Append(
            decided.Select(e => PupilDirectory.Record(site.Database, e) ?? throw new InvalidOperationException("the applicant is not in the store"))
        );
        // Built by hand: the router lowercases generated paths, and pupil keys are case-sensitive.
        return LocalRedirect($"/intake/{Uri.EscapeDataString(key)}?vastgelegd=true");
    }

    // Load → decide: the events the form asks for, or field errors (Dutch) and none.
    private ImmutableArray<TransitionEvent> Decide(string key, Application application)
    {
        if (!Open.Contains(application))
            ModelState.AddModelError(nameof(Aanmelding), "Voor deze aanmelding is al een besluit vastgelegd of ze is ingetrokken.");
        var outcome = string.IsNullOrEmpty(Uitkomst) ? null : Uitkomst;
        if (outcome is not null && !Outcomes.Contains(outcome))
            ModelState.AddModelError(nameof(Uitkomst), "Kies positief, twijfel of negatief.");
        if (outcome is null && application.Status != ApplicationStatus.IntakeGehouden)
            ModelState.AddModelError(nameof(Uitkomst), "Kies de uitkomst van de intake: er is nog geen intake vastgelegd.");
        var decision = string.IsNullOrEmpty(Besluit) ? null : Besluit;
        if (decision is not (null or "toegelaten" or "afgewezen"))
            ModelState.AddModelError(nameof(Besluit), "Kies geen besluit, toegelaten of afgewezen.");
        if (outcome is null && decision is null)
            ModelState.AddModelError(nameof(Uitkomst), "Kies een uitkomst van de intake of een besluit.");
        var reason = string.IsNullOrWhiteSpace(Reden) ? null : Reden.Trim();
        if (decision == "afgewezen" && reason is null)
            ModelState.AddModelError(nameof(Reden), "Geef de reden van de afwijzing.");

        var earliest = outcome is null ? application.StatusOn : application.AppliedOn;
        if (!PlanJson.TryIso(Datum, out var date))
            ModelState.AddModelError(nameof(Datum), "Geef een datum als jjjj-mm-dd.");
        else if (date > Today)
            ModelState.AddModelError(nameof(Datum), "De datum ligt in de toekomst; leg een intake vast als hij gehouden is.");
        else if (date < earliest)
            ModelState.AddModelError(nameof(Datum), $"De datum ligt vóór {(outcome is null ? "de intake" : "de aanmelding")} ({DutchFormat.Date(earliest)}).");
        if (!ModelState.IsValid)
            return [];

        var events = ImmutableArray.CreateBuilder<TransitionEvent>(2);
        TransitionEvent At(EventKind kind, string? detail) =>
            new(key, date, kind, application.Institution, application.Leerweg, Niveau: application.Niveau, Crebo: application.Crebo, Detail: detail);
        if (outcome is not null)
            events.Add(At(EventKind.IntakeGehouden, outcome));
        if (decision == "toegelaten")
            events.Add(At(EventKind.Toegelaten, null));
        if (decision == "afgewezen")
            events.Add(At(EventKind.Afgewezen, reason));
        foreach (var e in events)
        {
            foreach (var (field, _) in EventShapes.Check(e))
                ModelState.AddModelError(
                    field == "detail" ? nameof(Reden) : nameof(Aanmelding),
                    field == "detail"
                        ? $"De reden is te lang: hoogstens {EventShapes.MaxDetailLength} tekens."
                        : "Deze aanmelding kan zo niet worden vastgelegd (" + field + ")."
                );
        }
        return events.ToImmutable();
    }

    private async Task<bool> Load(string key)
    {
        var applicant = PupilDirectory.Applicant(site.Database, site.Locations(Caller.Institution!), key, Today);
        if (applicant is null)
            return false;
        Applicant = applicant;
        reads.Pupil(Caller, PupilView.Applicant, applicant.Key);
        Timeline = EventText.View(applicant.Stream, Today, InstitutionNames.All(site.Database), applicant.Applications, catalogue: site.Catalogue);
        MayRecord = (await authorization.AuthorizeAsync(User, Policies.RecordIntake)).Succeeded;
        return true;
    }

    /// <summary>The Dutch error of a field, or null.</summary>
    public string? Error(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;
}
