using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// Meeloopdagen for every role (issue 16, item 2), scoped as decision 0013 says: mbo intake staff publish and cancel days at
/// their own institution's locations, see the names of the pupils signed up for those days only (to run the day) and record who
/// came; a pupil signs up and cancels for themself; a decaan does so for a pupil of the school. Pages and the API share it.
/// </summary>
public sealed class MeeloopdagService(SiteServices site, ReadLog reads)
{
    /// <summary>The view the intake's read of a day's sign-ups is logged under.</summary>
    public const string SignUpsView = PupilView.MeeloopdagSignUps;

    private Database Database => site.Database;

    /// <summary>Today in the Netherlands.</summary>
    public DateOnly Today => site.Today;

    /// <summary>The caller's institution's mbo locations (BRIN6); empty for a caller without one.</summary>
    public ImmutableArray<string> MboLocations(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Institution is { } at ? [.. site.Locations(at).Where(l => !site.IsVo(l)).Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>
    /// The intake publishes a day: checked field by field (Dutch errors keyed by the form's field names, nothing stored when there
    /// is one), then stored with its audit entry.
    /// </summary>
    public (Meeloopdag? Day, ImmutableArray<(string Field, string Message)> Errors) Publish(Caller caller, MeeloopdagInput input)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        var errors = ImmutableArray.CreateBuilder<(string, string)>();
        var location = input.Locatie?.Trim().ToUpperInvariant() ?? "";
        if (!MboLocations(caller).Contains(location, StringComparer.Ordinal))
            errors.Add((nameof(input.Locatie), "Kies een locatie van uw instelling."));
        var crebo = 0;
        if (input.Crebo?.Trim() is not { Length: 5 } creboText || !int.TryParse(creboText, NumberStyles.None, CultureInfo.InvariantCulture, out crebo))
            errors.Add((nameof(input.Crebo), "Geef het crebo van de opleiding: vijf cijfers."));
        else if (ProgrammeNames.All(Database) is { IsEmpty: false } names && !names.ContainsKey(crebo))
            errors.Add((nameof(input.Crebo), $"Crebo {crebo} staat niet in de kwalificatiestructuur."));
        var on = default(DateOnly);
        if (!PlanJson.TryIso(input.Datum, out on))
            errors.Add((nameof(input.Datum), "Geef een datum als jjjj-mm-dd."));
        else if (on < Today)
            errors.Add((nameof(input.Datum), "De datum ligt in het verleden: publiceer een dag die nog komt."));
        else if (!ContractDates.Contains(on))
            errors.Add((nameof(input.Datum), "De datum ligt te ver weg."));
        if (!int.TryParse(input.Plaatsen?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var places) || places is < 1 or > Meeloopdag.MaxPlaces)
            errors.Add((nameof(input.Plaatsen), $"Geef het aantal plaatsen: 1 tot en met {Meeloopdag.MaxPlaces}."));
        var time = Clean(input.Tijd);
        if (time is { Length: > Meeloopdag.MaxTimeLength })
            errors.Add((nameof(input.Tijd), $"De tijd is te lang: hoogstens {Meeloopdag.MaxTimeLength} tekens."));
        var description = Clean(input.Omschrijving);
        if (description is { Length: > Meeloopdag.MaxDescriptionLength })
            errors.Add((nameof(input.Omschrijving), $"De omschrijving is te lang: hoogstens {Meeloopdag.MaxDescriptionLength} tekens."));
        if (errors.Count > 0)
            return (null, errors.ToImmutable());
        var day = new Meeloopdag(Guid.NewGuid().ToString("n"), location, crebo, on, places, time, description);
        if (day.Check() is { IsEmpty: false } problems)
            return (null, [.. problems.Select(p => ("Datum", "Deze dag kan zo niet worden gepubliceerd (" + p.Field + ")."))]);
        MeeloopdagStore.Publish(Database, day, Actor(caller), site.Clock.GetUtcNow());
        return (day, []);
    }

    /// <summary>The days of the caller's institution (past and cancelled ones too), by date.</summary>
    public ImmutableArray<MeeloopdagView> Own(Caller caller) => MeeloopdagStore.Days(Database, new MeeloopFilter(MboLocations(caller), WithCancelled: true));

    /// <summary>The days still to come that pupils may sign up for, filtered by programme, location and dates.</summary>
    public ImmutableArray<MeeloopdagView> Upcoming(int? crebo = null, string? location = null, DateOnly? from = null, DateOnly? until = null) =>
        MeeloopdagStore.Days(
            Database,
            new MeeloopFilter(string.IsNullOrWhiteSpace(location) ? null : [location.Trim()], crebo, from is { } f && f > Today ? f : Today, until)
        );

    /// <summary>One of the caller's institution's days, or null (another institution's day is not found).</summary>
    public MeeloopdagView? OwnDay(Caller caller, string id) =>
        MeeloopdagStore.Day(Database, id) is { } day && MboLocations(caller).Contains(day.Day.Location, StringComparer.OrdinalIgnoreCase) ? day : null;

    /// <summary>Who signed up for one of the caller's institution's days, with names (the read is logged); null for another's day.</summary>
    public ImmutableArray<MeeloopSignUp>? SignUps(Caller caller, string id)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (OwnDay(caller, id) is null)
            return null;
        var signUps = MeeloopdagStore.SignUps(Database, id);
        reads.Pupils(caller, SignUpsView, signUps.Select(s => s.Pupil));
        return signUps;
    }

    /// <summary>The intake cancels one of its institution's days: everyone signed up is signed off.</summary>
    public MeeloopChange CancelDay(Caller caller, string id) =>
        MeeloopdagStore.CancelDay(Database, id, MboLocations(caller), Actor(caller), Today, site.Clock.GetUtcNow());

    /// <summary>The intake records whether a pupil with a place came to one of its institution's days.</summary>
    public MeeloopChange Attendance(Caller caller, string id, string pupil, bool came) =>
        MeeloopdagStore.RecordAttendance(Database, id, MboLocations(caller), pupil, came, Actor(caller), Today, site.Clock.GetUtcNow());

    /// <summary>
    /// The pupil the caller acts for: a pupil themself (whatever key is given), or a pupil of the decaan's school; null when the
    /// caller may not act for that pupil (answered as not found).
    /// </summary>
    public string? PupilFor(Caller caller, string? pupil)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role == Roles.Leerling)
            return caller.Pupil;
        if (caller.Role != Roles.Decaan || caller.Institution is null || string.IsNullOrWhiteSpace(pupil))
            return null;
        return PupilDirectory.SchoolPupil(Database, site.Locations(caller.Institution), pupil, Today) is null ? null : pupil;
    }

    /// <summary>Signs the pupil up (a place or the waiting list); a pupil the caller may not act for is <see cref="MeeloopRefusal.NoSuchPupil"/>.</summary>
    public MeeloopChange SignUp(Caller caller, string id, string? pupil = null) =>
        PupilFor(caller, pupil) is { } key
            ? MeeloopdagStore.SignUp(Database, id, key, Actor(caller), Today, site.Clock.GetUtcNow())
            : MeeloopChange.No(MeeloopRefusal.NoSuchPupil);

    /// <summary>Cancels the pupil's place or place on the waiting list; a freed place goes to the first who waits.</summary>
    public MeeloopChange SignOff(Caller caller, string id, string? pupil = null) =>
        PupilFor(caller, pupil) is { } key
            ? MeeloopdagStore.SignOff(Database, id, key, Actor(caller), Today, site.Clock.GetUtcNow())
            : MeeloopChange.No(MeeloopRefusal.NoSuchPupil);

    /// <summary>The pupil's sign-ups with their days; null when the caller may not act for the pupil.</summary>
    public ImmutableArray<(MeeloopdagView Day, MeeloopSignUp SignUp)>? OfPupil(Caller caller, string? pupil = null) =>
        PupilFor(caller, pupil) is { } key ? MeeloopdagStore.OfPupil(Database, key) : null;

    /// <summary>The name of a location, or its code.</summary>
    public string LocationName(string location) => InstitutionNames.Of(Database, location);

    /// <summary>The name of a programme, or "crebo n".</summary>
    public string ProgrammeName(int crebo) =>
        ProgrammeNames.All(Database).TryGetValue(crebo, out var name) ? $"{name} ({crebo})" : "crebo " + crebo.ToString(CultureInfo.InvariantCulture);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static MeeloopActor Actor(Caller caller) => new(caller.Name, caller.Role, caller.Institution);
}
