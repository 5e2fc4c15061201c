using System.Collections.Immutable;
using System.ComponentModel;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>One of the monitor's indicators along a flow: counts as shown ("&lt;5" for 1–4), the rate null when suppressed.</summary>
public sealed record FlowOutcomeDto(string Indicator, string Population, string Hits, double? Rate);

/// <summary>One cohort's pupils to a partner and the share of the subject's flow into the mbo (null when suppressed).</summary>
public sealed record CohortShareDto(int Cohort, string Pupils, double? Share);

/// <summary>A connection of the register that holds along a flow.</summary>
public sealed record ConnectionRefDto(string Id, string Form, string VoVestiging, string Mbo);

/// <summary>One partner of the subject: the flow, its share and trend, the connections, the gap and the outcomes (association, not effect).</summary>
public sealed record ConnectionPartnerDto(
    string Code,
    string Name,
    string Pupils,
    double? Share,
    ImmutableArray<CohortShareDto> Cohorts,
    string Trend,
    ImmutableArray<ConnectionRefDto> Connections,
    string Gap,
    ImmutableArray<FlowOutcomeDto> Outcomes
);

/// <summary>Where to connect for one vmbo vestiging or mbo institution.</summary>
public sealed record WhereToConnectDto(
    string Side,
    string Code,
    string Name,
    string Through,
    string On,
    bool Synthetic,
    ImmutableArray<int> Cohorts,
    string Pupils,
    ConnectionThresholds Thresholds,
    ImmutableArray<ConnectionPartnerDto> Partners,
    ImmutableArray<FlowOutcomeDto> Overall,
    string Note
);

/// <summary>GET /api/v1/where-to-connect: the flows of a school or institution, its connections, the gaps and the outcomes along each flow.</summary>
public static class WhereToConnectApi
{
    /// <summary>Bearer callers of the roles that may ask: the analist (any), a decaan (own school), intake (own institution).</summary>
    private static readonly AuthorizationPolicy Readers = new AuthorizationPolicyBuilder(AuthServer.BearerScheme)
        .RequireAuthenticatedUser()
        .RequireRole(Roles.Analist, Roles.Decaan, Roles.Intake)
        .Build();

    private static string Spell<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static FlowOutcomeDto Outcome(FlowOutcome o) => new(Spell(o.Indicator), Suppression.Count(o.Population), Suppression.Count(o.Hits), o.Rate);

    public static void MapWhereToConnect(this RouteGroupBuilder api)
    {
        api.MapGet(
                "/where-to-connect",
                async Task<Results<Tagged<WhereToConnectDto>, ValidationProblem, NotFoundProblem>> (
                    HttpContext http,
                    MonitorCache cache,
                    SiteServices site,
                    Caller caller,
                    [Description("A vmbo vestiging (BRIN6); a decaan's default is the own school.")] string? school,
                    [Description("An mbo institution (BRIN4); intake's default is the own institution.")] string? institution
                ) =>
                {
                    if (school is { Length: > 0 } && institution is { Length: > 0 })
                        return ApiResults.Invalid("school", "either school or institution, not both");
                    if (caller.Role == Roles.Analist && string.IsNullOrWhiteSpace(school) && string.IsNullOrWhiteSpace(institution))
                        return ApiResults.Invalid("school", "a vmbo vestiging (BRIN6) in school, or an mbo institution (BRIN4) in institution");
                    var subject = WhereToConnectSubject.Resolve(caller, site, school, institution, out var refused);
                    if (refused || subject is null)
                        return ApiResults.NotFound("No such school or institution in your scope.");
                    var snapshot = await cache.Get(http.RequestAborted);
                    var names = snapshot.Names ?? MonitorNames.Of(site);
                    var on = DutchTime.DateOf(site.Clock.GetUtcNow());
                    var view = WhereToConnectData.View(snapshot, site, subject, on);
                    var partners = view.Partners.Select(p => new ConnectionPartnerDto(
                        p.Code,
                        names.Institution(p.Code),
                        Suppression.Count(p.Count),
                        p.Share,
                        [.. p.Cohorts.Select(c => new CohortShareDto(c.Cohort, Suppression.Count(c.Count), c.Share))],
                        Spell(p.Trend),
                        [.. p.Connections.Select(c => new ConnectionRefDto(c.Id, JsonSpelling.Of(c.Form), c.VoVestiging, c.Mbo))],
                        Spell(p.Gap),
                        [.. p.Outcomes.Select(Outcome)]
                    ));
                    return ApiResults.Tagged(
                        http,
                        new WhereToConnectDto(
                            Spell(view.Side),
                            view.Code,
                            names.Institution(view.Code),
                            PlanJson.Iso(snapshot.Context.Through),
                            PlanJson.Iso(on),
                            snapshot.Pupils > 0 && snapshot.SyntheticPupils == snapshot.Pupils,
                            view.Cohorts,
                            Suppression.Count(view.Total),
                            view.Thresholds,
                            [.. partners],
                            [.. view.Overall.Select(Outcome)],
                            "Shares are of the subject's flow into the mbo over the readable cohorts. Counts from 1 to 4 are shown as <5; no rate or "
                                + "share on fewer than 10 pupils or beside a hidden count. Outcomes along a flow are an association, not an effect. "
                                + "Connections are the register's as stored, holding on the date 'on'."
                        )
                    );
                }
            )
            .RequireAuthorization(Readers)
            .WithTags("Monitor")
            .WithName("WhereToConnect")
            .WithSummary("Where to connect: flows, connections, gaps and outcomes of one school or institution")
            .WithDescription(
                "Analist: any vmbo vestiging (school=BRIN6) or mbo institution (institution=BRIN4). Decaan: the own school only; intake: the own "
                    + "institution only (another is 404, as if unknown). Per partner the pupils over the readable cohorts, the share and trend, the "
                    + "register's connections, the gap (grote-stroom-zonder-verbinding, verbinding-bij-kleine-stroom) and the monitor's switch, "
                    + "new vsv and startersresultaat along the flow. Aggregates only: small cells are suppressed."
            );
    }
}
