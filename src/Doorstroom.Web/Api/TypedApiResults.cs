using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Api;

/// <summary>
/// 200 with <typeparamref name="T"/> as JSON and a strong ETag, or 304 when the client already holds it
/// (<see cref="ApiResults.Tagged{T}"/>). As a handler's return type it puts both answers in the OpenAPI document.
/// </summary>
public sealed class Tagged<T> : IResult, IEndpointMetadataProvider
{
    private readonly IResult answer;

    internal Tagged(IResult answer) => this.answer = answer;

    public Task ExecuteAsync(HttpContext httpContext) => answer.ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}

/// <summary>
/// 200 with a document of the public pupil and plan contract, written by <see cref="Catalogue.PlanJson"/> as bytes of JSON;
/// <typeparamref name="TDocument"/> names its JSON Schema in the OpenAPI document (<see cref="ContractSchemas"/>).
/// </summary>
public sealed class ContractJson<TDocument> : IResult, IEndpointMetadataProvider
    where TDocument : IContractDocument
{
    private readonly byte[] body;

    internal ContractJson(byte[] body) => this.body = body;

    public Task ExecuteAsync(HttpContext httpContext) => Results.Bytes(body, "application/json").ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TDocument), ["application/json"]));
    }
}

/// <summary>A 404 problem (application/problem+json).</summary>
public sealed class NotFoundProblem(ProblemHttpResult problem) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemMetadata.Add(builder, StatusCodes.Status404NotFound);
}

/// <summary>A 403 problem (application/problem+json): the role may not do this, or a rule of rulebook §10 refuses it.</summary>
public sealed class ForbiddenProblem(ProblemHttpResult problem) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemMetadata.Add(builder, StatusCodes.Status403Forbidden);
}

/// <summary>A 503 problem (application/problem+json): something the answer needs is not available on this site.</summary>
public sealed class UnavailableProblem(ProblemHttpResult problem) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemMetadata.Add(builder, StatusCodes.Status503ServiceUnavailable);
}

internal static class ProblemMetadata
{
    /// <summary>What <c>ProducesProblem(status)</c> declares: the status with a <see cref="ProblemDetails"/> body as application/problem+json.</summary>
    public static void Add(EndpointBuilder builder, int status)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), ["application/problem+json"]));
    }
}
