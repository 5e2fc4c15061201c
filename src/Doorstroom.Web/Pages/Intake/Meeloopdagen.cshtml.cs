using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Intake;

/// <summary>
/// The mbo intake's meeloopdagen: publish a day at one of the institution's locations, the institution's days with places taken
/// and waiting, cancel a day, and per day the pupils signed up (names only for running the day) with their attendance.
/// </summary>
[Authorize(Policy = Policies.RecordIntake)]
public sealed class MeeloopdagenModel(MeeloopdagService meeloop) : SignedInPage
{
    [BindProperty]
    public string? Locatie { get; set; }

    [BindProperty]
    public string? Crebo { get; set; }

    [BindProperty]
    public string? Datum { get; set; }

    [BindProperty]
    public string? Plaatsen { get; set; }

    [BindProperty]
    public string? Tijd { get; set; }

    [BindProperty]
    public string? Omschrijving { get; set; }

    /// <summary>The day whose sign-ups are shown.</summary>
    [BindProperty(SupportsGet = true, Name = "dag")]
    public string? Dag { get; set; }

    [TempData]
    public string? Melding { get; set; }

    [TempData]
    public string? Weigering { get; set; }

    public MeeloopdagService Meeloop => meeloop;

    public ImmutableArray<string> Locations { get; private set; } = [];

    public ImmutableArray<MeeloopdagView> Days { get; private set; } = [];

    /// <summary>The day shown with its sign-ups, if one.</summary>
    public MeeloopdagView? Shown { get; private set; }

    public ImmutableArray<MeeloopSignUp> SignUps { get; private set; } = [];

    public DateOnly Today => meeloop.Today;

    public IActionResult OnGet()
    {
        Load();
        if (Dag is { Length: > 0 } id)
        {
            Shown = meeloop.OwnDay(Caller, id);
            if (Shown is null)
                return NotFound();
            SignUps = meeloop.SignUps(Caller, id) ?? [];
        }
        return Page();
    }

    public IActionResult OnPostPubliceren()
    {
        var (day, errors) = meeloop.Publish(Caller, new MeeloopdagInput(Locatie, Crebo, Datum, Plaatsen, Tijd, Omschrijving));
        foreach (var (field, message) in errors)
            ModelState.AddModelError(field, message);
        if (day is null)
        {
            Load();
            return Page();
        }
        Melding = $"De meeloopdag van {DutchFormat.Date(day.On)} is gepubliceerd.";
        return LocalRedirect("/intake/meeloopdagen");
    }

    public IActionResult OnPostAnnuleren(string? dag)
    {
        var change = meeloop.CancelDay(Caller, dag ?? "");
        if (change.Refusal == MeeloopRefusal.NoSuchDay)
            return NotFound();
        if (change.Refusal is { } why)
            Weigering = MeeloopdagText.Refusal(why, toPupil: false);
        else
            Melding = "De meeloopdag is geannuleerd; wie was aangemeld, is afgemeld.";
        return LocalRedirect("/intake/meeloopdagen");
    }

    public IActionResult OnPostAanwezigheid(string? dag, string? leerling, bool gekomen)
    {
        var id = dag ?? "";
        var change = meeloop.Attendance(Caller, id, leerling ?? "", gekomen);
        if (change.Refusal == MeeloopRefusal.NoSuchDay)
            return NotFound();
        if (change.Refusal is { } why)
            Weigering = MeeloopdagText.Refusal(why, toPupil: false);
        else
            Melding = gekomen ? "Vastgelegd: bijgewoond." : "Vastgelegd: niet verschenen.";
        return LocalRedirect("/intake/meeloopdagen?dag=" + Uri.EscapeDataString(id));
    }

    private void Load()
    {
        Locations = meeloop.MboLocations(Caller);
        Days = meeloop.Own(Caller);
        Datum ??= Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The Dutch error of a field, or null.</summary>
    public string? Error(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    /// <summary>The link to a day's sign-ups.</summary>
    public static string Link(MeeloopdagView day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return "/intake/meeloopdagen?dag=" + Uri.EscapeDataString(day.Day.Id) + "#deelnemers";
    }
}
