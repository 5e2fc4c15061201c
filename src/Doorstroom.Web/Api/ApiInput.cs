using Doorstroom.Domain;

namespace Doorstroom.Web.Api;

/// <summary>
/// The check every API path parameter passes before a handler runs: a pupil key, an event id, a route id, a category or a
/// request id is at most <see cref="EventShapes.MaxTextLength"/> characters without control characters. Anything else is a
/// 400 problem that names the parameter, never its value, so every operation with a parameter can answer 400 (ADR
/// /core/problem-invalid-input) and a handler never sees such a value.
/// </summary>
public static class ApiInput
{
    /// <summary>The endpoint filter of the API group.</summary>
    public static async ValueTask<object?> CheckRouteValues(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        foreach (var (name, value) in context.HttpContext.Request.RouteValues)
        {
            if (value is string text && !IsWellFormed(text))
                return ApiResults.Invalid(name, $"a {name} of 1 to {EventShapes.MaxTextLength} characters without control characters");
        }
        return await next(context);
    }

    /// <summary>True for a path parameter value the API reads at all.</summary>
    public static bool IsWellFormed(string value) =>
        value.Length is > 0 and <= EventShapes.MaxTextLength && !value.Any(char.IsControl) && !string.IsNullOrWhiteSpace(value);
}
