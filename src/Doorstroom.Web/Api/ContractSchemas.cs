using System.Collections.Frozen;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Doorstroom.Web.Api;

/// <summary>
/// A document of the public pupil and plan contract (docs/pupil-and-plan-json.md) in the API: the type only names it, the
/// shape is the JSON Schema file <see cref="SchemaFile"/> under docs/, which the OpenAPI document carries as the component
/// of the type's name (<see cref="ContractSchemas"/>).
/// </summary>
public interface IContractDocument
{
    /// <summary>The JSON Schema's file name under docs/ (embedded in this assembly).</summary>
    static abstract string SchemaFile { get; }
}

/// <summary>The pupil going in (docs/pupil.schema.json, read by <see cref="Catalogue.PupilJson"/>).</summary>
public sealed class PupilDocument : IContractDocument
{
    private PupilDocument() { }

    public static string SchemaFile => "pupil.schema.json";
}

/// <summary>The plan coming out (docs/plan.schema.json, written by <see cref="Catalogue.PlanJson"/>).</summary>
public sealed class PlanDocument : IContractDocument
{
    private PlanDocument() { }

    public static string SchemaFile => "plan.schema.json";
}

/// <summary>The admission answer coming out (docs/admission.schema.json, written by <see cref="Catalogue.PlanJson.Admission"/>).</summary>
public sealed class AdmissionDocument : IContractDocument
{
    private AdmissionDocument() { }

    public static string SchemaFile => "admission.schema.json";
}

/// <summary>Puts the contract's JSON Schemas into the OpenAPI document in place of the empty objects their marker types would give.</summary>
public static class ContractSchemas
{
    private static readonly FrozenDictionary<string, string> Files = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(PupilDocument)] = PupilDocument.SchemaFile,
        [nameof(PlanDocument)] = PlanDocument.SchemaFile,
        [nameof(AdmissionDocument)] = AdmissionDocument.SchemaFile,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The text of a contract schema embedded from docs/.</summary>
    public static string Text(string file)
    {
        using var stream = typeof(ContractSchemas).Assembly.GetManifestResourceStream("Doorstroom.Web.Schemas." + file)
            ?? throw new InvalidOperationException($"the JSON Schema {file} is not embedded in Doorstroom.Web (see its .csproj)");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>Replaces the component of each contract document with its JSON Schema.</summary>
    public static OpenApiOptions AddContractSchemas(this OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.AddDocumentTransformer(
            (document, _, _) =>
            {
                var schemas = document.Components?.Schemas;
                if (schemas is null)
                    return Task.CompletedTask;
                foreach (var (name, file) in Files)
                {
                    if (!schemas.ContainsKey(name))
                        continue;
                    var schema = OpenApiModelFactory.Parse<OpenApiSchema>(Text(file), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic, "json");
                    if (schema is null || diagnostic?.Errors.Count > 0)
                        throw new InvalidOperationException(
                            $"docs/{file} is not a schema the OpenAPI reader accepts: " + string.Join("; ", diagnostic?.Errors.Select(e => e.ToString()) ?? [])
                        );
                    schemas[name] = schema;
                }
                return Task.CompletedTask;
            }
        );
    }
}
