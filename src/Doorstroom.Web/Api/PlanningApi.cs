using System.ComponentModel;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Doorstroom.Web.Api;

/// <summary>POST /api/v1/plan and /api/v1/admission: the planner and the admission check on a pupil of the public JSON contract.</summary>
public static class PlanningApi
{
    /// <summary>The largest pupil document accepted.</summary>
    private const int MaxBody = 64 * 1024;

    public static void MapPlanning(this RouteGroupBuilder api)
    {
        // The kwalificatiestructuur is read on the first admission request and kept (it changes with a release, not per request).
        Lazy<QualificationLoad>? qualifications = null;
        api.MapPost("/plan", async Task<Results<ContractJson<PlanDocument>, ValidationProblem>> (HttpContext http, SiteServices site) =>
            {
                var (situation, problem) = await Pupil(http);
                if (problem is not null)
                    return problem;
                var plan = site.Planner.Plan(situation!);
                return new ContractJson<PlanDocument>(PlanJson.Utf8(plan));
            })
            .WithTags("Planning")
            .WithName("Plan")
            .WithSummary("The routes open to a pupil")
            .WithDescription(
                "The body is the pupil JSON of docs/pupil-and-plan-json.md; the answer is the plan JSON of the same contract. Nothing is "
                    + "stored. "
                    + ContractDates.Description
            )
            .Accepts<PupilDocument>("application/json");
        api.MapPost(
                "/admission",
                async Task<Results<ContractJson<AdmissionDocument>, ValidationProblem, UnavailableProblem>> (
                    HttpContext http,
                    SiteServices site,
                    [Description("The crebo of the qualification.")] string crebo,
                    [Description("bol or bbl (default: the pupil's mboLeerweg).")] string? leerweg
                ) =>
                {
                    var (pupil, problem) = await Pupil(http);
                    if (problem is not null)
                        return problem;
                    var situation = pupil!;
                    Leerweg? lw = leerweg switch
                    {
                        null or "" => situation.MboLeerweg,
                        var text when JsonSpelling.TryMboLeerweg(text, out var mbo) => mbo,
                        _ => null,
                    };
                    if (leerweg is { Length: > 0 } && lw is null)
                        return ApiResults.Invalid("leerweg", "an mbo leerweg: bol or bbl");
                    qualifications ??= new(() => QualificationLoader.Load(DataPaths.Qualifications(site.Options.DataDir)));
                    var load = qualifications.Value;
                    if (!load.Ok)
                        return new UnavailableProblem(
                            TypedResults.Problem(
                                statusCode: StatusCodes.Status503ServiceUnavailable,
                                title: "The kwalificatiestructuur is not available on this site."
                            )
                        );
                    var q = load.Find(crebo.Trim());
                    if (q is null)
                        return ApiResults.Invalid("crebo", "a crebo of a qualification in the kwalificatiestructuur 2015");
                    site.Catalogue.Domains.TryGetValue(q.Domain, out var direction);
                    var result = Admission.Decide(site.Catalogue, situation, ProgrammeRequest.For(q, direction, lw));
                    using var buffer = new MemoryStream();
                    using (var w = new Utf8JsonWriter(buffer, PlanJson.Options(indented: false)))
                        PlanJson.Admission(w, q, result);
                    return new ContractJson<AdmissionDocument>(buffer.ToArray());
                }
            )
            .WithTags("Planning")
            .WithName("Admission")
            .WithSummary("Admission of a pupil to one mbo qualification")
            .WithDescription(
                "The body is the pupil JSON of docs/pupil-and-plan-json.md; crebo names the qualification, leerweg (bol or bbl) overrides the "
                    + "pupil's mboLeerweg. The answer gives the verdict with its reasons. "
                    + ContractDates.Description
            )
            .Accepts<PupilDocument>("application/json");
    }

    /// <summary>The pupil of the request body, or the 400 problem naming the field that is wrong.</summary>
    private static async Task<(Situation? Situation, ValidationProblem? Problem)> Pupil(HttpContext http)
    {
        var body = await ApiResults.ReadBody(http, MaxBody);
        if (body is null)
            return (null, ApiResults.Invalid("body", $"a pupil JSON document of at most {MaxBody / 1024} KB"));
        var parsed = PupilJson.Parse(body, "body");
        if (parsed.Situation is { } situation)
            return (situation, null);
        var p = parsed.Problem!;
        return (null, ApiResults.Invalid(p.Field is { Length: > 0 } field ? field : "body", p.Message));
    }
}
