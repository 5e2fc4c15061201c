using System.Collections.Immutable;
using System.ComponentModel;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>An application of the pupil to an mbo programme, folded from the stream the caller may read.</summary>
public sealed record ApplicationDto(
    string Institution,
    int? Crebo,
    int? Niveau,
    string? Leerweg,
    string? Route,
    string AppliedOn,
    string Status,
    string StatusOn,
    string? Detail
);

/// <summary>A signal for the decaan, with the rule it follows from.</summary>
public sealed record SignalDto(string Kind, string Rule, string Text);

/// <summary>A pupil as the caller may see them.</summary>
/// <param name="Name">Given and family name when the store keeps them (never for synthetic pupils without a demo name).</param>
/// <param name="Skipped">Stored events of the pupil that could not be read (put in past the checks) and were left out; 0 normally.</param>
public sealed record PupilDto(
    string Key,
    bool Synthetic,
    string? Name,
    int? ExamYear,
    string? Leerweg,
    ImmutableArray<ApplicationDto> Applications,
    ImmutableArray<SignalDto> Signals,
    int Skipped
);

/// <summary>One event of a pupil's stream; <c>type</c> is the event kind, the other fields as its shape allows.</summary>
/// <param name="Id">The event's identity within the pupil's stream (16 hex digits, the same in every store and export): what a correction names.</param>
public sealed record EventDto(
    string Date,
    string Type,
    string? Institution,
    string? Leerweg,
    int? Leerjaar,
    int? Niveau,
    int? Crebo,
    string? Route,
    string? Detail,
    string? Id = null
);

/// <summary>The events of a pupil's stream that the caller may read, as they count (voided events and corrections left out).</summary>
/// <param name="Skipped">Stored events of the pupil that could not be read (put in past the checks) and were left out; 0 normally.</param>
public sealed record EventsDto(string Pupil, ImmutableArray<EventDto> Items, int Skipped);

/// <summary>A correction: why the event is wrong (at most 64 characters).</summary>
public sealed record VoidDto(string? Reason);

/// <summary>A voided event and the correction that voids it.</summary>
public sealed record VoidedDto(EventDto Voided, EventDto Correction);

/// <summary>An event to append: the pupil is the one in the path; date defaults to today.</summary>
public sealed record NewEventDto(
    string? Date,
    string? Type,
    string? Institution,
    string? Leerweg,
    int? Leerjaar,
    int? Niveau,
    int? Crebo,
    string? Route,
    string? Detail
);

/// <summary>
/// GET /api/v1/pupils, /api/v1/pupils/{key}, /api/v1/pupils/{key}/events and POST /api/v1/pupils/{key}/events. A decaan reads the pupils of
/// their school, intake and zorgcoördinator the applicants to their institution (only the events there), a leerling only
/// themselves. A pupil outside the caller's scope is the same 404 as a key that does not exist.
/// </summary>
public static class PupilsApi
{
    private const int MaxBody = 8 * 1024;

    /// <summary>The events an intake officer records for an applicant.</summary>
    public static readonly ImmutableHashSet<EventKind> IntakeKinds = [EventKind.IntakeGehouden, EventKind.Toegelaten, EventKind.Afgewezen, EventKind.Geplaatst];

    /// <summary>The events a decaan records for a pupil of the school.</summary>
    public static readonly ImmutableHashSet<EventKind> SchoolKinds =
    [
        EventKind.Ingeschreven,
        EventKind.Bevorderd,
        EventKind.Gedoubleerd,
        EventKind.DiplomaBehaald,
        EventKind.Uitgeschreven,
        EventKind.Aangemeld,
    ];

    /// <summary>A pupil within the caller's scope: what the caller sees of them, and the events the caller may read.</summary>
    private sealed record Visible(PupilDto Pupil, ImmutableArray<TransitionEvent> Stream, int Skipped = 0);

    public static void MapPupils(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/pupils").WithTags("Pupils").RequireAuthorization(ApiEndpoints.PupilReaders);
        group
            .MapGet(
                "/",
                Results<Tagged<Page<PupilDto>>, ValidationProblem> (
                    HttpContext http,
                    SiteServices site,
                    ReadLog reads,
                    Caller caller,
                    [Description("Page size, 1 to 500 (default 100).")] int? limit,
                    [Description("The opaque cursor from the previous page's next.")] string? cursor
                ) =>
                {
                    var (paging, problem) = Paging.Read(limit, cursor);
                    if (problem is not null)
                        return problem;
                    var (items, next) = List(site, caller, paging);
                    reads.Pupils(caller, PupilView.ApiList, items.Select(p => p.Key));
                    return ApiResults.Paged(http, items, next);
                }
            )
            .WithName("ListPupils")
            .WithSummary("The pupils in the caller's scope")
            .WithDescription(
                "Decaan: the pupils of their school. Intake and zorgcoördinator: the applicants to their institution. Leerling: only "
                    + "themselves. Analist and beheerder: 403. Cursor paged by pupil key. Each pupil returned is logged in that pupil's audit trail (who, "
                    + "which "
                    + "view, when)."
            );
        group
            .MapGet("/{key}", Results<Tagged<PupilDto>, NotFoundProblem> (HttpContext http, SiteServices site, ReadLog reads, Caller caller, string key) =>
                Find(site, reads, caller, key, PupilView.ApiPupil) is { } visible ? ApiResults.Tagged(http, visible.Pupil) : ApiResults.PupilNotFound()
            )
            .WithName("GetPupil")
            .WithSummary("One pupil in the caller's scope")
            .WithDescription(
                "The pupil with their applications and signals as the caller may see them; 404 for a pupil outside the caller's scope, exactly "
                    + "as for an unknown key. Each pupil returned is logged in that pupil's audit trail (who, which view, when)."
            );
        group
            .MapGet(
                "/{key}/events",
                Results<Tagged<EventsDto>, NotFoundProblem> (HttpContext http, SiteServices site, ReadLog reads, Caller caller, string key) =>
                    Find(site, reads, caller, key, PupilView.ApiEvents) is { } visible
                        ? ApiResults.Tagged(http, new EventsDto(visible.Pupil.Key, [.. visible.Stream.Select(Dto)], visible.Skipped))
                        : ApiResults.PupilNotFound()
            )
            .WithName("ListPupilEvents")
            .WithSummary("The events of a pupil the caller may read")
            .WithDescription(
                "Decaan: the stream up to the pupil's first mbo year. Intake and zorgcoördinator: only the events at their own institution. "
                    + "Leerling: their own stream. "
                    + "Voided events and their corrections are left out; skipped counts stored events that could not be read. "
                    + "Each pupil returned is logged in that pupil's audit trail (who, which view, when)."
            );
        group
            .MapPost("/{key}/events", Append)
            .RequireAuthorization(ApiEndpoints.EventWriters)
            .WithName("AppendPupilEvent")
            .WithSummary("Record an event for a pupil")
            .WithDescription(
                "Intake: IntakeGehouden, Toegelaten, Afgewezen or Geplaatst for an applicant to their institution, at one of its locations. "
                    + "Decaan: Ingeschreven, Bevorderd, Gedoubleerd, DiplomaBehaald or Uitgeschreven at a location of their school, or Aangemeld at an mbo "
                    + "location, for a pupil of their school. "
                    + "An event already in the stream is not stored twice (200 instead of 201)."
            )
            .Accepts<NewEventDto>("application/json");
        api.MapPost("/pupils/{key}/events/{id}/void", Void)
            .RequireAuthorization(ApiEndpoints.EventCorrectors)
            .WithTags("Pupils")
            .WithName("VoidPupilEvent")
            .WithSummary("Void a wrong event")
            .WithDescription(
                "Beheerder: appends a correction (Vervallen) that voids the event with this id, with a reason; audited. "
                    + "From then on the event counts for nothing: not in the pupil's events, applications and signals, not in the monitor. The stream stays "
                    + "append-only."
            )
            .Accepts<VoidDto>("application/json");
    }

    private static (ImmutableArray<PupilDto> Items, string? Next) List(SiteServices site, Caller caller, Paging paging)
    {
        var today = site.Today;
        switch (caller.Role)
        {
            case Roles.Decaan:
                var school = PupilDirectory.SchoolPupils(site.Database, Locations(site, caller), null, paging.After, paging.Limit, today, site.WarnFrom);
                return ([.. school.Items.Select(p => Dto(p))], school.NextAfter);
            case Roles.Intake or Roles.Zorgcoordinator:
                var applicants = PupilDirectory.Applicants(site.Database, Locations(site, caller), paging.After, paging.Limit, today);
                return ([.. applicants.Items.Select(Dto)], applicants.NextAfter);
            case Roles.Leerling when caller.Pupil is { } own && string.CompareOrdinal(own, paging.After ?? "") > 0 && Own(site, own) is { } self:
                return ([self.Pupil], null);
            default:
                return ([], null);
        }
    }

    /// <summary>The pupil as the caller may see them, the read logged under <paramref name="view"/> (<see cref="ReadLog"/>).</summary>
    private static Visible? Find(SiteServices site, ReadLog reads, Caller caller, string key, string view)
    {
        var visible = Find(site, caller, key);
        if (visible is not null)
            reads.Pupil(caller, view, visible.Pupil.Key);
        return visible;
    }

    private static Visible? Find(SiteServices site, Caller caller, string key)
    {
        var today = site.Today;
        return caller.Role switch
        {
            Roles.Decaan => PupilDirectory.SchoolPupil(site.Database, Locations(site, caller), key, today, site.WarnFrom) is { } p
                ? new(Dto(p), p.Stream, p.Skipped)
                : null,
            Roles.Intake or Roles.Zorgcoordinator => PupilDirectory.Applicant(site.Database, Locations(site, caller), key, today) is { } a
                ? new(Dto(a), a.Stream, a.Skipped)
                : null,
            Roles.Leerling when string.Equals(caller.Pupil, key, StringComparison.Ordinal) => Own(site, key),
            _ => null,
        };
    }

    private static ImmutableArray<string> Locations(SiteServices site, Caller caller) =>
        caller.Institution is { Length: > 0 } institution ? site.Locations(institution) : [];

    /// <summary>A leerling's own record: their whole stream up to today.</summary>
    private static Visible? Own(SiteServices site, string key)
    {
        if (PupilDirectory.Attributes(site.Database, key) is not { } attributes)
            return null;
        var today = site.Today;
        var read = new EventStore(site.Database).Read(key);
        var stream = read.Events.Where(e => e.Date <= today).ToImmutableArray();
        var personal = PupilRegister.Personal(site.Database, key);
        var name =
            personal is null || (personal.GivenName is null && personal.FamilyName is null) ? null : $"{personal.GivenName} " + $"{personal.FamilyName}".Trim();
        var leerweg = stream.LastOrDefault(e => e.Leerweg is { } l && l.IsVmboLeerweg())?.Leerweg;
        return new(
            new PupilDto(
                key,
                attributes.Synthetic,
                name,
                Applications.ExamYear(stream),
                leerweg is { } lw ? EventNames.Leerweg(lw) : null,
                [.. Applications.Of(stream).Select(Dto)],
                [.. Applications.Signals(stream, today, site.WarnFrom).Select(Dto)],
                read.Skipped
            ),
            stream,
            read.Skipped
        );
    }

    private static async Task<Results<Created<EventDto>, Ok<EventDto>, ValidationProblem, NotFoundProblem, ForbiddenProblem>> Append(
        HttpContext http,
        SiteServices site,
        Caller caller,
        string key
    )
    {
        if (Find(site, caller, key) is null)
            return ApiResults.PupilNotFound();
        var bytes = await ApiResults.ReadBody(http, MaxBody);
        if (bytes is null)
            return ApiResults.Invalid("body", $"an event of at most {MaxBody / 1024} KB");
        NewEventDto? body;
        try
        {
            body = JsonSerializer.Deserialize<NewEventDto>(bytes, ApiResults.Json);
        }
        catch (JsonException bad)
        {
            var field = bad.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return ApiResults.Invalid(field, "a JSON event object: " + bad.Message.Split(" Path:")[0]);
        }
        if (body is null)
            return ApiResults.Invalid("body", "a JSON event object");

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var date = site.Today;
        if (body.Date is { } text && !PlanJson.TryIso(text, out date))
            errors["date"] = ["a date as YYYY-MM-DD"];
        EventKind kind = default;
        if (body.Type is null || !EventNames.TryKind(body.Type, out kind))
            errors["type"] = [EventNames.KindExpected];
        Leerweg? leerweg = null;
        if (body.Leerweg is { } lwText)
        {
            if (EventNames.TryLeerweg(lwText, out var lw))
                leerweg = lw;
            else
                errors["leerweg"] = [EventNames.LeerwegExpected];
        }
        if (errors.Count > 0)
            return ApiResults.Invalid(errors);

        var e = new TransitionEvent(key, date, kind, body.Institution, leerweg, body.Leerjaar, body.Niveau, body.Crebo, body.Route, body.Detail);
        foreach (var (field, message) in EventShapes.Check(e))
            errors[field] = errors.TryGetValue(field, out var earlier) ? [.. earlier, message] : [message];
        if (errors.Count > 0)
            return ApiResults.Invalid(errors);

        if (Refusal(site, caller, e) is { } refusal)
            return ApiResults.Forbidden(refusal);
        Appended appended;
        try
        {
            appended = new EventStore(site.Database).Append([PupilDirectory.Record(site.Database, e)!]);
        }
        catch (ArgumentException problem)
        {
            return ApiResults.Invalid("body", problem.Message);
        }
        var dto = Dto(e);
        return appended.Inserted > 0 ? TypedResults.Created($"{ApiEndpoints.Prefix}/pupils/{Uri.EscapeDataString(key)}/events", dto) : TypedResults.Ok(dto);
    }

    private static async Task<Results<Created<VoidedDto>, ValidationProblem, NotFoundProblem>> Void(
        HttpContext http,
        SiteServices site,
        Caller caller,
        string key,
        string id
    )
    {
        var bytes = await ApiResults.ReadBody(http, MaxBody);
        if (bytes is null)
            return ApiResults.Invalid("body", $"a reason of at most {MaxBody / 1024} KB");
        VoidDto? body;
        try
        {
            body = JsonSerializer.Deserialize<VoidDto>(bytes, ApiResults.Json);
        }
        catch (JsonException bad)
        {
            return ApiResults.Invalid("body", "a JSON object with a reason: " + bad.Message.Split(" Path:")[0]);
        }
        return EventCorrections.Void(
            site.Database,
            key,
            id,
            body?.Reason,
            site.Today,
            new Corrector(caller.Name, caller.Role, caller.Institution),
            site.Clock.GetUtcNow()
        ) switch
        {
            Voided v => TypedResults.Created(
                $"{ApiEndpoints.Prefix}/pupils/{Uri.EscapeDataString(key)}/events",
                new VoidedDto(Dto(v.Target), Dto(v.Correction))
            ),
            VoidRefused { NotFound: true } => ApiResults.NotFound("No such pupil or event."),
            VoidRefused r => ApiResults.Invalid(r.Field, r.Expected),
            _ => throw new InvalidOperationException("unknown void outcome"),
        };
    }

    /// <summary>Why the caller may not record this event, or null when they may.</summary>
    private static string? Refusal(SiteServices site, Caller caller, TransitionEvent e)
    {
        var own = Locations(site, caller);
        switch (caller.Role)
        {
            case Roles.Intake:
                if (!IntakeKinds.Contains(e.Kind))
                    return "An intake officer records only " + string.Join(", ", IntakeKinds.Order()) + ".";
                return own.Contains(e.Institution!) ? null : "The institution is not one of your locations.";
            case Roles.Decaan:
                if (!SchoolKinds.Contains(e.Kind))
                    return "A decaan records only " + string.Join(", ", SchoolKinds.Order()) + ".";
                if (e.Kind == EventKind.Aangemeld)
                {
                    // An application is to an mbo location, not to the school.
                    return e.Institution is { } brin6 && InstitutionDirectory.IsMboLocation(site.Database, brin6) ? null : "Aangemeld needs an mbo location.";
                }
                return own.Contains(e.Institution!) ? null : "The institution is not one of your school's locations.";
            default:
                return "Your role does not record events.";
        }
    }

    private static PupilDto Dto(SchoolPupil p) =>
        new(
            p.Key,
            p.Synthetic,
            p.Name,
            p.ExamYear,
            p.Leerweg is { } l ? EventNames.Leerweg(l) : null,
            [.. p.Applications.Select(Dto)],
            [.. p.Signals.Select(Dto)],
            p.Skipped
        );

    private static PupilDto Dto(Applicant a) => new(a.Key, a.Synthetic, a.Name, null, null, [.. a.Applications.Select(Dto)], [], a.Skipped);

    private static ApplicationDto Dto(Application a) =>
        new(
            a.Institution,
            a.Crebo,
            a.Niveau,
            a.Leerweg is { } l ? EventNames.Leerweg(l) : null,
            a.Route,
            PlanJson.Iso(a.AppliedOn),
            a.Status.ToString(),
            PlanJson.Iso(a.StatusOn),
            a.Detail
        );

    private static SignalDto Dto(Signal s) => new(s.Kind.ToString(), s.Rule, s.Text);

    private static EventDto Dto(TransitionEvent e) =>
        new(
            PlanJson.Iso(e.Date),
            EventNames.Kind(e.Kind),
            e.Institution,
            e.Leerweg is { } l ? EventNames.Leerweg(l) : null,
            e.Leerjaar,
            e.Niveau,
            e.Crebo,
            e.Route,
            e.Detail,
            EventNames.Identity(EventDigest.Of(e))
        );
}
