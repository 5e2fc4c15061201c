using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace Doorstroom.Web.Api;

/// <summary>
/// The REST API under /api: bearer tokens only (OAuth2 client credentials from <see cref="AuthServer.TokenPath"/>), never the
/// site's cookie, so there is no CSRF surface. Each endpoint admits roles by policy; what a role then sees is scoped to its
/// institution or pupil by the queries, as on the pages (decision 0013).
/// </summary>
public static class ApiEndpoints
{
    /// <summary>Where the API lives, with its major version (ADR /core/uri-version); <see cref="ApiDesignRules.Version"/> is the full one.</summary>
    public const string Prefix = "/api/v1";

    /// <summary>The API's part of the site, every version: errors here are problem details, answers carry the version header.</summary>
    public const string Area = "/api";

    /// <summary>The name of the OAuth2 security scheme in the OpenAPI document.</summary>
    public const string SecurityScheme = "clientCredentials";

    /// <summary>Any signed-in API client.</summary>
    public const string AnyRole = "api";

    /// <summary>The roles that read pupils: decaan, intake, zorgcoördinator, leerling (each within their own scope).</summary>
    public const string PupilReaders = "api-pupils";

    /// <summary>The roles that append events: intake (its applicants) and decaan (its pupils).</summary>
    public const string EventWriters = "api-events";

    /// <summary>Aggregates only: analist.</summary>
    public const string Aggregates = "api-aggregates";

    /// <summary>Who may void a wrong event (a correction): the beheerder.</summary>
    public const string EventCorrectors = "api-corrections";

    /// <summary>Who reads the register of connections: decaan and intake (their own), analist and beheerder (all).</summary>
    public const string ConnectionReaders = "api-connections-read";

    /// <summary>Who enters and ends connections: decaan and intake (their own), beheerder (all).</summary>
    public const string ConnectionWriters = "api-connections-write";

    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Catalogue"] = "The versioned route catalogue: routes, their intake windows, rules and sources.",
        ["Planning"] = "The planner and the admission check on a pupil document; nothing is stored.",
        ["Institutions"] = "The vo vestigingen and mbo locations the store knows, from public data.",
        ["Pupils"] = "Pupils and their event streams, scoped to the caller's school, institution or own record.",
        ["Monitor"] = "Transition indicators as aggregates, small cells suppressed.",
        ["Dossier"] =
            "The transfer dossier (rulebook §10): the vo school writes and releases, the mbo requests after an application and reads per category "
            + "under the rules, the pupil or a parent consents and sees who read what.",
        ["Connections"] = "The register of vo–mbo connections in the thirteen forms of issue 16; the bestuurlijke ones derived from the data.",
        ["Loopbaan"] = "The loopbaandossier: the pupil's LOB activities with reflections and choices, remarks of mentor and decaan.",
        ["Meeloopdagen"] =
            "Meeloopdagen: mbo intake staff publish days per programme and record who came; pupils, or their decaan, sign up, with a waiting list "
            + "when a day is full.",
    };

    /// <summary>The token server, the API's policies and problem details, and the OpenAPI document.</summary>
    public static IServiceCollection AddApi(this IServiceCollection services)
    {
        services.AddTokenServer();
        // OpenIddict logs every token request at Information; warnings and errors are enough.
        services.AddLogging(logging => logging.AddFilter("OpenIddict", LogLevel.Warning));
        // A parameter that does not bind is a 400 problem, in Development too (not an exception page).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = false);
        services.Configure<JsonOptions>(options => options.SerializerOptions.PropertyNamingPolicy = ApiResults.Json.PropertyNamingPolicy);
        services
            .AddAuthorizationBuilder()
            .AddPolicy(AnyRole, p => Bearer(p).RequireRole(Roles.All))
            .AddPolicy(PupilReaders, p => Bearer(p).RequireRole(Roles.Decaan, Roles.Intake, Roles.Zorgcoordinator, Roles.Leerling))
            .AddPolicy(EventWriters, p => Bearer(p).RequireRole(Roles.Decaan, Roles.Intake))
            .AddPolicy(Aggregates, p => Bearer(p).RequireRole(Roles.Analist))
            .AddPolicy(EventCorrectors, p => Bearer(p).RequireRole(Roles.Beheerder))
            .AddPolicy(ConnectionReaders, p => Bearer(p).RequireRole(Roles.Decaan, Roles.Intake, Roles.Analist, Roles.Beheerder))
            .AddPolicy(ConnectionWriters, p => Bearer(p).RequireRole(Roles.Decaan, Roles.Intake, Roles.Beheerder));
        services.AddOpenApi(options =>
            options
                .AddDocumentTransformer(
                    (document, _, _) =>
                    {
                        document.Info = new OpenApiInfo
                        {
                            Title = "Doorstroom API",
                            Version = ApiDesignRules.Version,
                            Description =
                                "Routes, plans and admission from the route catalogue; institutions; pupils and their event streams, scoped to the "
                                + "caller's school, institution or own record; and the monitor's aggregates with small cells suppressed. "
                                + "Authenticate with OAuth2 client credentials at "
                                + AuthServer.TokenPath
                                + " and send the access token as a bearer token.",
                            License = new OpenApiLicense { Name = "EUPL-1.2", Url = new Uri("https://eupl.eu/1.2/en/") },
                        };
                        document.Components ??= new OpenApiComponents();
                        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
                        {
                            Type = SecuritySchemeType.OAuth2,
                            Description =
                                "OAuth2 client credentials: POST grant_type=client_credentials with client_id and client_secret to "
                                + AuthServer.TokenPath
                                + ".",
                            Flows = new OpenApiOAuthFlows
                            {
                                ClientCredentials = new OpenApiOAuthFlow
                                {
                                    TokenUrl = new Uri(AuthServer.TokenPath, UriKind.Relative),
                                    Scopes = new Dictionary<string, string>(),
                                },
                            },
                        };
                        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
                            tag.Description = tag.Name is { } name && TagDescriptions.TryGetValue(name, out var about) ? about : tag.Description;
                        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
                        return Task.CompletedTask;
                    }
                )
                .AddContractSchemas()
                // The site's settings are registered as SiteOptions itself (Program.cs); IOptions<SiteOptions> would be an empty default.
                .AddApiDesignRules(provider => provider.GetRequiredService<SiteOptions>().Api.Contact())
        );
        return services;

        static AuthorizationPolicyBuilder Bearer(AuthorizationPolicyBuilder p) =>
            p.AddAuthenticationSchemes(AuthServer.BearerScheme).RequireAuthenticatedUser();
    }

    /// <summary>Maps every endpoint under /api and the OpenAPI document at /openapi/v1.json.</summary>
    public static IEndpointRouteBuilder MapApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapOpenApi().AllowAnonymous();
        var api = app.MapGroup(Prefix)
            .RequireAuthorization(AnyRole)
            .AddEndpointFilter(ApiInput.CheckRouteValues)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapCatalogue();
        api.MapPlanning();
        api.MapInstitutions();
        api.MapPupils();
        api.MapMonitor();
        api.MapDossier();
        api.MapSignals();
        api.MapConnections();
        api.MapWhereToConnect();
        api.MapLoopbaan();
        api.MapMeeloopdagen();
        var options = app.ServiceProvider.GetRequiredService<SiteOptions>();
        if (options.BenchEcho && options.Demo)
        {
            // The bench's baseline (SiteOptions.BenchEcho): the body back as it came, after the same token check as every endpoint.
            api.MapPost("/bench/echo", async (HttpContext http) =>
                    await ApiResults.ReadBody(http, 64 * 1024) is { } body ? Results.Bytes(body, "application/json") : Results.BadRequest()
                )
                .ExcludeFromDescription();
        }
        // No catch-all route: it would also catch a known path with a wrong method (404 instead of routing's 405). A path
        // that matches nothing gets its 404 problem from UseApiProblems.
        return app;
    }
}
