using System.Diagnostics;
using System.Net;
using Doorstroom.Web.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web;

/// <summary>
/// What the host does for every request besides the pages and the API: the proxy's forwarded headers, security headers,
/// 405 for a method a page does not take, and server faults as a 500 (problem details under /api, the error page
/// elsewhere) without a stack trace.
/// </summary>
public static class Hardening
{
    /// <summary>The configuration key of the TLS proxies whose X-Forwarded-For and X-Forwarded-Proto are believed.</summary>
    public const string ProxiesKey = "Doorstroom:Proxies";

    /// <summary>
    /// Every response's security headers. No inline script or style anywhere on the site, so the policy needs no
    /// 'unsafe-inline'; images may be data: URLs (none are today, the charts are inline SVG).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>
    /// A page whose form leads to another site (the school sign-in buttons: their POST is answered with a redirect to the
    /// provider, which CSP form-action checks) puts the origins in this request item; they are added to form-action.
    /// </summary>
    public const string FormActionItem = "Doorstroom.FormAction";

    /// <summary>
    /// Trusts X-Forwarded-For and X-Forwarded-Proto from the proxies in <c>Doorstroom:Proxies</c> (addresses like
    /// <c>10.0.0.5</c> or networks like <c>10.0.0.0/8</c>); without that setting, ASP.NET Core's default (loopback only).
    /// </summary>
    public static IServiceCollection AddForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var (addresses, networks, problem) = Proxies(configuration);
        if (problem is not null)
            throw new InvalidOperationException(problem.Line); // StartupChecks refused it before
        return services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (addresses.Count + networks.Count == 0)
                return;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var address in addresses)
                options.KnownProxies.Add(address);
            foreach (var network in networks)
                options.KnownIPNetworks.Add(network);
        });
    }

    /// <summary>
    /// Where plain http is sent: the <c>https_port</c> setting, else the site's own https address, else 443 (the TLS proxy
    /// in front). Without this a node behind a proxy that only listens on http could not redirect and the secure-only
    /// cookies then fail the request.
    /// </summary>
    public static IServiceCollection AddHttpsRedirectionPort(this IServiceCollection services, IConfiguration configuration)
    {
        var configured = configuration.GetValue<int?>("https_port") ?? configuration.GetValue<int?>("HTTPS_PORT");
        var ownHttps = (configuration["urls"] ?? "").Contains("https://", StringComparison.OrdinalIgnoreCase);
        if (configured is null && ownHttps)
            return services; // the middleware finds the site's own https address
        return services.AddHttpsRedirection(redirect => redirect.HttpsPort = configured ?? 443);
    }

    /// <summary>The proxies of <c>Doorstroom:Proxies</c>, or the first entry that is neither an address nor a network.</summary>
    public static (List<IPAddress> Addresses, List<System.Net.IPNetwork> Networks, StartupProblem? Problem) Proxies(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var addresses = new List<IPAddress>();
        var networks = new List<System.Net.IPNetwork>();
        foreach (var proxy in (configuration.GetSection(ProxiesKey).Get<string[]>() ?? []).Select(p => p.Trim()).Where(p => p.Length > 0))
        {
            if (proxy.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(proxy, out var network))
                networks.Add(network);
            else if (IPAddress.TryParse(proxy, out var address))
                addresses.Add(address);
            else
                return (
                    addresses,
                    networks,
                    new(ProxiesKey, $"{ProxiesKey}: '{proxy}' is not an IP address (10.0.0.5) or network (10.0.0.0/8); list the " + $"TLS proxies' addresses")
                );
        }
        return (addresses, networks, null);
    }

    /// <summary>Adds the security headers to every response, also to errors and static files.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(
            (http, next) =>
            {
                http.Response.OnStarting(() =>
                {
                    var headers = http.Response.Headers;
                    headers.ContentSecurityPolicy =
                        http.Items[FormActionItem] is string extra && extra.Length > 0
                            ? ContentSecurityPolicy.Replace("form-action 'self'", "form-action 'self' " + extra, StringComparison.Ordinal)
                            : ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                    headers.XFrameOptions = "DENY";
                    headers["Referrer-Policy"] = "same-origin";
                    // A signed-in page holds personal data: the browser keeps no copy that the back button shows after sign-out.
                    if (http.User.Identity?.IsAuthenticated == true && !headers.ContainsKey("Cache-Control"))
                        headers.CacheControl = "no-store";
                    return Task.CompletedTask;
                });
                return next(http);
            }
        );

    /// <summary>
    /// 405 with an Allow header for a method a page has no handler for (a page takes GET and HEAD, and POST only with an
    /// OnPost handler), before antiforgery would answer 400. A re-executed error or status page keeps the original method
    /// and is left alone.
    /// </summary>
    public static IApplicationBuilder UsePageMethods(this IApplicationBuilder app) =>
        app.Use(
            (http, next) =>
            {
                if (
                    http.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>() is not { } page
                    || HttpMethods.IsGet(http.Request.Method)
                    || HttpMethods.IsHead(http.Request.Method)
                    || http.Features.Get<IStatusCodeReExecuteFeature>() is not null
                    || http.Features.Get<IExceptionHandlerFeature>() is not null
                )
                    return next(http);
                var allowed = page
                    .HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant())
                    .Append("GET")
                    .Append("HEAD")
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                if (allowed.Contains(http.Request.Method.ToUpperInvariant(), StringComparer.Ordinal))
                    return next(http);
                http.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
                http.Response.Headers.Allow = string.Join(", ", allowed);
                return Task.CompletedTask;
            }
        );

    /// <summary>
    /// A server fault outside Development: under /api a 500 problem (application/problem+json, a trace id, no exception
    /// text) for every method; elsewhere the error page /fout with status 500 for every method.
    /// </summary>
    public static IApplicationBuilder UseServerFaults(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseExceptionHandler(
            new ExceptionHandlerOptions { ExceptionHandlingPath = "/fout", StatusCodeSelector = _ => StatusCodes.Status500InternalServerError }
        );
    }

    /// <summary>Writes the 500 problem for a fault under /api (an <see cref="IExceptionHandler"/> runs before the error page).</summary>
    public sealed class ApiFaults(IProblemDetailsService problems) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var original = httpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? httpContext.Request.Path;
            if (!new PathString(original).StartsWithSegments(ApiEndpoints.Prefix))
                return false;
            httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return await problems.TryWriteAsync(
                new ProblemDetailsContext
                {
                    HttpContext = httpContext,
                    Exception = null, // never the exception's text in the answer
                    ProblemDetails = new ProblemDetails
                    {
                        Status = StatusCodes.Status500InternalServerError,
                        Title = "Er ging iets mis aan de kant van de server. / An error occurred on the server.",
                        Type = "https://tools.ietf.org/html/rfc9110#section-15.6.1",
                        Extensions = { ["traceId"] = Activity.Current?.Id ?? httpContext.TraceIdentifier },
                    },
                }
            );
        }
    }
}
