using System.Buffers.Text;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Doorstroom.Web.Api;

/// <summary>One page of a list: the items and the cursor of the next page (null on the last page).</summary>
public sealed record Page<T>(ImmutableArray<T> Items, string? Next);

/// <summary>A validated <c>?limit=&amp;cursor=</c> pair: the page size and the key to continue after.</summary>
public readonly record struct Paging(int Limit, string? After)
{
    public const int DefaultLimit = 100;

    /// <summary>The paging of a request, or the 400 problem that says which parameter is wrong.</summary>
    public static (Paging Paging, ValidationProblem? Problem) Read(int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var take = limit ?? DefaultLimit;
        if (take is < 1 or > Storage.PupilDirectory.MaxPage)
            errors["limit"] = [$"a page size from 1 to {Storage.PupilDirectory.MaxPage}"];
        string? after = null;
        if (cursor is { Length: > 0 })
        {
            try
            {
                after = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            }
            catch (FormatException)
            {
                errors["cursor"] = ["the opaque cursor of a previous page's \"next\""];
            }
        }
        return errors.Count > 0 ? (default, ApiResults.Invalid(errors)) : (new Paging(take, after), null);
    }

    /// <summary>The opaque cursor that continues after a key.</summary>
    public static string? Cursor(string? lastKey) => lastKey is null ? null : Base64Url.EncodeToString(Encoding.UTF8.GetBytes(lastKey));
}

/// <summary>How the API answers: JSON bodies with a strong ETag, problem details for every error, Link headers on pages.</summary>
public static class ApiResults
{
    /// <summary>The API's JSON: web defaults (camelCase), the same options the OpenAPI document is generated from.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>A JSON body with a strong ETag over its bytes; 304 when the client already holds it (If-None-Match).</summary>
    public static Tagged<T> Tagged<T>(HttpContext http, T value) => new(Tagged(http, JsonSerializer.SerializeToUtf8Bytes(value, Json)));

    /// <summary>Bytes of JSON with a strong ETag; 304 when If-None-Match names it.</summary>
    private static IResult Tagged(HttpContext http, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(body);
        var etag = "\"" + Base64Url.EncodeToString(SHA256.HashData(body).AsSpan(0, 18)) + "\"";
        var headers = http.Response.Headers;
        headers.ETag = etag;
        // Personal data: a shared cache must never keep it; the client may, and revalidates with the ETag.
        headers.CacheControl = "private, no-cache";
        headers.Vary = "Authorization";
        foreach (var value in http.Request.Headers.IfNoneMatch)
        {
            if (value is null)
                continue;
            foreach (var candidate in value.Split(','))
            {
                var tag = candidate.Trim();
                if (tag == "*" || tag == etag)
                    return Results.StatusCode(StatusCodes.Status304NotModified);
            }
        }
        return Results.Bytes(body, "application/json");
    }

    /// <summary>A page as <c>{ items, next }</c> with a <c>Link: &lt;…&gt;; rel="next"</c> header when more follow.</summary>
    public static Tagged<Page<T>> Paged<T>(HttpContext http, ImmutableArray<T> items, string? lastKey)
    {
        ArgumentNullException.ThrowIfNull(http);
        var next = Paging.Cursor(lastKey);
        if (next is not null)
        {
            var query = QueryHelpers.ParseQuery(http.Request.QueryString.Value);
            query["cursor"] = next;
            var url = QueryHelpers.AddQueryString(
                http.Request.PathBase + http.Request.Path,
                query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            );
            http.Response.Headers.Link = new StringValues($"<{url}>; rel=\"next\"");
        }
        return Tagged(http, new Page<T>(items, next));
    }

    /// <summary>The request body, or null when it is longer than <paramref name="max"/> bytes.</summary>
    public static async Task<byte[]?> ReadBody(HttpContext http, int max)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.Request.ContentLength > max)
            return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > max)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>400 with the problems per field.</summary>
    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request is not valid.", type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    /// <summary>400 for one field.</summary>
    public static ValidationProblem Invalid(string field, string expected) => Invalid(new Dictionary<string, string[]> { [field] = [expected] });

    /// <summary>
    /// 404 for a pupil the caller may not see, identical to the one for a key that does not exist: the answer never says
    /// whether a pupil exists outside the caller's scope, and never repeats the key.
    /// </summary>
    public static NotFoundProblem PupilNotFound() => NotFound("No such pupil in your scope.");

    /// <summary>404 that says what was not found in words that never repeat the key.</summary>
    public static NotFoundProblem NotFound(string detail) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found.", detail: detail));

    /// <summary>403: the caller's role may not do this.</summary>
    public static ForbiddenProblem Forbidden(string detail) =>
        new(TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden.", detail: detail));

    /// <summary>
    /// Under /api (every version; an unknown one is a 404 problem) every error is application/problem+json: the site's HTML
    /// status pages are switched off there, and a response that ends in an error without a body (401 and 403 from
    /// authorization, a route that does not exist, a parameter that does not bind) gets a problem body.
    /// </summary>
    public static IApplicationBuilder UseApiProblems(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use(
            async (context, next) =>
            {
                if (!context.Request.Path.StartsWithSegments(ApiEndpoints.Area))
                {
                    await next(context);
                    return;
                }
                // Every answer of the API says its full version (ADR /core/version-header), errors included; set when the
                // headers go out, so that a server fault's cleared response carries it too.
                var answer = context.Response;
                answer.OnStarting(() =>
                {
                    answer.Headers[ApiDesignRules.VersionHeader] = ApiDesignRules.Version;
                    return Task.CompletedTask;
                });
                if (context.Features.Get<IStatusCodePagesFeature>() is { } pages)
                    pages.Enabled = false;
                await next(context);
                var response = context.Response;
                if (response.StatusCode >= 400 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
                {
                    var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
                    await problems.WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = { Status = response.StatusCode } });
                }
            }
        );
    }
}
