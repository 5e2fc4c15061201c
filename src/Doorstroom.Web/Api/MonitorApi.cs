using System.Collections.Immutable;
using System.ComponentModel;
using System.Text;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>A row of an indicator after suppression: counts 1–4 shown as "&lt;5", no rate on fewer than 10 pupils.</summary>
public sealed record MonitorRowDto(ImmutableArray<string> Keys, string Population, string Hits, double? Rate);

/// <summary>One indicator rolled up to the requested dimensions.</summary>
public sealed record IndicatorDto(string Indicator, string Id, string Name, string Peildatum, ImmutableArray<MonitorRowDto> Rows);

/// <summary>The monitor's headline indicators: aggregates only, never a pupil key.</summary>
public sealed record MonitorDto(ImmutableArray<string> By, string Through, bool Synthetic, string Suppression, ImmutableArray<IndicatorDto> Indicators);

/// <summary>GET /api/v1/monitor: the headline transition indicators, per cohort or another breakdown, suppressed as DUO does.</summary>
public static class MonitorApi
{
    /// <summary>The breakdowns the API offers: none of them narrows to one school or institution.</summary>
    private static readonly ImmutableDictionary<string, Dimension> Dimensions = new[]
    {
        Dimension.Cohort,
        Dimension.Route,
        Dimension.Leerweg,
        Dimension.Sector,
        Dimension.Niveau,
    }.ToImmutableDictionary(Name, StringComparer.Ordinal);

    private static readonly ImmutableDictionary<string, Indicator> Indicators = Enum.GetValues<Indicator>().ToImmutableDictionary(Name, StringComparer.Ordinal);

    public static void MapMonitor(this RouteGroupBuilder api)
    {
        api.MapGet(
                "/monitor",
                async Task<Results<Tagged<MonitorDto>, ValidationProblem>> (
                    HttpContext http,
                    MonitorCache cache,
                    SiteServices site,
                    [Description("One indicator, e.g. doorstroom-vo-mbo (default: all).")] string? indicator,
                    [Description("Dimensions separated by commas (default: cohort).")] string? by
                ) =>
                {
                    var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
                    ImmutableArray<Indicator> which = [.. Indicators.Values.Order()];
                    if (indicator is { Length: > 0 })
                    {
                        if (Indicators.TryGetValue(indicator, out var one))
                            which = [one];
                        else
                            errors["indicator"] = ["one of " + string.Join(", ", Indicators.Keys.Order(StringComparer.Ordinal))];
                    }
                    var dims = ImmutableArray.CreateBuilder<Dimension>();
                    foreach (
                        var part in (by is { Length: > 0 } ? by : "cohort").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    )
                    {
                        if (Dimensions.TryGetValue(part, out var d))
                        {
                            if (!dims.Contains(d))
                                dims.Add(d);
                        }
                        else
                            errors["by"] = ["dimensions separated by commas, from " + string.Join(", ", Dimensions.Keys.Order(StringComparer.Ordinal))];
                    }
                    if (errors.Count > 0)
                        return ApiResults.Invalid(errors);

                    var snapshot = await cache.Get(http.RequestAborted);
                    var (cube, context, pupils, synthetic) = (snapshot.Cube, snapshot.Context, snapshot.Pupils, snapshot.SyntheticPupils);
                    var indicators = which.Select(i =>
                    {
                        var table = cube.Table(i, dims);
                        var d = site.Catalogue.Definition(i);
                        return new IndicatorDto(
                            Name(i),
                            d.Id,
                            d.Name,
                            d.Peildatum,
                            [.. table.Rows.Select(Suppression.Display).Select(r => new MonitorRowDto(r.Keys, r.Population, r.Hits, r.Rate))]
                        );
                    });
                    return ApiResults.Tagged(
                        http,
                        new MonitorDto(
                            [.. dims.Select(Name)],
                            PlanJson.Iso(context.Through),
                            pupils > 0 && synthetic == pupils,
                            "Counts from 1 to 4 are shown as <5; no rate on fewer than 10 pupils or beside a hidden count.",
                            [.. indicators]
                        )
                    );
                }
            )
            .RequireAuthorization(ApiEndpoints.Aggregates)
            .WithTags("Monitor")
            .WithName("Monitor")
            .WithSummary("The headline transition indicators")
            .WithDescription(
                "Analist only. Every indicator (or one: indicator=doorstroom-vo-mbo) rolled up by cohort or by other dimensions "
                    + "(by=cohort,leerweg; from cohort, route, leerweg, sector, niveau). Aggregates only: small cells are suppressed."
            );
    }

    /// <summary>An enum member as a kebab-case name: DoorstroomVoMbo → doorstroom-vo-mbo.</summary>
    private static string Name<T>(T value)
        where T : struct, Enum
    {
        var pascal = value.ToString();
        var text = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]))
                text.Append('-');
            text.Append(char.ToLowerInvariant(pascal[i]));
        }
        return text.ToString();
    }
}
