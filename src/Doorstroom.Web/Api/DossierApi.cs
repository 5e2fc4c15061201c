using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>An entry of a pupil's transfer dossier, care entries opened for whoever may read them.</summary>
/// <param name="Kind"><c>notitie</c> or <c>warme-overdracht</c>.</param>
/// <param name="Released">The school lets the entry go with a request.</param>
public sealed record DossierEntryDto(
    long Id,
    string Pupil,
    string Category,
    string Kind,
    string Date,
    string Author,
    string Institution,
    string Body,
    bool Released
);

/// <summary>An entry to write: category, kind (default notitie), date (default today), the text (at most 4000 characters).</summary>
public sealed record NewDossierEntryDto(string? Category, string? Kind, string? Date, string? Body);

/// <summary>Release (true) or hold back (false) an entry.</summary>
public sealed record DossierReleaseDto(bool? Released);

/// <summary>An entry's release state after the change.</summary>
public sealed record DossierReleasedDto(long Id, bool Released);

/// <summary>An mbo institution's request for a pupil's dossier: purpose, categories, and the last day it may be read.</summary>
public sealed record DossierRequestDto(
    string Id,
    string Pupil,
    string Institution,
    string Purpose,
    ImmutableArray<string> Categories,
    string On,
    string Expires
);

/// <summary>A request to make: the pupil, the purpose (at most 200 characters) and the categories it needs.</summary>
public sealed record NewDossierRequestDto(string? Pupil, string? Purpose, ImmutableArray<string>? Categories);

/// <summary>The requests of the caller's institution, oldest first.</summary>
public sealed record DossierRequestsDto(ImmutableArray<DossierRequestDto> Items);

/// <summary>One category of a request, read under the rule named: the released entries of that category.</summary>
public sealed record DossierReadDto(string Request, string Pupil, string Category, string Rule, string Reason, ImmutableArray<DossierEntryDto> Entries);

/// <summary>A consent change for a category and a receiving institution (BRIN4), by the pupil or a parent.</summary>
public sealed record ConsentDto(string Category, string Institution, bool Given, string By, string On);

/// <summary>A consent to give or withdraw: the category, the institution applied to (BRIN4), and given true or false.</summary>
public sealed record NewConsentDto(string? Category, string? Institution, bool? Given);

/// <summary>A pupil of 16 or older lets a parent see the dossier (given true) or ends that (false).</summary>
public sealed record NewParentAccessDto(bool? Given);

/// <summary>Whether a parent may now see the pupil's dossier, with the rule (P4) and its Dutch reason.</summary>
public sealed record ParentAccessDto(bool Given, string Rule, string Reason);

/// <summary>Who asked for the caller's dossier and which consents were given or withdrawn.</summary>
public sealed record SharesDto(ImmutableArray<DossierRequestDto> Requests, ImmutableArray<ConsentDto> Consents);

/// <summary>One line of the audit trail: who did what with the dossier, when, why, and under which rule.</summary>
public sealed record AuditEntryDto(
    string At,
    string Actor,
    string Role,
    string? Institution,
    string Action,
    string? Category,
    string? Purpose,
    string Outcome,
    string? Rule
);

/// <summary>The audit trail of the caller's own dossier, oldest first.</summary>
public sealed record AuditTrailDto(ImmutableArray<AuditEntryDto> Items);

/// <summary>The caller's own dossier entries.</summary>
public sealed record OwnDossierDto(string Pupil, ImmutableArray<DossierEntryDto> Items);

/// <summary>Everything the store keeps about the pupil (AVG right of access).</summary>
public sealed record ExportDto(
    string Pupil,
    PersonalDetails? Personal,
    ImmutableArray<EventDto> Events,
    ImmutableArray<DossierEntryDto> Dossier,
    ImmutableArray<DossierRequestDto> Requests,
    ImmutableArray<AuditEntryDto> Audit
);

/// <summary>
/// The transfer dossier (rulebook §10) through <see cref="DossierService"/>, which applies the rules and writes the audit
/// trail: the vo school writes and releases entries, the mbo institution requests (after an application, P2) and reads per
/// category, the pupil or a parent consents and reads their own dossier, shares and audit trail. A refusal by a rule is a
/// 403 problem with the rule and the Dutch reason; anything outside the caller's scope is a 404 that says nothing more.
/// </summary>
public static class DossierApi
{
    /// <summary>The longest entry text, in characters.</summary>
    public const int MaxBody = 4000;

    /// <summary>The longest purpose of a request, in characters.</summary>
    public const int MaxPurpose = 200;

    /// <summary>The largest request body, in bytes (4000 characters of up to 4 UTF-8 bytes each, JSON escapes, the other fields).</summary>
    private const int MaxBytes = 64 * 1024;

    private static readonly string CategoryExpected = "one of " + string.Join(", ", Enum.GetValues<DossierCategory>().Select(DossierRules.Name));

    public static void MapDossier(this RouteGroupBuilder api)
    {
        var school = api.MapGroup("/pupils").WithTags("Dossier").RequireAuthorization(Roles(Web.Roles.Decaan, Web.Roles.Zorgcoordinator));
        school
            .MapGet("/{key}/dossier", Results<Tagged<OwnDossierDto>, NotFoundProblem> (HttpContext http, DossierService dossier, Caller caller, string key) =>
                dossier.SchoolView(caller, key) is { } entries
                    ? ApiResults.Tagged(http, new OwnDossierDto(key, [.. entries.Select(Dto)]))
                    : ApiResults.PupilNotFound()
            )
            .WithName("GetSchoolDossier")
            .WithSummary("The dossier of a pupil of the caller's school")
            .WithDescription(
                "Decaan or zorgcoördinator of a vo school: every entry of a pupil of their school, released or not, care entries opened. 404 "
                    + "outside the school, exactly as for an unknown key. Audited."
            );
        school
            .MapPost("/{key}/dossier", Write)
            .WithName("WriteDossierEntry")
            .WithSummary("Write a dossier entry for a pupil of the caller's school")
            .WithDescription(
                "Decaan or zorgcoördinator of a vo school. Kind notitie or warme-overdracht (P6); care entries are sealed at rest. A new entry "
                    + "is not released. Audited."
            )
            .Accepts<NewDossierEntryDto>("application/json");
        school
            .MapPost("/{key}/dossier/{id:long}/release", Release)
            .WithName("ReleaseDossierEntry")
            .WithSummary("Release or hold back a dossier entry")
            .WithDescription("Only released entries go with a request. Decaan or zorgcoördinator of the pupil's vo school. Audited.")
            .Accepts<DossierReleaseDto>("application/json");

        var mbo = api.MapGroup("/dossier-requests").WithTags("Dossier").RequireAuthorization(Roles(Web.Roles.Intake, Web.Roles.Zorgcoordinator));
        mbo.MapPost("/", Request)
            .WithName("RequestDossier")
            .WithSummary("Request a pupil's dossier for a purpose")
            .WithDescription(
                "Intake or zorgcoördinator of an mbo institution. Refused (403, rule P2) before the pupil applied to the institution; 404 for "
                    + "an unknown key. "
                    + "The request holds until 31 July of the first mbo year. Audited."
            )
            .Accepts<NewDossierRequestDto>("application/json");
        mbo.MapGet("/", (HttpContext http, DossierService dossier, Caller caller) =>
                ApiResults.Tagged(http, new DossierRequestsDto([.. dossier.RequestsOf(caller).Select(Dto)]))
            )
            .WithName("ListDossierRequests")
            .WithSummary("The dossier requests of the caller's institution");
        mbo.MapGet("/{id}/{category}", Read)
            .WithName("ReadDossierCategory")
            .WithSummary("Read one category of a request")
            .WithDescription(
                "The released entries of the category, when the rules allow it today: the request is the caller's institution's own, names the "
                    + "category, "
                    + "has not expired, and the category is an OKR category (P3) or has consent given by the right person (P4, P5). A refusal is 403 with the "
                    + "rule and the reason; "
                    + "another institution's request is 404. Every read and refusal is audited."
            );

        var me = api.MapGroup("/me").WithTags("Dossier").RequireAuthorization(Roles(Web.Roles.Leerling, Web.Roles.Ouder));
        me.MapGet("/dossier", (HttpContext http, DossierService dossier, Caller caller) =>
                Own(http, dossier.OwnEntries(caller), entries => new OwnDossierDto(caller.Pupil ?? "", [.. entries.Select(Dto)]))
            )
            .WithName("GetOwnDossier")
            .WithSummary("The caller's own dossier")
            .WithDescription("Leerling or ouder: every entry about the pupil, released or not (right of inspection, P3). Audited. " + ParentNote);
        me.MapGet("/shares", (HttpContext http, DossierService dossier, Caller caller) =>
                Own(http, dossier.OwnShares(caller), shares => new SharesDto([.. shares.Requests.Select(Dto)], [.. shares.Consents.Select(Dto)]))
            )
            .WithName("GetOwnShares")
            .WithSummary("Who asked for the caller's dossier, and the consent changes")
            .WithDescription(ParentNote);
        me.MapPost("/consents", Consent)
            .WithName("ChangeConsent")
            .WithSummary("Give or withdraw consent for a category to an institution")
            .WithDescription(
                "From 16 the pupil consents, under 16 a parent (P4): the wrong person is refused with 403. The institution (BRIN4) must be one "
                    + "the pupil applied to (else 404). "
                    + "A withdrawal counts from the next read; consent can be given again at any time, also on the day it was withdrawn."
            )
            .Accepts<NewConsentDto>("application/json");
        me.MapGet("/audit", (HttpContext http, DossierService dossier, Caller caller) =>
                Own(http, dossier.OwnAudit(caller), audit => new AuditTrailDto([.. audit.Select(Dto)]))
            )
            .WithName("GetOwnAudit")
            .WithSummary("Who read or changed the caller's dossier, when, and why")
            .WithDescription(ParentNote);
        me.MapPost("/parent-access", ParentAccess)
            .WithName("ChangeParentAccess")
            .WithSummary("A pupil of 16 or older gives or withdraws a parent's access to their dossier")
            .WithDescription(
                "Leerling of 16 or older (P4): given true lets a parent (role ouder) see the dossier, its shares, its audit trail and the export; "
                    + "false ends that at once. Under 16 the parent sees the dossier anyway, so the call is refused with 403 (rule P4); an ouder gets 404. "
                    + "Audited; an unchanged state records nothing. The answer says whether a parent may now see the dossier, with the rule and its reason."
            )
            .Accepts<NewParentAccessDto>("application/json");
        me.MapGet("/export", (HttpContext http, DossierService dossier, Caller caller) => Own(http, dossier.Export(caller), Dto))
            .WithName("ExportOwnData")
            .WithSummary("Everything the store keeps about the pupil (AVG right of access)")
            .WithDescription("Personal details, events, dossier entries, requests and the audit trail as JSON. Audited. " + ParentNote);
    }

    /// <summary>A bearer-token policy for these roles (the side, vo or mbo, is the service's to check).</summary>
    private static Action<AuthorizationPolicyBuilder> Roles(params string[] roles) =>
        p => p.AddAuthenticationSchemes(AuthServer.BearerScheme).RequireAuthenticatedUser().RequireRole(roles);

    private static Results<Tagged<TDto>, ForbiddenProblem, NotFoundProblem> Own<T, TDto>(HttpContext http, DossierOutcome<T> outcome, Func<T, TDto> dto) =>
        outcome.Refusal is { } why ? Refused(why)
        : outcome.NotFound || outcome.Value is not { } value ? ApiResults.PupilNotFound()
        : ApiResults.Tagged(http, dto(value));

    private static async Task<Results<Created<DossierEntryDto>, ValidationProblem, NotFoundProblem>> Write(
        HttpContext http,
        DossierService dossier,
        SiteServices site,
        Caller caller,
        string key
    )
    {
        var (body, problem) = await Json<NewDossierEntryDto>(http, "a JSON entry object");
        if (body is null)
            return problem!;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var category = Category(body.Category, errors);
        var kind = body.Kind ?? DossierStore.Note;
        if (kind is not (DossierStore.Note or DossierStore.WarmHandOver))
            errors["kind"] = [$"{DossierStore.Note} or {DossierStore.WarmHandOver}"];
        var date = site.Today;
        if (body.Date is { } text && !PlanJson.TryIso(text, out date))
            errors["date"] = ["a date as YYYY-MM-DD"];
        if (string.IsNullOrWhiteSpace(body.Body) || body.Body.Length > MaxBody)
            errors["body"] = [$"the text of the entry, 1 to {MaxBody} characters"];
        if (errors.Count > 0)
            return ApiResults.Invalid(errors);

        var outcome = dossier.Write(caller, key, category, kind, date, body.Body!);
        return outcome.Value is { } entry
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/pupils/{Uri.EscapeDataString(key)}/dossier", Dto(entry))
            : ApiResults.PupilNotFound();
    }

    private static async Task<Results<Ok<DossierReleasedDto>, ValidationProblem, NotFoundProblem>> Release(
        HttpContext http,
        DossierService dossier,
        Caller caller,
        string key,
        long id
    )
    {
        var (body, problem) = await Json<DossierReleaseDto>(http, "a JSON object { \"released\": true or false }");
        if (body is null)
            return problem!;
        if (body.Released is not { } released)
            return ApiResults.Invalid("released", "true or false");
        var outcome = dossier.Release(caller, key, id, released);
        return outcome.NotFound ? ApiResults.NotFound("No such entry in your scope.") : TypedResults.Ok(new DossierReleasedDto(id, outcome.Value));
    }

    private static async Task<Results<Created<DossierRequestDto>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Request(
        HttpContext http,
        DossierService dossier,
        Caller caller
    )
    {
        var (body, problem) = await Json<NewDossierRequestDto>(http, "a JSON request object");
        if (body is null)
            return problem!;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(body.Pupil))
            errors["pupil"] = ["the pupil's key"];
        if (string.IsNullOrWhiteSpace(body.Purpose) || body.Purpose.Length > MaxPurpose)
            errors["purpose"] = [$"the purpose of the request, 1 to {MaxPurpose} characters"];
        var categories = ImmutableArray.CreateBuilder<DossierCategory>();
        if (body.Categories is not { Length: > 0 } names)
            errors["categories"] = ["at least one category: " + CategoryExpected];
        else
        {
            foreach (var name in names)
            {
                if (DossierRules.TryCategory(name, out var c))
                    categories.Add(c);
                else
                    errors["categories"] = [CategoryExpected];
            }
        }
        if (errors.Count > 0)
            return ApiResults.Invalid(errors);

        var outcome = dossier.Request(caller, body.Pupil!, body.Purpose!, categories.ToImmutable());
        if (outcome.Refusal is { } why)
            return Refused(why);
        return outcome.Value is { } request
            ? TypedResults.Created($"{ApiEndpoints.Prefix}/dossier-requests/{request.Id}", Dto(request))
            : ApiResults.PupilNotFound();
    }

    private static Results<Tagged<DossierReadDto>, ValidationProblem, ForbiddenProblem, NotFoundProblem> Read(
        HttpContext http,
        DossierService dossier,
        Caller caller,
        string id,
        string category
    )
    {
        if (!DossierRules.TryCategory(category, out var c))
            return ApiResults.Invalid("category", CategoryExpected);
        var outcome = dossier.Read(caller, id, c);
        if (outcome.Refusal is { } why)
            return Refused(why);
        return outcome.Value is { } read
            ? ApiResults.Tagged(
                http,
                new DossierReadDto(
                    read.Request.Id,
                    read.Request.Pupil,
                    DossierRules.Name(read.Category),
                    read.Decision.Rule,
                    read.Decision.Reason,
                    [.. read.Entries.Select(Dto)]
                )
            )
            : ApiResults.NotFound("No such request of your institution.");
    }

    private static async Task<Results<Ok<ConsentDto>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> Consent(
        HttpContext http,
        DossierService dossier,
        Caller caller
    )
    {
        var (body, problem) = await Json<NewConsentDto>(http, "a JSON consent object");
        if (body is null)
            return problem!;
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var category = Category(body.Category, errors);
        if (body.Institution is not { Length: 4 } brin4 || !brin4.All(char.IsAsciiLetterOrDigit))
            errors["institution"] = ["the BRIN4 code of an institution the pupil applied to"];
        if (body.Given is null)
            errors["given"] = ["true to give consent, false to withdraw it"];
        if (errors.Count > 0)
            return ApiResults.Invalid(errors);

        var outcome = dossier.Consent(caller, category, body.Institution!.ToUpperInvariant(), body.Given!.Value);
        if (outcome.Refusal is { } why)
            return Refused(why);
        return outcome.Value is { } change ? TypedResults.Ok(Dto(change)) : ApiResults.NotFound("The pupil did not apply to that institution.");
    }

    private const string ParentNote =
        "From the pupil's 16th birthday a parent (ouder) is refused with 403 (rule P4) unless the pupil gave them access (POST " + "/api/v1/me/parent-access).";

    private static async Task<Results<Ok<ParentAccessDto>, ValidationProblem, ForbiddenProblem, NotFoundProblem>> ParentAccess(
        HttpContext http,
        DossierService dossier,
        Caller caller
    )
    {
        var (body, problem) = await Json<NewParentAccessDto>(http, "a JSON object with given");
        if (body is null)
            return problem!;
        if (body.Given is null)
            return ApiResults.Invalid("given", "true to let a parent see the dossier, false to end that");
        var outcome = dossier.ChangeParentAccess(caller, body.Given.Value);
        if (outcome.Refusal is { } why)
            return Refused(why);
        return outcome.Value is { } now ? TypedResults.Ok(new ParentAccessDto(now.Allowed, now.Rule, now.Reason)) : ApiResults.PupilNotFound();
    }

    /// <summary>403 for a refusal by a rule of rulebook §10: the rule as <c>rule</c>, the Dutch reason as the detail.</summary>
    private static ForbiddenProblem Refused(DossierDecision why) =>
        new(
            TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: $"Refused by rule {why.Rule}.",
                detail: why.Reason,
                extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = why.Rule }
            )
        );

    /// <summary>The JSON body as <typeparamref name="T"/>, or the 400 problem that names the field (or "body").</summary>
    private static async Task<(T? Value, ValidationProblem? Problem)> Json<T>(HttpContext http, string expected)
        where T : class
    {
        var bytes = await ApiResults.ReadBody(http, MaxBytes);
        if (bytes is null)
            return (null, ApiResults.Invalid("body", $"{expected} of at most {MaxBytes / 1024} KB"));
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ApiResults.Json) is { } value ? (value, null) : (null, ApiResults.Invalid("body", expected));
        }
        catch (JsonException bad)
        {
            var field = bad.Path is { Length: > 2 } path ? path.TrimStart('$', '.') : "body";
            return (null, ApiResults.Invalid(field, expected + ": " + bad.Message.Split(" Path:")[0]));
        }
    }

    private static DossierCategory Category(string? name, Dictionary<string, string[]> errors)
    {
        if (DossierRules.TryCategory(name, out var category))
            return category;
        errors["category"] = [CategoryExpected];
        return default;
    }

    private static DossierEntryDto Dto(DossierEntry e) =>
        new(e.Id, e.Pupil, DossierRules.Name(e.Category), e.Kind, PlanJson.Iso(e.On), e.Author, e.Institution, e.Body, e.Released);

    private static DossierRequestDto Dto(DossierRequest r) =>
        new(r.Id, r.Pupil, r.Institution, r.Purpose, [.. r.Categories.Select(DossierRules.Name)], PlanJson.Iso(r.On), PlanJson.Iso(r.Expires));

    private static ConsentDto Dto(ConsentChange c) =>
        new(DossierRules.Name(c.Category), c.Institution, c.Given, c.By == ConsentBy.Leerling ? "leerling" : "ouder", PlanJson.Iso(c.On));

    private static AuditEntryDto Dto(AuditEntry a) =>
        new(
            a.At.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            a.Actor,
            a.Role,
            a.Institution,
            a.Action,
            a.Category,
            a.Purpose,
            a.Outcome,
            a.Rule
        );

    private static ExportDto Dto(PupilExport x) =>
        new(
            x.Pupil,
            x.Personal,
            [
                .. x.Events.Select(e => new EventDto(
                    PlanJson.Iso(e.Date),
                    EventNames.Kind(e.Kind),
                    e.Institution,
                    e.Leerweg is { } l ? EventNames.Leerweg(l) : null,
                    e.Leerjaar,
                    e.Niveau,
                    e.Crebo,
                    e.Route,
                    e.Detail
                )),
            ],
            [.. x.Dossier.Select(Dto)],
            [.. x.Requests.Select(Dto)],
            [.. x.Audit.Select(Dto)]
        );
}
