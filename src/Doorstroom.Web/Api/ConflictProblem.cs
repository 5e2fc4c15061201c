using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Metadata;

namespace Doorstroom.Web.Api;

/// <summary>A 409 problem (application/problem+json): the request is understood but the state does not allow it now (a closed meeloopdag, say).</summary>
public sealed class ConflictProblem(ProblemHttpResult problem) : IResult, IEndpointMetadataProvider
{
    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    static void IEndpointMetadataProvider.PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        ProblemMetadata.Add(builder, StatusCodes.Status409Conflict);
}
