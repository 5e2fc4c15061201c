using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>A programme of a choice: a crebo with its name, or only the name the pupil wrote.</summary>
public sealed record LoopbaanProgrammeDto(int? Crebo, string Name);

/// <summary>
/// One line of the loopbaandossier: kind <c>activiteit</c> (an LOB activity with the reflection), <c>keuze</c> (a choice with its
/// programmes and motivation), <c>opmerking</c> (a remark of a mentor or decaan) or <c>meeloopdag</c> (a step from the stream).
/// </summary>
/// <param name="Entry">The dossier entry holding the text, if one; only released entries go with an mbo's request.</param>
/// <param name="Sure">How sure a choice is: zeker, redelijk-zeker, twijfel or geen-idee.</param>
public sealed record LoopbaanItemDto(
    string Date,
    string Kind,
    string Title,
    string? Where,
    string? Programme,
    string? Text,
    string? Sure,
    ImmutableArray<LoopbaanProgrammeDto> Programmes,
    string? Author,
    long? Entry,
    bool Released
);

/// <summary>A pupil's loopbaandossier in date order.</summary>
public sealed record LoopbaanDto(string Pupil, ImmutableArray<LoopbaanItemDto> Items);

/// <summary>An LOB activity to record: activity (as in the event schema), date (default today), where (BRIN6), crebo (optional), reflection.</summary>
public sealed record NewLobActivityDto(string? Activity, string? Date, string? Where, string? Crebo, string? Reflection);

/// <summary>A choice to record: up to three programmes (crebo or name, first choice first), motivation, how sure, date (default today).</summary>
public sealed record NewChoiceDto(ImmutableArray<string>? Programmes, string? Motivation, string? Sure, string? Date);

/// <summary>A remark of a mentor or decaan: the text and the date (default today).</summary>
public sealed record NewRemarkDto(string? Text, string? Date);

/// <summary>The dossier entry a write stored (not released until the school releases it).</summary>
public sealed record LoopbaanWrittenDto(long Entry);

/// <summary>
/// The loopbaandossier (issue 16) through <see cref="LoopbaanService"/>: the pupil reads and writes their own, a parent reads it
/// while P4 lets them, a decaan reads the school's pupils' and adds remarks. An mbo reads it only through a dossier request
/// (<c>GET /api/v1/dossier-requests/{id}/loopbaan</c>). Anything outside the caller's scope is a 404; a bad field refuses the whole
/// write with a 400 naming each field, and stores nothing.
/// </summary>
public static class LoopbaanApi
{
    private const int MaxBytes = 32 * 1024;
    private const string Path = "/pupils/{key}/loopbaan";

    private static readonly ImmutableDictionary<string, string> Fields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Soort"] = "activity",
        ["Datum"] = "date",
        ["Waar"] = "where",
        ["Crebo"] = "crebo",
        ["Reflectie"] = "reflection",
        ["Opleidingen"] = "programmes",
        ["Motivatie"] = "motivation",
        ["Zekerheid"] = "sure",
        ["Tekst"] = "text",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    public static void MapLoopbaan(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("").WithTags("Loopbaan");
        group
            .MapGet(Path, Read)
            .RequireAuthorization(Roles(Web.Roles.Leerling, Web.Roles.Ouder, Web.Roles.Decaan))
            .WithName("GetLoopbaandossier")
            .WithSummary("A pupil's loopbaandossier")
            .WithDescription(
                "The pupil's own (leerling), a parent's child's (ouder; from the pupil's 16th birthday 403 with rule P4 unless the pupil gave access), "
                    + "or a pupil of the decaan's school. Activities with reflections, choices, remarks and meeloopdag steps in date order. 404 for any "
                    + "other key. Audited. An mbo reads the released part through GET /api/v1/dossier-requests/{id}/loopbaan."
            );
        group
            .MapPost(Path + "/activiteiten", Activity)
            .RequireAuthorization(Roles(Web.Roles.Leerling))
            .WithName("RecordLobActivity")
            .WithSummary("The pupil records an LOB activity with a reflection")
            .WithDescription(
                "Leerling, own key only. The LobActiviteit event, the reflection (dossier category loopbaan, kind reflectie) and the audit line are "
                    + "one transaction. Every field is checked: a bad one refuses the whole with 400 and stores nothing."
            )
            .Accepts<NewLobActivityDto>("application/json");
        group
            .MapPost(Path + "/keuzes", Choice)
            .RequireAuthorization(Roles(Web.Roles.Leerling))
            .WithName("RecordChoice")
            .WithSummary("The pupil records the choice so far")
            .WithDescription(
                "Leerling, own key only. The KeuzeVastgelegd event (first programme's crebo, how sure), the programmes and motivation (kind keuze) and "
                    + "the audit line are one transaction; a bad field refuses the whole with 400."
            )
            .Accepts<NewChoiceDto>("application/json");
        group
            .MapPost(Path + "/opmerkingen", Remark)
            .RequireAuthorization(Roles(Web.Roles.Decaan))
            .WithName("AddLoopbaanRemark")
            .WithSummary("A mentor or decaan adds a remark to a pupil's loopbaandossier")
            .WithDescription("Decaan of the pupil's school (404 otherwise). Not released until the school releases it. Audited.")
            .Accepts<NewRemarkDto>("application/json");
    }

    private static Action<Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder> Roles(params string[] roles) =>
        p => p.AddAuthenticationSchemes(AuthServer.BearerScheme).RequireAuthenticatedUser().RequireRole(roles);

    private static Results<Tagged<LoopbaanDto>, ForbiddenProblem, NotFoundProblem> Read(HttpContext http, LoopbaanService loopbaan, Caller caller, string key)
    {
        var outcome = loopbaan.Read(caller, key);
        if (outcome.Refusal is { } why)
            return new ForbiddenProblem(
                TypedResults.Problem(
                    statusCode: StatusCodes.Status403Forbidden,
                    title: $"Refused by rule {why.Rule}.",
                    detail: why.Reason,
                    extensions: new Dictionary<string, object?>(StringComparer.Ordinal) { ["rule"] = why.Rule }
                )
            );
        return outcome.Value is { } dossier ? ApiResults.Tagged(http, Dto(dossier)) : ApiResults.PupilNotFound();
    }

    private static async Task<Results<Created<LoopbaanWrittenDto>, ValidationProblem, NotFoundProblem>> Activity(
        HttpContext http,
        LoopbaanService loopbaan,
        SiteServices site,
        Caller caller,
        string key
    )
    {
        var (body, problem) = await Json<NewLobActivityDto>(http);
        if (body is null)
            return problem!;
        return Written(key, loopbaan.RecordActivity(caller, key, body.Activity, body.Date ?? Iso(site), body.Where, body.Crebo, body.Reflection));
    }

    private static async Task<Results<Created<LoopbaanWrittenDto>, ValidationProblem, NotFoundProblem>> Choice(
        HttpContext http,
        LoopbaanService loopbaan,
        SiteServices site,
        Caller caller,
        string key
    )
    {
        var (body, problem) = await Json<NewChoiceDto>(http);
        if (body is null)
            return problem!;
        var programmes = body.Programmes is { IsDefault: false } list ? list.Cast<string?>().ToList() : [];
        return Written(key, loopbaan.RecordChoice(caller, key, programmes, body.Motivation, body.Sure, body.Date ?? Iso(site)));
    }

    private static async Task<Results<Created<LoopbaanWrittenDto>, ValidationProblem, NotFoundProblem>> Remark(
        HttpContext http,
        LoopbaanService loopbaan,
        SiteServices site,
        Caller caller,
        string key
    )
    {
        var (body, problem) = await Json<NewRemarkDto>(http);
        if (body is null)
            return problem!;
        return Written(key, loopbaan.AddRemark(caller, key, body.Text, body.Date ?? Iso(site)));
    }

    private static Results<Created<LoopbaanWrittenDto>, ValidationProblem, NotFoundProblem> Written(string key, LoopbaanUitkomst outcome)
    {
        if (outcome.NotFound)
            return ApiResults.PupilNotFound();
        if (outcome.Onderdeel is { } entry)
            return TypedResults.Created($"{ApiEndpoints.Prefix}/pupils/{Uri.EscapeDataString(key)}/loopbaan", new LoopbaanWrittenDto(entry));
        return ApiResults.Invalid(
            outcome
                .Fouten.GroupBy(f => Fields.GetValueOrDefault(f.Veld, f.Veld))
                .ToDictionary(g => g.Key, g => g.Select(f => f.Melding).ToArray(), StringComparer.Ordinal)
        );
    }

    private static string Iso(SiteServices site) => PlanJson.Iso(site.Today);

    private static async Task<(T? Value, ValidationProblem? Problem)> Json<T>(HttpContext http)
        where T : class
    {
        var bytes = await ApiResults.ReadBody(http, MaxBytes);
        if (bytes is null)
            return (null, ApiResults.Invalid("body", $"a JSON object of at most {MaxBytes / 1024} KB"));
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, ApiResults.Json) is { } value ? (value, null) : (null, ApiResults.Invalid("body", "a JSON object"));
        }
        catch (JsonException bad)
        {
            return (null, ApiResults.Invalid("body", "a JSON object: " + bad.Message.Split(" Path:")[0]));
        }
    }

    private static LoopbaanDto Dto(Loopbaandossier d) =>
        new(
            d.Pupil,
            [
                .. d.Regels.Select(r => new LoopbaanItemDto(
                    r.Datum.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                    r.Soort,
                    r.Titel,
                    r.Waar,
                    r.Opleiding,
                    r.Tekst,
                    r.Zekerheid is { } z ? JsonSpelling.Of(z) : null,
                    [.. r.Opleidingen.Select(o => new LoopbaanProgrammeDto(o.Crebo, o.Naam))],
                    r.Auteur,
                    r.Onderdeel,
                    r.Vrijgegeven
                )),
            ]
        );
}
