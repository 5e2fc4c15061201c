using System.ComponentModel;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>A vo vestiging with its number of pupils in the newest school year of DUO's open data (a public aggregate).</summary>
public sealed record VoVestigingDto(string Brin6, string Brin4, string Name, string? Place, long? Pupils, int? PupilsSchoolYear);

/// <summary>An mbo location with its institution.</summary>
public sealed record MboLocationDto(string Brin6, string Brin4, string Name, string? Place, string Institution);

/// <summary>GET /api/v1/institutions/vo and /mbo: the institutions of the store (<see cref="InstitutionDirectory"/>), cursor paged by BRIN6.</summary>
public static class InstitutionsApi
{
    public static void MapInstitutions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/institutions").WithTags("Institutions");
        group
            .MapGet(
                "/vo",
                Results<Tagged<Page<VoVestigingDto>>, ValidationProblem> (
                    HttpContext http,
                    SiteServices site,
                    [Description("Page size, 1 to 500 (default 100).")] int? limit,
                    [Description("The opaque cursor from the previous page's " + "next.")] string? cursor
                ) =>
                {
                    var (paging, problem) = Paging.Read(limit, cursor);
                    if (problem is not null)
                        return problem;
                    var page = InstitutionDirectory.Vo(site.Database, paging.After, paging.Limit);
                    return ApiResults.Paged(
                        http,
                        [.. page.Items.Select(v => new VoVestigingDto(v.Brin6, v.Brin4, v.Naam, v.Plaats, v.Leerlingen, v.Schooljaar))],
                        page.NextAfter
                    );
                }
            )
            .WithName("ListVoVestigingen")
            .WithSummary("The vo vestigingen")
            .WithDescription("Every vo vestiging by BRIN6 with its number of pupils in the newest school year of DUO's open data; cursor paged.");
        group
            .MapGet(
                "/mbo",
                Results<Tagged<Page<MboLocationDto>>, ValidationProblem> (
                    HttpContext http,
                    SiteServices site,
                    [Description("Page size, 1 to 500 (default 100).")] int? limit,
                    [Description("The opaque cursor from the previous page's " + "next.")] string? cursor
                ) =>
                {
                    var (paging, problem) = Paging.Read(limit, cursor);
                    if (problem is not null)
                        return problem;
                    var page = InstitutionDirectory.Mbo(site.Database, paging.After, paging.Limit);
                    return ApiResults.Paged(
                        http,
                        [.. page.Items.Select(l => new MboLocationDto(l.Brin6, l.Brin4, l.Naam, l.Plaats, l.Instelling))],
                        page.NextAfter
                    );
                }
            )
            .WithName("ListMboLocations")
            .WithSummary("The mbo locations")
            .WithDescription("Every mbo location by BRIN6 with its institution (BRIN4 and name); cursor paged.");
    }
}
