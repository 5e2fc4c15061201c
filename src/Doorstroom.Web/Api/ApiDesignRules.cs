using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Doorstroom.Web.Api;

/// <summary>
/// What the NL API Design Rules (Logius; the Spectral ruleset in <c>docs/api-design-rules/</c>, decision 0030) ask of the
/// OpenAPI document beyond what the endpoints declare: the major version in the server URL (the paths are relative to it),
/// the full version in an <c>API-Version</c> header on every successful response, a 400 problem on every operation that
/// takes input, dates as <c>format: date</c>, and a contact.
/// </summary>
public static class ApiDesignRules
{
    /// <summary>The full semantic version of the API contract; its major is the <c>v1</c> of <see cref="ApiEndpoints.Prefix"/>.</summary>
    public const string Version = "1.0.0";

    /// <summary>The response header that carries <see cref="Version"/> (ADR /core/version-header).</summary>
    public const string VersionHeader = "API-Version";

    /// <summary>The problem-details media type of every error.</summary>
    private const string ProblemJson = "application/problem+json";

    /// <summary>The document, operation and schema transformers that apply the rules.</summary>
    public static OpenApiOptions AddApiDesignRules(this OpenApiOptions options, Func<IServiceProvider, ApiContact> contact)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(contact);
        return options
            .AddDocumentTransformer(
                (document, context, _) =>
                {
                    document.Info ??= new OpenApiInfo();
                    document.Info.Version = Version;
                    var who = contact(context.ApplicationServices);
                    document.Info.Contact = new OpenApiContact
                    {
                        Name = who.Name,
                        Email = who.Email,
                        Url = new Uri(who.Url),
                    };
                    // A relative server URL: the document describes whichever host serves it, and carries the major version.
                    document.Servers = [new OpenApiServer { Url = ApiEndpoints.Prefix, Description = "This installation's API, version 1" }];
                    var paths = new OpenApiPaths();
                    foreach (var (path, item) in document.Paths)
                        paths[path.StartsWith(ApiEndpoints.Prefix + "/", StringComparison.Ordinal) ? path[ApiEndpoints.Prefix.Length..] : path] = item;
                    document.Paths = paths;
                    return Task.CompletedTask;
                }
            )
            .AddOperationTransformer(
                (operation, _, _) =>
                {
                    operation.Responses ??= [];
                    foreach (var (status, response) in operation.Responses)
                    {
                        if (status.Length == 3 && status[0] is '2' or '3' && response is OpenApiResponse concrete)
                        {
                            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
                            concrete.Headers[VersionHeader] = new OpenApiHeader
                            {
                                Description = "The full version of the API (semantic versioning).",
                                Required = true,
                                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Examples = [System.Text.Json.Nodes.JsonValue.Create(Version)] },
                            };
                        }
                    }
                    // Every parameter is checked (ApiInput) and a body that does not parse is refused: both are a 400 problem.
                    var takesInput = operation.Parameters is { Count: > 0 } || operation.RequestBody is not null;
                    if (takesInput && !operation.Responses.ContainsKey("400"))
                    {
                        operation.Responses["400"] = new OpenApiResponse
                        {
                            Description = "Bad Request: a parameter or the body is not what the operation takes (problem details say which).",
                            Content = new Dictionary<string, OpenApiMediaType>
                            {
                                [ProblemJson] = new() { Schema = new OpenApiSchemaReference("ProblemDetails", null) },
                            },
                        };
                    }
                    return Task.CompletedTask;
                }
            )
            .AddSchemaTransformer(
                (schema, context, _) =>
                {
                    // A date travels as an ISO 8601 string (yyyy-MM-dd) so that a bad one gets a field-level error; say it is a date.
                    if (schema.Properties is null)
                        return Task.CompletedTask;
                    foreach (var (name, property) in schema.Properties)
                    {
                        if (
                            IsDateName(name)
                            && property is OpenApiSchema { Format: null } concrete
                            && concrete.Type is { } type
                            && type.HasFlag(JsonSchemaType.String)
                        )
                            concrete.Format = "date";
                    }
                    return Task.CompletedTask;
                }
            );
    }

    /// <summary>True for a property that holds a date by its name: <c>date</c>, or one ending in <c>Date</c> (<c>birthDate</c>).</summary>
    public static bool IsDateName(string name) =>
        name == "date" || (name.Length > 4 && name.EndsWith("Date", StringComparison.Ordinal) && char.IsLower(name[0]));
}

/// <summary>Who answers questions about this installation's API: the OpenAPI document's <c>info.contact</c>.</summary>
public sealed record ApiContact(string Name, string Email, string Url);
