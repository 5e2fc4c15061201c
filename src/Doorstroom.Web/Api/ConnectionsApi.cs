using System.Collections.Immutable;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>
/// The register of vo–mbo connections (issue 16, item 4): list (decaan and intake their own, analist and beheerder all), add
/// and end (decaan for their own vo vestiging, intake for their own mbo institution, beheerder all), every write audited.
/// </summary>
public static class ConnectionsApi
{
    private const int MaxBody = 8 * 1024;

    public static void MapConnections(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/connections").WithTags("Connections");
        group
            .MapGet("", List)
            .RequireAuthorization(ApiEndpoints.ConnectionReaders)
            .WithName("ListConnections")
            .WithSummary("The register of vo–mbo connections")
            .WithDescription(
                "Entered connections and the derived bestuurlijke ones (one instelling over both, e.g. an aoc), by vo vestiging, mbo and id. "
                    + "A decaan sees their own school's, intake their own institution's, the analist and beheerder all."
            );
        group
            .MapPost("", Add)
            .RequireAuthorization(ApiEndpoints.ConnectionWriters)
            .WithName("AddConnection")
            .WithSummary("Enter a connection")
            .WithDescription(
                "Decaan: for their own vo vestiging; intake: for their own mbo institution; beheerder: any. An existing id is replaced. "
                    + "A bestuurlijke verbinding that the institution data derives or contradicts is refused (400). Audited."
            )
            .Accepts<NewConnectionDto>("application/json");
        group
            .MapPost("/{id}/end", End)
            .RequireAuthorization(ApiEndpoints.ConnectionWriters)
            .WithName("EndConnection")
            .WithSummary("End a connection")
            .WithDescription("Sets the last day an entered connection holds (on or after its start), within the caller's scope. Audited.")
            .Accepts<EndConnectionDto>("application/json");
    }

    private static Results<Ok<ImmutableArray<ConnectionDto>>, ValidationProblem> List(
        SiteServices site,
        Caller caller,
        [Description("Only this vo vestiging (BRIN6).")] string? vo,
        [Description("Only this mbo institution (BRIN4).")] string? mbo,
        [Description("Only this form, as docs/connections.md spells it.")] string? form
    )
    {
        ConnectionForm? only = null;
        if (form is { Length: > 0 })
        {
            if (!JsonSpelling.ConnectionForms.TryGetValue(form, out var f))
                return ApiResults.Invalid("form", "one of " + JsonSpelling.Expected(JsonSpelling.ConnectionForms));
            only = f;
        }
        return TypedResults.Ok<ImmutableArray<ConnectionDto>>([
            .. ConnectionRegister
                .All(site.Database)
                .Where(c => ConnectionScope.Sees(site, caller, c))
                .Where(c => vo is not { Length: > 0 } || c.VoVestiging == vo)
                .Where(c => mbo is not { Length: > 0 } || c.MboInstitution == mbo)
                .Where(c => only is null || c.Form == only)
                .Select(Dto),
        ]);
    }

    private static async Task<Results<Created<ConnectionDto>, ValidationProblem, ForbiddenProblem>> Add(HttpContext http, SiteServices site, Caller caller)
    {
        var bytes = await ApiResults.ReadBody(http, MaxBody);
        if (bytes is null)
            return ApiResults.Invalid("body", $"a connection of at most {MaxBody / 1024} KB");
        NewConnectionDto? body;
        try
        {
            body = JsonSerializer.Deserialize<NewConnectionDto>(bytes, ApiResults.Json);
        }
        catch (JsonException bad)
        {
            return ApiResults.Invalid("body", "a JSON object with the fields of a connection: " + bad.Message.Split(" Path:")[0]);
        }
        if (body is null)
            return ApiResults.Invalid("body", "a JSON object with the fields of a connection");
        if (!JsonSpelling.ConnectionForms.TryGetValue(body.Form ?? "", out var form))
            return ApiResults.Invalid("form", "one of " + JsonSpelling.Expected(JsonSpelling.ConnectionForms));
        if (Date(body.From) is not { } from)
            return ApiResults.Invalid("from", "a date as yyyy-mm-dd");
        DateOnly? until = null;
        if (body.Until is { Length: > 0 })
        {
            until = Date(body.Until);
            if (until is null)
                return ApiResults.Invalid("until", "a date as yyyy-mm-dd, or null while it runs");
        }
        var connection = new Connection(
            body.Id is { Length: > 0 } id ? id : "v-" + Guid.NewGuid().ToString("N")[..12],
            body.VoVestiging ?? "",
            body.Mbo ?? "",
            form,
            from,
            until,
            body.Description ?? "",
            body.Source ?? "",
            body.Route is { Length: > 0 } r ? r : null,
            body.Subject is { Length: > 0 } s ? s : null
        );
        var problems = connection.Check();
        if (!problems.IsEmpty)
            return Invalid(problems);
        if (ConnectionScope.Refusal(site, caller, connection) is not null)
            return ApiResults.Forbidden("You enter connections only for your own school or institution.");
        if (ConnectionRegister.Find(site.Database, connection.Id) is { } stored && ConnectionScope.Refusal(site, caller, stored) is not null)
            return ApiResults.Forbidden("That id is a connection outside your scope; choose another id.");
        var refused = ConnectionRegister.Add(site.Database, connection, caller.Name, caller.Role, caller.Institution, site.Clock.GetUtcNow());
        if (!refused.IsEmpty)
            return Invalid(refused);
        return TypedResults.Created($"{ApiEndpoints.Prefix}/connections?vo={connection.VoVestiging}", Dto(connection));
    }

    private static async Task<Results<Ok<ConnectionDto>, ValidationProblem, NotFoundProblem, ForbiddenProblem>> End(
        HttpContext http,
        SiteServices site,
        Caller caller,
        string id
    )
    {
        var bytes = await ApiResults.ReadBody(http, MaxBody);
        EndConnectionDto? body = null;
        try
        {
            body = bytes is null ? null : JsonSerializer.Deserialize<EndConnectionDto>(bytes, ApiResults.Json);
        }
        catch (JsonException)
        {
            body = null;
        }
        if (Date(body?.Until) is not { } until)
            return ApiResults.Invalid("until", "the last day the connection holds, as yyyy-mm-dd");
        if (ConnectionRegister.Find(site.Database, id) is not { } stored)
            return ApiResults.NotFound("No entered connection with this id.");
        if (ConnectionScope.Refusal(site, caller, stored) is not null)
            return ApiResults.Forbidden("You end connections only of your own school or institution.");
        if (ConnectionRegister.End(site.Database, id, until, caller.Name, caller.Role, caller.Institution, site.Clock.GetUtcNow()) is { } refusal)
            return ApiResults.Invalid("until", refusal);
        return TypedResults.Ok(Dto(stored with { Until = until }));
    }

    private static ValidationProblem Invalid(ImmutableArray<(string Field, string Message)> problems) =>
        ApiResults.Invalid(problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()));

    private static DateOnly? Date(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static ConnectionDto Dto(Connection c) =>
        new(
            c.Id,
            c.VoVestiging,
            c.Mbo,
            JsonSpelling.Of(c.Form),
            PlanIso(c.From),
            c.Until is { } u ? PlanIso(u) : null,
            c.Route,
            c.Subject,
            c.Description,
            c.Source,
            c.Synthetic,
            c.Id == BoardConnections.IdOf(c.VoVestiging, c.Mbo)
        );

    private static string PlanIso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
