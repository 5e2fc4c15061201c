using System.ComponentModel;
using Dapper;

namespace Doorstroom.Web.Api;

/// <summary>A vo vestiging with its number of pupils in the newest school year of DUO's open data (a public aggregate).</summary>
public sealed record VoVestigingDto(string Brin6, string Brin4, string Name, string? Place, long? Pupils, int? PupilsSchoolYear);

/// <summary>An mbo location with its institution.</summary>
public sealed record MboLocationDto(string Brin6, string Brin4, string Name, string? Place, string Institution);

/// <summary>GET /api/institutions/vo and /mbo: the institutions of the store, cursor paged by BRIN6.</summary>
public static class InstitutionsApi
{
    public static void MapInstitutions(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/institutions").WithTags("Institutions");
        group.MapGet("/vo", (HttpContext http, SiteServices site, [Description("Page size, 1 to 500 (default 100).")] int? limit, [Description("The opaque cursor from the previous page's next.")] string? cursor) =>
            {
                var (paging, problem) = Paging.Read(limit, cursor);
                if (problem is not null) return problem;
                using var connection = site.Database.ConnectMigrated();
                var year = connection.ExecuteScalar<int?>("SELECT MAX(schooljaar) FROM vo_leerlingen");
                var rows = connection.Query<VoRow>("""
                    SELECT v.brin6 AS Brin6, v.brin4 AS Brin4, v.naam AS Name, v.plaats AS Place,
                           (SELECT SUM(l.aantal) FROM vo_leerlingen l WHERE l.brin6 = v.brin6 AND l.schooljaar = @year) AS Pupils
                    FROM vo_vestiging v WHERE v.brin6 > @after ORDER BY v.brin6 LIMIT @take
                    """, new { year, after = paging.After ?? "", take = paging.Limit + 1 })
                    .Select(r => new VoVestigingDto(r.Brin6, r.Brin4, r.Name, r.Place, r.Pupils, r.Pupils is null ? null : year)).ToList();
                return Page(http, rows, paging.Limit, r => r.Brin6);
            })
            .WithName("ListVoVestigingen")
            .WithSummary("The vo vestigingen")
            .WithDescription("Every vo vestiging by BRIN6 with its number of pupils in the newest school year of DUO's open data; cursor paged.")
            .Produces<Page<VoVestigingDto>>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem();
        group.MapGet("/mbo", (HttpContext http, SiteServices site, [Description("Page size, 1 to 500 (default 100).")] int? limit, [Description("The opaque cursor from the previous page's next.")] string? cursor) =>
            {
                var (paging, problem) = Paging.Read(limit, cursor);
                if (problem is not null) return problem;
                using var connection = site.Database.ConnectMigrated();
                var rows = connection.Query<MboRow>("""
                    SELECT l.brin6 AS Brin6, l.brin4 AS Brin4, l.naam AS Name, l.plaats AS Place, i.naam AS Institution
                    FROM mbo_locatie l JOIN mbo_instelling i ON i.brin4 = l.brin4
                    WHERE l.brin6 > @after ORDER BY l.brin6 LIMIT @take
                    """, new { after = paging.After ?? "", take = paging.Limit + 1 })
                    .Select(r => new MboLocationDto(r.Brin6, r.Brin4, r.Name, r.Place, r.Institution)).ToList();
                return Page(http, rows, paging.Limit, r => r.Brin6);
            })
            .WithName("ListMboLocations")
            .WithSummary("The mbo locations")
            .WithDescription("Every mbo location by BRIN6 with its institution (BRIN4 and name); cursor paged.")
            .Produces<Page<MboLocationDto>>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesValidationProblem();
    }

    private static IResult Page<T>(HttpContext http, List<T> rows, int limit, Func<T, string> key)
    {
        var more = rows.Count > limit;
        if (more) rows.RemoveAt(limit);
        return ApiResults.Paged(http, [.. rows], more ? key(rows[^1]) : null);
    }

    private sealed class VoRow
    {
        public string Brin6 { get; set; } = "";
        public string Brin4 { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Place { get; set; }
        public long? Pupils { get; set; }
    }

    private sealed class MboRow
    {
        public string Brin6 { get; set; } = "";
        public string Brin4 { get; set; } = "";
        public string Name { get; set; } = "";
        public string? Place { get; set; }
        public string Institution { get; set; } = "";
    }
}
