using System.Collections.Immutable;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>One doubt signal of a pupil: its kind, rule, label, the sentence for the decaan and the suggested next step.</summary>
public sealed record DoubtSignalDto(string Kind, string Rule, string Label, string Text, string NextStep);

/// <summary>A pupil's doubt signals on a day.</summary>
public sealed record DoubtSignalsDto(string Key, string On, ImmutableArray<DoubtSignalDto> Signals);

/// <summary>
/// One outcome of the pupils with and without a signal, suppressed as the monitor is (counts 1–4 as "&lt;5", no rate on fewer
/// than 10); the relative risk with its Katz 95 % interval and, for the time to a startkwalificatie, the difference in mean years
/// with its Welch 95 % interval, null where they may not be shown.
/// </summary>
public sealed record SignalOutcomeDto(
    string Outcome,
    string WithPopulation,
    string WithHits,
    double? WithRate,
    string WithoutPopulation,
    string WithoutHits,
    double? WithoutRate,
    double? RelativeRisk,
    double? RiskLow,
    double? RiskHigh,
    double? MeanYearsWith,
    double? MeanYearsWithout,
    double? DifferenceYears,
    double? DifferenceLow,
    double? DifferenceHigh
);

/// <summary>One doubt signal measured: the day of the exam year it is evaluated on, and its outcomes.</summary>
public sealed record SignalMeasureDto(string Signal, string Rule, string Label, string ReferenceDate, ImmutableArray<SignalOutcomeDto> Outcomes);

/// <summary>The doubt signals measured over the data loaded: an association, not an effect; on synthetic data the simulator's assumptions.</summary>
public sealed record SignalMeasuresDto(
    string Through,
    long Pupils,
    bool Synthetic,
    string Reading,
    string Method,
    string Suppression,
    ImmutableArray<SignalMeasureDto> Signals
);

/// <summary>GET /api/v1/monitor/signals (analist) and GET /api/v1/pupils/{key}/doubt-signals (decaan, own school): issue 16 item 3.</summary>
public static class SignalsApi
{
    public static void MapSignals(this RouteGroupBuilder api)
    {
        api.MapGet("/monitor/signals", async Task<Tagged<SignalMeasuresDto>> (HttpContext http, SignalMeasureCache cache) =>
            {
                var snapshot = await cache.Get(http.RequestAborted);
                var cube = snapshot.Cube;
                var comparisons = cube.Comparisons();
                return ApiResults.Tagged(
                    http,
                    new SignalMeasuresDto(
                        PlanJson.Iso(snapshot.Context.Through),
                        cube.Pupils,
                        cube.Pupils > 0 && cube.SyntheticPupils == cube.Pupils,
                        cube.SyntheticPupils > 0
                            ? "Association, not effect. The data holds simulated pupils: for them this measures the simulator's assumptions, not the world."
                            : "Association, not effect: pupils with a signal differ in more than the signal.",
                        "Relative risk with a 95% interval by the Katz log method; difference of mean years to a startkwalificatie (with - without) "
                            + "with a 95% Welch interval (normal approximation).",
                        "Counts from 1 to 4 are shown as <5; no rate on fewer than 10 pupils or beside a hidden count, and no ratio beside a hidden rate.",
                        [
                            .. DoubtSignals.Rules.Select(r => new SignalMeasureDto(
                                Name(r.Kind),
                                r.Rule,
                                r.Label,
                                r.Kind switch
                                {
                                    DoubtKind.GeenKeuze => snapshot.Settings.KeuzeUiterlijk.ToString(),
                                    DoubtKind.GeenLob => snapshot.Settings.LobUiterlijk.ToString(),
                                    _ => "07-31",
                                },
                                [.. comparisons.Where(c => c.Kind == r.Kind).Select(Dto)]
                            )),
                        ]
                    )
                );
            })
            .RequireAuthorization(ApiEndpoints.Aggregates)
            .WithTags("Monitor")
            .WithName("SignalMeasures")
            .WithSummary("The doubt signals measured")
            .WithDescription(
                "Analist only. Per doubt signal (evaluated on its reference date, MM-dd in the pupil's exam year) the switch, new vsv and "
                    + "startkwalificatie of the pupils with and without it, the relative risk with its interval. Aggregates only; an association."
            );

        api.MapGet(
                "/pupils/{key}/doubt-signals",
                Results<Tagged<DoubtSignalsDto>, NotFoundProblem, ForbiddenProblem> (
                    HttpContext http,
                    SiteServices site,
                    ReadLog reads,
                    Caller caller,
                    string key
                ) =>
                {
                    if (caller.Role != Roles.Decaan)
                        return ApiResults.Forbidden("Only a decaan reads a pupil's doubt signals.");
                    var today = site.Today;
                    var locations = caller.Institution is { Length: > 0 } institution ? site.Locations(institution) : [];
                    if (PupilDirectory.SchoolPupil(site.Database, locations, key, today, site.WarnFrom) is not { } pupil)
                        return ApiResults.PupilNotFound();
                    reads.Pupil(caller, PupilView.ApiPupil, pupil.Key);
                    var signals = DoubtSignals.On(pupil.Stream, today, site.Doubt, site.Crebos());
                    return ApiResults.Tagged(
                        http,
                        new DoubtSignalsDto(
                            pupil.Key,
                            PlanJson.Iso(today),
                            [.. signals.Select(s => new DoubtSignalDto(Name(s.Kind), s.Rule, DoubtSignals.Rule(s.Kind).Label, s.Text, s.NextStep))]
                        )
                    );
                }
            )
            .RequireAuthorization(ApiEndpoints.PupilReaders)
            .WithTags("Pupils")
            .WithName("GetPupilDoubtSignals")
            .WithSummary("A pupil's doubt signals")
            .WithDescription(
                "Decaan only, for a pupil of the decaan's own school (another pupil is 404, as if unknown). The doubt signals that hold today, "
                    + "each with its rule, a sentence and a suggested next step."
            );
    }

    private static SignalOutcomeDto Dto(SignalComparison c) =>
        new(
            Name(c.Outcome),
            Suppression.Count(c.With.Population),
            Suppression.Count(c.With.Hits),
            Suppression.Rate(c.With.Hits, c.With.Population),
            Suppression.Count(c.Without.Population),
            Suppression.Count(c.Without.Hits),
            Suppression.Rate(c.Without.Hits, c.Without.Population),
            c.Risk?.Ratio,
            c.Risk?.Low,
            c.Risk?.High,
            c.Years?.MeanWith,
            c.Years?.MeanWithout,
            c.Years?.Difference,
            c.Years?.Low,
            c.Years?.High
        );

    /// <summary>An enum member as a kebab-case name: GeenLob → geen-lob, TijdTotStartkwalificatie → tijd-tot-startkwalificatie.</summary>
    private static string Name<T>(T value)
        where T : struct, Enum => Pages.Leerlingen.DoubtFilter.Kebab(value.ToString());
}
