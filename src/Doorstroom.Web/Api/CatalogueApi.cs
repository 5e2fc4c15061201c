using System.Collections.Immutable;
using System.ComponentModel;
using Doorstroom.Catalogue;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>A source a route rests on.</summary>
public sealed record SourceDto(string Key, string Title, string? Url, string? Note);

/// <summary>A route of the catalogue with its intake window and sources.</summary>
public sealed record RouteDto(
    string Id,
    string Name,
    string Aims,
    string WhoMayEnter,
    string EntersAt,
    string IntakeFrom,
    string? IntakeTo,
    string Outcome,
    ImmutableArray<string> Rules,
    ImmutableArray<SourceDto> Sources,
    ImmutableArray<string> ExampleCrebos
);

/// <summary>The routes in force on a date.</summary>
public sealed record RoutesDto(string On, string CatalogueVersion, ImmutableArray<RouteDto> Items);

/// <summary>GET /api/v1/catalogue/routes: the route catalogue.</summary>
public static class CatalogueApi
{
    public static void MapCatalogue(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/catalogue").WithTags("Catalogue");
        group
            .MapGet("/routes", Tagged<RoutesDto> (HttpContext http, SiteServices site, [Description("The date, YYYY-MM-DD (default: today).")] DateOnly? on) =>
            {
                var date = on ?? site.Today;
                var routes = site.Catalogue.Routes.Where(r => r.Intake.Contains(date)).Select(r => Dto(site, r));
                return ApiResults.Tagged(http, new RoutesDto(PlanJson.Iso(date), site.Catalogue.Version, [.. routes]));
            })
            .WithName("ListRoutes")
            .WithSummary("The routes in force on a date")
            .WithDescription("Every route whose intake window contains the date (default: today), with the rules and sources it rests on.")
            // A date that does not bind is a 400 before the handler runs: the signature cannot say so.
            .ProducesProblem(StatusCodes.Status400BadRequest);
        group
            .MapGet("/routes/{id}", Results<Tagged<RouteDto>, NotFoundProblem> (HttpContext http, SiteServices site, string id) =>
                site.Catalogue.FindRoute(id) is { } route ? ApiResults.Tagged(http, Dto(site, route)) : ApiResults.NotFound("No route with this id.")
            )
            .WithName("GetRoute")
            .WithSummary("One route")
            .WithDescription("A route of the catalogue by its id (e.g. vm2), whether or not it is in force today.");
    }

    private static RouteDto Dto(SiteServices site, Domain.Route r)
    {
        var sources = site.Sources.ToDictionary(s => s.Key, StringComparer.Ordinal);
        return new(
            r.Id,
            r.Name,
            r.Aims,
            r.WhoMayEnter,
            r.EntersAt.ToString(),
            PlanJson.Iso(r.Intake.From),
            r.Intake.To is { } to ? PlanJson.Iso(to) : null,
            r.Outcome,
            r.Rules,
            [
                .. r.Sources.Select(key =>
                    sources.TryGetValue(key, out var s) ? new SourceDto(s.Key, s.Title, s.Url, s.Note) : new SourceDto(key, key, null, null)
                ),
            ],
            r.ExampleCrebos
        );
    }
}
