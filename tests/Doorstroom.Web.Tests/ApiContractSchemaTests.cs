using System.Net;
using System.Text;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Web.Api;
using Json.Schema;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The pupil and plan JSON of the public contract against their JSON Schemas (docs/pupil.schema.json, plan.schema.json,
/// admission.schema.json), which the OpenAPI document carries for /api/v1/plan and /api/v1/admission.
/// </summary>
public sealed class ApiContractSchemaTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    /// <summary>The pupil of docs/pupil-and-plan-json.md's example: every field of the contract, a diploma with every field.</summary>
    private const string FullPupil = """
        {
          "on": "2019-09-01", "birthDate": "2003-05-20", "school": "mbo", "leerweg": "bbl", "leerjaar": 1, "niveau": 2, "sector": "groen",
          "diplomas": [ { "kind": "vmbo-bb", "year": 2019, "sector": "groen", "subjects": ["nederlands", "engels", "wiskunde"], "extraVak": false } ],
          "goal": "mbo-4", "wantsSector": "groen", "mboLeerweg": "bbl", "sureOfChoice": true, "atRiskOfNoDiploma": false, "appliedOn": "2019-03-15"
        }
        """;

    /// <summary>A vmbo pupil with unknown facts, so that the plan holds pathways, caveats and nulls.</summary>
    private const string VmboPupil = """{ "on": "2011-09-01", "school": "vmbo", "leerweg": "bb", "leerjaar": 2, "sector": "groen", "sureOfChoice": true }""";

    [Theory]
    [InlineData(FullPupil)]
    [InlineData(VmboPupil)]
    public async Task A_pupil_the_api_plans_for_and_its_plan_are_valid_under_their_schemas(string pupil)
    {
        AssertValid(PupilDocument.SchemaFile, pupil);
        var api = await site.Api("leerling");
        using var content = new StringContent(pupil, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync("/api/v1/plan", content, Cancel);
        var plan = await response.Content.ReadAsStringAsync(Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var json = JsonDocument.Parse(plan))
            Assert.NotEqual(0, json.RootElement.GetProperty("pathways").GetArrayLength());
        AssertValid(PlanDocument.SchemaFile, plan);
    }

    [Fact]
    public async Task An_admission_answer_of_the_api_is_valid_under_its_schema()
    {
        var qualifications = QualificationLoader.Load(DataPaths.Qualifications(site.Site.Options.DataDir));
        if (!qualifications.Ok || qualifications.Qualifications.IsEmpty)
            Assert.Skip("the kwalificatiestructuur (real data) is not on this machine");
        var api = await site.Api("leerling");
        using var content = new StringContent(FullPupil, Encoding.UTF8, "application/json");
        using var response = await api.PostAsync($"/api/v1/admission?crebo={qualifications.Qualifications[0].Crebo}", content, Cancel);
        var body = await response.Content.ReadAsStringAsync(Cancel);
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        AssertValid(AdmissionDocument.SchemaFile, body);
    }

    [Theory]
    [InlineData("""{ "on": "2026-11-30", "school": "vmbo", "leerwegg": "kb" }""")]
    [InlineData("""{ "school": "vmbo" }""")]
    [InlineData("""{ "on": "2026-11-30", "school": "vmbo", "diplomas": [ { "year": 2019 } ] }""")]
    [InlineData("""{ "on": "30-11-2026", "school": "vmbo" }""")]
    public void The_pupil_schema_refuses_what_the_api_refuses(string pupil)
    {
        Assert.False(Evaluate(PupilDocument.SchemaFile, pupil).IsValid, "the pupil schema accepts " + pupil);
    }

    [Fact]
    public void The_plan_schema_refuses_a_plan_without_its_routes()
    {
        const string plan = """
            { "catalogueVersion": "2026.1", "on": "2011-09-01", "goal": "startkwalificatie", "regimes": [], "pathways": [],
              "fastestStartkwalificatieOn": null, "fastestGoalOn": null, "leerplichtEnds": null, "kwalificatieplichtEnds": null, "notes": [] }
            """;
        Assert.False(Evaluate(PlanDocument.SchemaFile, plan).IsValid);
    }

    [Fact]
    public async Task The_openapi_document_describes_plan_and_admission_by_the_contract_schemas()
    {
        var text = await site.Anonymous().GetStringAsync("/openapi/v1.json", Cancel);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        foreach (var (path, answer) in new[] { ("/plan", nameof(PlanDocument)), ("/admission", nameof(AdmissionDocument)) })
        {
            var post = root.GetProperty("paths").GetProperty(path).GetProperty("post");
            Assert.Equal("#/components/schemas/" + nameof(PupilDocument), Ref(post.GetProperty("requestBody")));
            Assert.Equal("#/components/schemas/" + answer, Ref(post.GetProperty("responses").GetProperty("200")));
        }
        var schemas = root.GetProperty("components").GetProperty("schemas");
        foreach (
            var (name, file) in new[]
            {
                (nameof(PupilDocument), PupilDocument.SchemaFile),
                (nameof(PlanDocument), PlanDocument.SchemaFile),
                (nameof(AdmissionDocument), AdmissionDocument.SchemaFile),
            }
        )
        {
            using var schema = JsonDocument.Parse(ContractSchemas.Text(file));
            Assert.Equal(schema.RootElement.GetProperty("$id").GetString(), schemas.GetProperty(name).GetProperty("$id").GetString());
            Assert.Equal(
                schema.RootElement.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal),
                schemas.GetProperty(name).GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)
            );
        }
        Assert.False(schemas.TryGetProperty("JsonElement", out _), "an opaque JsonElement is left in the OpenAPI document");

        static string? Ref(JsonElement body) =>
            body.GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();
    }

    private static EvaluationResults Evaluate(string file, string json)
    {
        var schema = JsonSchema.FromText(ContractSchemas.Text(file), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        using var document = JsonDocument.Parse(json);
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static void AssertValid(string file, string json)
    {
        var results = Evaluate(file, json);
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Value}"));
        Assert.True(results.IsValid, $"not valid under {file}:\n" + string.Join("\n", errors));
    }
}
