using System.Collections.Immutable;
using Doorstroom.Catalogue;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Api;

/// <summary>A meeloopdag: where (mbo location, BRIN6), which programme (crebo), when, its places, how many are free and how many wait.</summary>
public sealed record MeeloopdagDto(
    string Id,
    string Location,
    int Crebo,
    string Date,
    int Places,
    int Free,
    int Waiting,
    string? Time,
    string? Description,
    bool Cancelled
);

/// <summary>A list of meeloopdagen, by date.</summary>
public sealed record MeeloopdagenDto(ImmutableArray<MeeloopdagDto> Items);

/// <summary>
/// A day to publish: location (BRIN6 of one of the caller's locations), crebo, date (YYYY-MM-DD, not past), places, and optionally
/// a time and a description.
/// </summary>
public sealed record NewMeeloopdagDto(string? Location, int? Crebo, string? Date, int? Places, string? Time, string? Description);

/// <summary>A sign-up to make: the pupil's key (a decaan names a pupil of the school; a pupil signs up themself and may leave it out).</summary>
public sealed record NewMeeloopSignUpDto(string? Pupil);

/// <summary>Attendance to record: came true (bijgewoond) or false (niet verschenen).</summary>
public sealed record MeeloopAttendanceDto(bool? Came);

/// <summary>
/// A pupil's standing for a day: status aangemeld, wachtlijst, afgemeld, bijgewoond or niet-verschenen; the place on the waiting
/// list while waiting; the name only in the mbo's list of its own day.
/// </summary>
public sealed record MeeloopSignUpDto(string Day, string Pupil, string Status, int? WaitingPlace, string? Name);

/// <summary>The sign-ups of a day, or of a pupil.</summary>
public sealed record MeeloopSignUpsDto(ImmutableArray<MeeloopSignUpDto> Items);

/// <summary>
/// Meeloopdagen (issue 16, item 2) through <see cref="MeeloopdagService"/>: mbo intake staff publish, cancel and record attendance for
/// days at their own institution's locations and see who signed up for them; pupils and decanen see the days to come and sign a pupil
/// up or off (a decaan only a pupil of the school). A day or pupil outside the caller's scope is a 404 that says nothing more; a state
/// that does not allow the change (a closed day, already signed up) is a 409 with the Dutch reason.
/// </summary>
public static class MeeloopdagApi
{
    public static void MapMeeloopdagen(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/meeloopdagen").WithTags("Meeloopdagen");
        group
            .MapGet("/", (HttpContext http, MeeloopdagService meeloop, int? crebo, string? location, string? from, string? until) =>
                ApiResults.Tagged(
                    http,
                    new MeeloopdagenDto([
                        .. meeloop
                            .Upcoming(crebo, location, PlanJson.TryIso(from, out var f) ? f : null, PlanJson.TryIso(until, out var u) ? u : null)
                            .Select(Dto),
                    ])
                )
            )
            .RequireAuthorization(Roles(Web.Roles.Leerling, Web.Roles.Decaan, Web.Roles.Intake))
            .WithName("ListMeeloopdagen")
            .WithSummary("The meeloopdagen still to come")
            .WithDescription("Leerling, decaan or intake: every published day from today that is not cancelled, filtered by crebo, location and dates.");
        var intake = group.MapGroup("").RequireAuthorization(Roles(Web.Roles.Intake));
        intake
            .MapGet("/institution", (HttpContext http, MeeloopdagService meeloop, Caller caller) =>
                ApiResults.Tagged(http, new MeeloopdagenDto([.. meeloop.Own(caller).Select(Dto)]))
            )
            .WithName("ListOwnMeeloopdagen")
            .WithSummary("The meeloopdagen of the caller's institution")
            .WithDescription("Intake: every day of the institution's locations, past and cancelled ones too, with places taken and waiting.");
        intake
            .MapPost("/", Publish)
            .WithName("PublishMeeloopdag")
            .WithSummary("Publish a meeloopdag")
            .WithDescription("Intake: a day at one of the institution's mbo locations, for a crebo, on a date from today, with 1 to 500 places. Audited.");
        intake
            .MapPost("/{id}/cancel", Results<Ok<MeeloopdagDto>, ConflictProblem, NotFoundProblem> (MeeloopdagService meeloop, Caller caller, string id) =>
            {
                var change = meeloop.CancelDay(caller, id);
                return change.Refusal is { } why ? Refused<MeeloopdagDto>(why)
                    : meeloop.OwnDay(caller, id) is { } day ? TypedResults.Ok(Dto(day))
                    : DayNotFound();
            })
            .WithName("CancelMeeloopdag")
            .WithSummary("Cancel a meeloopdag of the caller's institution")
            .WithDescription("Intake: every pupil with a place or on the waiting list is signed off (an event each). Another institution's day is 404.");
        intake
            .MapGet(
                "/{id}/signups",
                Results<Tagged<MeeloopSignUpsDto>, NotFoundProblem> (HttpContext http, MeeloopdagService meeloop, Caller caller, string id) =>
                    meeloop.SignUps(caller, id) is { } signUps
                        ? ApiResults.Tagged(http, new MeeloopSignUpsDto([.. signUps.Select(s => Dto(s, withName: true))]))
                        : DayNotFound()
            )
            .WithName("ListMeeloopdagSignUps")
            .WithSummary("Who signed up for a day of the caller's institution")
            .WithDescription("Intake: the pupils with a place, the waiting list in order, and those who cancelled, with names (to run the day). Audited.");
        intake
            .MapPost("/{id}/signups/{pupil}/attendance", Attendance)
            .WithName("RecordMeeloopdagAttendance")
            .WithSummary("Record whether a pupil with a place came")
            .WithDescription("Intake, on or after the day, once per pupil: came true is bijgewoond, false niet verschenen (an event in the pupil's stream).");

        var pupils = group.MapGroup("").RequireAuthorization(Roles(Web.Roles.Leerling, Web.Roles.Decaan));
        pupils
            .MapPost("/{id}/signups", SignUp)
            .WithName("SignUpForMeeloopdag")
            .WithSummary("Sign a pupil up for a meeloopdag")
            .WithDescription(
                "A pupil signs up themself, a decaan a pupil of the school (else 404). A place while one is free, else the waiting list. Audited."
            );
        pupils
            .MapDelete(
                "/{id}/signups/{pupil}",
                Results<Ok<MeeloopSignUpDto>, ConflictProblem, NotFoundProblem> (MeeloopdagService meeloop, Caller caller, string id, string pupil) =>
                {
                    if (Acts(meeloop, caller, pupil) is not { } key)
                        return ApiResults.PupilNotFound();
                    var change = meeloop.SignOff(caller, id, key);
                    return change.Refusal is { } why ? Refused<MeeloopSignUpDto>(why) : TypedResults.Ok(new MeeloopSignUpDto(id, key, "afgemeld", null, null));
                }
            )
            .WithName("SignOffFromMeeloopdag")
            .WithSummary("Cancel a pupil's place (or place on the waiting list)")
            .WithDescription("The pupil themself or the decaan of the pupil's school. A freed place goes to the first on the waiting list. Audited.");
        pupils
            .MapGet(
                "/signups",
                Results<Tagged<MeeloopSignUpsDto>, NotFoundProblem> (HttpContext http, MeeloopdagService meeloop, Caller caller, [FromQuery] string pupil) =>
                    Acts(meeloop, caller, pupil) is { } key && meeloop.OfPupil(caller, key) is { } mine
                        ? ApiResults.Tagged(http, new MeeloopSignUpsDto([.. mine.Select(m => Dto(m.SignUp, withName: false))]))
                        : ApiResults.PupilNotFound()
            )
            .WithName("ListPupilMeeloopSignUps")
            .WithSummary("A pupil's meeloopdag sign-ups and their status")
            .WithDescription("?pupil=KEY: the pupil themself or the decaan of the pupil's school; 404 otherwise, as for an unknown key.");
    }

    private static Results<Created<MeeloopdagDto>, ValidationProblem> Publish(MeeloopdagService meeloop, Caller caller, [FromBody] NewMeeloopdagDto body)
    {
        var (day, errors) = meeloop.Publish(
            caller,
            new MeeloopdagInput(
                body.Location,
                body.Crebo?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                body.Date,
                body.Places?.ToString(System.Globalization.CultureInfo.InvariantCulture),
                body.Time,
                body.Description
            )
        );
        if (day is null)
            return ApiResults.Invalid(
                errors.GroupBy(e => Field(e.Field)).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray(), StringComparer.Ordinal)
            );
        return TypedResults.Created($"{ApiEndpoints.Prefix}/meeloopdagen/{Uri.EscapeDataString(day.Id)}", Dto(new MeeloopdagView(day, 0, 0)));
    }

    private static Results<Ok<MeeloopSignUpDto>, ConflictProblem, NotFoundProblem> SignUp(
        MeeloopdagService meeloop,
        Caller caller,
        string id,
        [FromBody] NewMeeloopSignUpDto body
    )
    {
        if (Acts(meeloop, caller, body.Pupil ?? caller.Pupil) is not { } key)
            return ApiResults.PupilNotFound();
        var change = meeloop.SignUp(caller, id, key);
        return change.Refusal is { } why
            ? Refused<MeeloopSignUpDto>(why)
            : TypedResults.Ok(new MeeloopSignUpDto(id, key, MeeloopdagStore.Spell(change.Status!.Value), change.WaitingPlace, null));
    }

    private static Results<Ok<MeeloopSignUpDto>, ValidationProblem, ConflictProblem, NotFoundProblem> Attendance(
        MeeloopdagService meeloop,
        Caller caller,
        string id,
        string pupil,
        [FromBody] MeeloopAttendanceDto body
    )
    {
        if (body.Came is not { } came)
            return ApiResults.Invalid("came", "true or false");
        var change = meeloop.Attendance(caller, id, pupil, came);
        if (change.Refusal is MeeloopRefusal.NoSuchDay)
            return DayNotFound();
        if (change.Refusal is { } why)
            return Conflict(why);
        return TypedResults.Ok(new MeeloopSignUpDto(id, pupil, MeeloopdagStore.Spell(change.Status!.Value), null, null));
    }

    /// <summary>The pupil the caller acts for: a pupil only for themself (another key is not found), a decaan for a pupil of the school.</summary>
    private static string? Acts(MeeloopdagService meeloop, Caller caller, string? pupil) =>
        caller.Role == Web.Roles.Leerling && !string.Equals(pupil, caller.Pupil, StringComparison.Ordinal) ? null : meeloop.PupilFor(caller, pupil);

    /// <summary>404 for a day that does not exist or is not the caller's, or a pupil the caller may not act for; 409 with the Dutch reason otherwise.</summary>
    private static Results<Ok<T>, ConflictProblem, NotFoundProblem> Refused<T>(MeeloopRefusal why) =>
        why switch
        {
            MeeloopRefusal.NoSuchDay => DayNotFound(),
            MeeloopRefusal.NoSuchPupil => ApiResults.PupilNotFound(),
            _ => Conflict(why),
        };

    private static ConflictProblem Conflict(MeeloopRefusal why) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict.", detail: MeeloopdagText.Refusal(why, toPupil: false)));

    private static NotFoundProblem DayNotFound() => ApiResults.NotFound("No such meeloopdag in your scope.");

    private static string Field(string formField) =>
        formField switch
        {
            nameof(MeeloopdagInput.Locatie) => "location",
            nameof(MeeloopdagInput.Crebo) => "crebo",
            nameof(MeeloopdagInput.Datum) => "date",
            nameof(MeeloopdagInput.Plaatsen) => "places",
            nameof(MeeloopdagInput.Tijd) => "time",
            nameof(MeeloopdagInput.Omschrijving) => "description",
            _ => formField,
        };

    private static MeeloopdagDto Dto(MeeloopdagView v) =>
        new(v.Day.Id, v.Day.Location, v.Day.Crebo, PlanJson.Iso(v.Day.On), v.Day.Places, v.Free, v.Waiting, v.Day.Time, v.Day.Description, v.Day.Cancelled);

    private static MeeloopSignUpDto Dto(MeeloopSignUp s, bool withName) =>
        new(s.Day, s.Pupil, MeeloopdagStore.Spell(s.Status), s.WaitingPlace, withName ? s.Name : null);

    /// <summary>A bearer-token policy for these roles.</summary>
    private static Action<AuthorizationPolicyBuilder> Roles(params string[] roles) =>
        p => p.AddAuthenticationSchemes(AuthServer.BearerScheme).RequireAuthenticatedUser().RequireRole(roles);
}
