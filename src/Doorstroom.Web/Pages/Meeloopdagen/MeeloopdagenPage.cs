using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.Meeloopdagen;

/// <summary>
/// The upcoming meeloopdagen with a pupil's own status, and sign up / cancel: for the pupil themself (/meeloopdagen) and for the
/// decaan acting for a pupil of the school (/leerlingen/{key}/meeloopdagen). A pupil the caller may not act for is not found.
/// </summary>
public abstract class MeeloopdagenPage(MeeloopdagService meeloop) : SignedInPage
{
    /// <summary>Filter: the programme's crebo.</summary>
    [BindProperty(SupportsGet = true, Name = "opleiding")]
    public string? Opleiding { get; set; }

    /// <summary>Filter: the location (BRIN6).</summary>
    [BindProperty(SupportsGet = true, Name = "locatie")]
    public string? Locatie { get; set; }

    /// <summary>Filter: from this date.</summary>
    [BindProperty(SupportsGet = true, Name = "vanaf")]
    public string? Vanaf { get; set; }

    [TempData]
    public string? Melding { get; set; }

    [TempData]
    public string? Weigering { get; set; }

    public MeeloopdagService Meeloop => meeloop;

    /// <summary>The days the filter shows.</summary>
    public ImmutableArray<MeeloopdagView> Days { get; private set; } = [];

    /// <summary>Every upcoming day (for the filter's choices).</summary>
    public ImmutableArray<MeeloopdagView> AllUpcoming { get; private set; } = [];

    /// <summary>The pupil's sign-ups, every status, by day id.</summary>
    public ImmutableDictionary<string, MeeloopSignUp> Mine { get; private set; } = ImmutableDictionary<string, MeeloopSignUp>.Empty;

    /// <summary>The pupil's sign-ups with their days, by date.</summary>
    public ImmutableArray<(MeeloopdagView Day, MeeloopSignUp SignUp)> MyDays { get; private set; } = [];

    /// <summary>True on the pupil's own page ("je"); false for the decaan ("u", "de leerling").</summary>
    public abstract bool ToPupil { get; }

    /// <summary>The path the forms post to and the filter gets.</summary>
    public abstract string Path { get; }

    /// <summary>The pupil's key the decaan acts for (null on the pupil's own page).</summary>
    protected abstract string? PupilKey { get; }

    /// <summary>Loads the lists; false when the caller may not act for the pupil.</summary>
    protected bool Load()
    {
        if (meeloop.OfPupil(Caller, PupilKey) is not { } mine)
            return false;
        MyDays = mine;
        Mine = mine.ToImmutableDictionary(m => m.SignUp.Day, m => m.SignUp, StringComparer.Ordinal);
        int? crebo = int.TryParse(Opleiding, NumberStyles.None, CultureInfo.InvariantCulture, out var c) ? c : null;
        DateOnly? from = PlanJson.TryIso(Vanaf, out var f) ? f : null;
        AllUpcoming = meeloop.Upcoming();
        Days = crebo is null && string.IsNullOrWhiteSpace(Locatie) && from is null ? AllUpcoming : meeloop.Upcoming(crebo, Locatie, from);
        return true;
    }

    public IActionResult OnPostAanmelden(string? dag) => Change(dag, signUp: true);

    public IActionResult OnPostAfmelden(string? dag) => Change(dag, signUp: false);

    private IActionResult Change(string? dag, bool signUp)
    {
        if (meeloop.PupilFor(Caller, PupilKey) is null)
            return NotFound();
        var id = dag ?? "";
        var change = signUp ? meeloop.SignUp(Caller, id, PupilKey) : meeloop.SignOff(Caller, id, PupilKey);
        if (change.Refusal is { } why)
            Weigering = MeeloopdagText.Refusal(why, ToPupil);
        else if (signUp)
            Melding =
                change.Status == MeeloopStatus.Aangemeld
                    ? (ToPupil ? "Je bent aangemeld." : "De leerling is aangemeld.")
                    : (ToPupil ? "De dag is vol: je staat " : "De dag is vol: de leerling staat ")
                        + MeeloopdagText.Status(MeeloopStatus.Wachtlijst, change.WaitingPlace)
                        + ".";
        else
            Melding = ToPupil ? "Je bent afgemeld." : "De leerling is afgemeld.";
        return LocalRedirect(Path);
    }

    /// <summary>The day's places as a person reads them ("2 van 10 vrij", "vol, 3 op de wachtlijst").</summary>
    public static string Places(MeeloopdagView day)
    {
        ArgumentNullException.ThrowIfNull(day);
        var waiting = day.Waiting > 0 ? $", {day.Waiting} op de wachtlijst" : "";
        return (day.Free > 0 ? $"{day.Free} van {day.Day.Places} vrij" : "vol") + waiting;
    }

    /// <summary>True when the pupil can still cancel: a place or on the waiting list, and the day still open.</summary>
    public bool MayCancel(MeeloopdagView day, MeeloopSignUp signUp)
    {
        ArgumentNullException.ThrowIfNull(day);
        ArgumentNullException.ThrowIfNull(signUp);
        return signUp.Status is MeeloopStatus.Aangemeld or MeeloopStatus.Wachtlijst && day.Day.OpenOn(meeloop.Today);
    }

    /// <summary>True when the pupil can sign up for the day: not signed up (or cancelled before).</summary>
    public bool MaySignUp(MeeloopdagView day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return !Mine.TryGetValue(day.Day.Id, out var s) || s.Status == MeeloopStatus.Afgemeld;
    }
}
