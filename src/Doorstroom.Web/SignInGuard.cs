using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Threading.RateLimiting;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// The limits on guessing passwords and client secrets, from the configuration section <c>Doorstroom:SignIn</c>. The
/// defaults let a class behind one school address sign in at 08:30 and stop a guesser after a few tries.
/// </summary>
public sealed class SignInLimits
{
    public const string Section = "Doorstroom:SignIn";

    /// <summary>Failed attempts on one account name (or API client id) within <see cref="FailureWindowMinutes"/> that lock it.</summary>
    public int MaxFailures { get; set; } = 10;

    /// <summary>How long failures are remembered.</summary>
    public int FailureWindowMinutes { get; set; } = 15;

    /// <summary>How long a lock lasts.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>Sign-in and token requests per minute for one account name or client id, right or wrong.</summary>
    public int PerAccountPerMinute { get; set; } = 10;

    /// <summary>Sign-in and token requests per minute from one client address (a school's NAT holds a whole class).</summary>
    public int PerAddressPerMinute { get; set; } = 120;

    /// <summary>The limits of a configuration, or one line that says which value is wrong.</summary>
    public static SignInLimits From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var limits = configuration.GetSection(Section).Get<SignInLimits>() ?? new SignInLimits();
        foreach (
            var (name, value) in new[]
            {
                (nameof(MaxFailures), limits.MaxFailures),
                (nameof(FailureWindowMinutes), limits.FailureWindowMinutes),
                (nameof(LockoutMinutes), limits.LockoutMinutes),
                (nameof(PerAccountPerMinute), limits.PerAccountPerMinute),
                (nameof(PerAddressPerMinute), limits.PerAddressPerMinute),
            }
        )
        {
            if (value < 1)
                throw new InvalidOperationException($"{Section}:{name}: expected a whole number of at least 1 (found {value})");
        }
        return limits;
    }
}

/// <summary>
/// Temporary lockout after repeated failures, per account name or API client id, kept in the store
/// (<see cref="SignInFailures"/>, decision 0019): every web node counts the same failures, so two nodes give a guesser no
/// more tries than one, and a restart forgets nothing. A failure costs one upsert; the per-address and per-name rate
/// limits (<see cref="SignInRateLimits"/>, per process) bound how many an attacker can cause. Unknown names are counted
/// exactly like known ones, so a lock says nothing about whether a name exists. Names whose failures or lock have ended
/// are swept from the store at most once per failure window.
/// </summary>
public sealed class SignInLockout(Database database, TimeProvider clock, SignInLimits limits)
{
    private long lastSweep;

    /// <summary>The lockout of a site: its store and clock.</summary>
    public SignInLockout(SiteServices site, SignInLimits limits)
        : this((site ?? throw new ArgumentNullException(nameof(site))).Database, site.Clock, limits) { }

    private TimeSpan Window => TimeSpan.FromMinutes(limits.FailureWindowMinutes);

    /// <summary>How long the key stays locked, or null when it is not locked now.</summary>
    public TimeSpan? LockedFor(string key)
    {
        var now = clock.GetUtcNow();
        return SignInFailures.LockedUntil(database, key, now) is { } until ? until - now : null;
    }

    /// <summary>Counts a failed attempt; the failure that reaches the limit starts the lock.</summary>
    public void Failed(string key)
    {
        var now = clock.GetUtcNow();
        var last = Interlocked.Read(ref lastSweep);
        if (now.UtcTicks - last > Window.Ticks && Interlocked.CompareExchange(ref lastSweep, now.UtcTicks, last) == last)
            SignInFailures.Sweep(database, now, Window);
        SignInFailures.Failed(database, key, now, limits.MaxFailures, Window, TimeSpan.FromMinutes(limits.LockoutMinutes));
    }

    /// <summary>A successful attempt clears the failures.</summary>
    public void Succeeded(string key) => SignInFailures.Succeeded(database, key);

    /// <summary>The lockout key of an account name or client id: case and surrounding spaces do not make another key.</summary>
    public static string Key(string kind, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return kind + ":" + SignInRateLimits.Normalise(name);
    }
}

/// <summary>
/// ASP.NET Core's rate limiter on the two places a password or secret is tried: the sign-in form's POST and the token
/// endpoint. Each request counts once per client address and once per account name (or client id); either limit answers
/// 429 with Retry-After. The name is read from the form before the limiter runs (the form is buffered, so the page and
/// OpenIddict read the same form afterwards).
/// </summary>
public static class SignInRateLimits
{
    private const string NameItem = "doorstroom:sign-in-name";
    private const string SignInPath = "/account/inloggen";
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddSignInRateLimits(this IServiceCollection services, SignInLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    Guarded(http)
                        ? Fixed("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.PerAddressPerMinute)
                        : RateLimitPartition.GetNoLimiter("")
                ),
                PartitionedRateLimiter.Create<HttpContext, string>(http =>
                    Guarded(http) ? Fixed("name:" + (http.Items[NameItem] as string ?? ""), limits.PerAccountPerMinute) : RateLimitPartition.GetNoLimiter("")
                )
            );
            options.OnRejected = async (context, cancellationToken) =>
            {
                var response = context.HttpContext.Response;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : Window;
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                // The form's 429 gets the site's status page (Dutch, in the layout); a program at the token endpoint gets JSON.
                if (context.HttpContext.Request.Path.StartsWithSegments(AuthServer.TokenPath, StringComparison.OrdinalIgnoreCase))
                {
                    response.ContentType = "application/json";
                    await response.WriteAsync(
                        "{\"error\":\"too_many_requests\",\"error_description\":\"Too many attempts for this client or from this address; try again in a "
                            + "minute.\"}",
                        cancellationToken
                    );
                }
            };
        });
    }

    /// <summary>Reads the account name or client id of a guarded request, then applies the limits.</summary>
    public static IApplicationBuilder UseSignInRateLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(
            async (http, next) =>
            {
                if (Guarded(http))
                    http.Items[NameItem] = Normalise(await NameAsync(http));
                await next(http);
            }
        );
        return app.UseRateLimiter();
    }

    private static RateLimitPartition<string> Fixed(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
            AutoReplenishment = true,
        });

    private static bool Guarded(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && (
            http.Request.Path.Equals(SignInPath, StringComparison.OrdinalIgnoreCase)
            || http.Request.Path.Equals(AuthServer.TokenPath, StringComparison.OrdinalIgnoreCase)
        );

    private static async Task<string> NameAsync(HttpContext http)
    {
        var request = http.Request;
        if (request.HasFormContentType)
        {
            try
            {
                var form = await request.ReadFormAsync(http.RequestAborted);
                if (form["Username"].ToString() is { Length: > 0 } username)
                    return username;
                if (form["client_id"].ToString() is { Length: > 0 } clientId)
                    return clientId;
            }
            catch (InvalidDataException)
            {
                return "";
            }
        }
        // client_secret_basic: the client id is the user part of the Basic credentials.
        if (
            AuthenticationHeaderValue.TryParse(request.Headers.Authorization, out var header)
            && string.Equals(header.Scheme, "Basic", StringComparison.OrdinalIgnoreCase)
            && header.Parameter is { } parameter
        )
        {
            try
            {
                var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter));
                var colon = decoded.IndexOf(':', StringComparison.Ordinal);
                return Uri.UnescapeDataString(colon < 0 ? decoded : decoded[..colon]);
            }
            catch (FormatException)
            {
                return "";
            }
        }
        return "";
    }

    /// <summary>An account name or client id as the limits count it: trimmed, lower case, at most 200 characters.</summary>
    public static string Normalise(string name)
    {
        var trimmed = name.Trim();
        return (trimmed.Length > 200 ? trimmed[..200] : trimmed).ToLowerInvariant();
    }
}
