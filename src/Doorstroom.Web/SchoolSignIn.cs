using System.Collections.Immutable;
using System.Security.Claims;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Doorstroom.Web;

/// <summary>One school OpenID provider from <c>Doorstroom:Oidc:Providers:&lt;id&gt;</c> (decision 0021).</summary>
/// <param name="Id">The settings key: its scheme is <c>oidc-&lt;id&gt;</c>, its callback <c>/account/oidc/&lt;id&gt;/terug</c>.</param>
/// <param name="Scopes">Asked of the provider; always includes <c>openid</c>.</param>
/// <param name="LinkClaim">A claim (e.g. <c>eduPersonPrincipalName</c>) whose value may match an account's link value; null for links by invitation
/// only.</param>
/// <param name="ClientSecret">Null for a public client (PKCE only).</param>
/// <param name="Prompt">Passed to the provider as <c>prompt</c> (e.g. <c>login</c>: always ask for the password, for shared computers); null for none.</param>
public sealed record SchoolProvider(
    string Id,
    string DisplayName,
    Uri Authority,
    string ClientId,
    string? ClientSecret,
    ImmutableArray<string> Scopes,
    string? LinkClaim,
    bool RequireHttpsMetadata,
    string? Prompt
)
{
    /// <summary>The authentication scheme of this provider.</summary>
    public string Scheme => SchoolSignIn.SchemePrefix + Id;

    /// <summary>Where the provider sends the browser back with the code (register it at the provider, after the site's address).</summary>
    public string CallbackPath => $"/account/oidc/{Id}/terug";
}

/// <summary>The configured school providers, in settings order.</summary>
public sealed class SchoolProviders(ImmutableArray<SchoolProvider> all)
{
    public ImmutableArray<SchoolProvider> All { get; } = all;

    public SchoolProvider? Find(string? id) => All.FirstOrDefault(p => p.Id == id);

    /// <summary>The origins the sign-in forms may post to, past their own: the providers' (a form's redirect to the provider is checked against CSP
    /// form-action).</summary>
    public string FormActionSources => string.Join(' ', All.Select(p => p.Authority.GetLeftPart(UriPartial.Authority)).Distinct(StringComparer.Ordinal));
}

/// <summary>
/// School sign-in with OpenID Connect (authorization code + PKCE), one scheme per configured provider. The provider's
/// answer never signs anyone in by itself: its subject (issuer + sub) must be linked to an account (<see cref="AccountLinks"/>)
/// by an invitation redeemed in this sign-in, an earlier link, or the provider's link claim matching the account's link
/// value. Then the Doorstroom cookie is issued exactly as the password sign-in issues it, and the browser goes on through a
/// page of the site (<c>/account/verder</c>) so that the Strict session cookie travels on the next request. An unknown
/// subject, a bad invitation or a disabled account gets a Dutch page (<c>/account/onbekend</c>) and no session.
/// </summary>
public static class SchoolSignIn
{
    public const string Section = "Doorstroom:Oidc:Providers";
    public const string SchemePrefix = "oidc-";

    /// <summary>The authentication property that carries an invitation code through the provider (inside the protected state).</summary>
    public const string InvitationItem = "uitnodiging";

    /// <summary>Reads and checks the providers; a bad setting stops the start with one line naming the key.</summary>
    public static SchoolProviders Read(IConfiguration configuration, bool development)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var providers = ImmutableArray.CreateBuilder<SchoolProvider>();
        foreach (var section in configuration.GetSection(Section).GetChildren())
        {
            var key = $"{Section}:{section.Key}";
            if (!AccountLinks.IsProviderId(section.Key))
                throw Bad(key, $"'{section.Key}' is not a provider id; expected {AccountLinks.ProviderRule}");
            var requireHttps = section.GetValue("RequireHttpsMetadata", true);
            if (!requireHttps && !development)
                throw Bad($"{key}:RequireHttpsMetadata", "may be false only in Development; a school provider is reached over " + "https");
            if (
                !Uri.TryCreate(section["Authority"], UriKind.Absolute, out var authority)
                || (authority.Scheme != Uri.UriSchemeHttps && authority.Scheme != Uri.UriSchemeHttp)
            )
                throw Bad($"{key}:Authority", "is not set to the provider's address (the issuer, e.g. https://login.school.example/)");
            if (requireHttps && authority.Scheme != Uri.UriSchemeHttps)
                throw Bad($"{key}:Authority", "must be an https address");
            if (section["ClientId"] is not { Length: > 0 } clientId)
                throw Bad($"{key}:ClientId", "is not set to the client id the provider gave this site");
            var scopes = (section["Scopes"] ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            providers.Add(
                new SchoolProvider(
                    section.Key,
                    section["DisplayName"] is { Length: > 0 } name ? name : section.Key,
                    authority,
                    clientId,
                    section["ClientSecret"] is { Length: > 0 } secret ? secret : null,
                    ["openid", .. scopes.Where(s => s != "openid").Distinct(StringComparer.Ordinal)],
                    section["LinkClaim"] is { Length: > 0 } claim ? claim : null,
                    requireHttps,
                    section["Prompt"] is { Length: > 0 } prompt ? prompt : null
                )
            );
        }
        return new SchoolProviders(providers.ToImmutable());
    }

    private static InvalidOperationException Bad(string key, string problem) => new($"{key} {problem} (decision 0021, README: Inloggen via de school).");

    /// <summary>Adds one OpenID Connect scheme per provider.</summary>
    public static AuthenticationBuilder AddSchoolSignIn(this AuthenticationBuilder authentication, SchoolProviders providers, bool development)
    {
        ArgumentNullException.ThrowIfNull(authentication);
        ArgumentNullException.ThrowIfNull(providers);
        authentication.Services.AddSingleton(providers);
        foreach (var provider in providers.All)
        {
            authentication.AddOpenIdConnect(provider.Scheme, provider.DisplayName, oidc =>
            {
                oidc.Authority = provider.Authority.ToString();
                oidc.RequireHttpsMetadata = provider.RequireHttpsMetadata;
                oidc.ClientId = provider.ClientId;
                oidc.ClientSecret = provider.ClientSecret;
                oidc.ResponseType = OpenIdConnectResponseType.Code;
                oidc.UsePkce = true;
                // The code comes back in the query of a top-level GET: the correlation and nonce cookies then need only
                // SameSite=Lax (a form_post from the provider's site would need SameSite=None). The session cookie stays Strict.
                oidc.ResponseMode = OpenIdConnectResponseMode.Query;
                oidc.CallbackPath = provider.CallbackPath;
                oidc.SignedOutCallbackPath = $"/account/oidc/{provider.Id}/uitgelogd";
                oidc.RemoteSignOutPath = $"/account/oidc/{provider.Id}/afmelden";
                oidc.Scope.Clear();
                foreach (var scope in provider.Scopes)
                    oidc.Scope.Add(scope);
                if (provider.Prompt is { } prompt)
                    oidc.Prompt = prompt;
                oidc.MapInboundClaims = false;
                oidc.GetClaimsFromUserInfoEndpoint = true;
                if (provider.LinkClaim is { } claim)
                    oidc.ClaimActions.MapUniqueJsonKey(claim, claim);
                if (provider.LinkClaim == "email")
                    oidc.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
                oidc.SaveTokens = false;
                // Never signed in by the handler itself: OnTicketReceived decides, and issues the Doorstroom cookie.
                oidc.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                var secure = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                oidc.CorrelationCookie.SameSite = SameSiteMode.Lax;
                oidc.CorrelationCookie.SecurePolicy = secure;
                oidc.NonceCookie.SameSite = SameSiteMode.Lax;
                oidc.NonceCookie.SecurePolicy = secure;
                oidc.Events.OnTicketReceived = context => Complete(context, provider);
                oidc.Events.OnRemoteFailure = context =>
                {
                    // Cancelled at the provider, a correlation cookie gone, an error from the provider: no session, one Dutch page.
                    context.Response.Redirect(Problem(provider, SignInProblem.Mislukt));
                    context.HandleResponse();
                    return Task.CompletedTask;
                };
            });
        }
        return authentication;
    }

    /// <summary>Where the browser is sent for a refused school sign-in.</summary>
    public static string Problem(SchoolProvider provider, SignInProblem problem) =>
        $"/account/onbekend?aanbieder={Uri.EscapeDataString(provider.Id)}&reden={SchoolSignInText.Code(problem)}";

    private static async Task Complete(TicketReceivedContext context, SchoolProvider provider)
    {
        context.HandleResponse();
        var site = context.HttpContext.RequestServices.GetRequiredService<SiteServices>();
        var subject = context.Principal?.FindFirst("sub");
        if (subject is null || string.IsNullOrEmpty(subject.Value))
        {
            context.Response.Redirect(Problem(provider, SignInProblem.Mislukt));
            return;
        }
        var issuer = subject.Issuer;
        string? name;
        if (context.Properties?.Items.TryGetValue(InvitationItem, out var code) == true && code is not null)
        {
            var outcome = AccountLinks.Redeem(site.Database, code, provider.Id, issuer, subject.Value, site.Clock);
            if (outcome.Refusal is { } refusal)
            {
                context.Response.Redirect(Problem(provider, SchoolSignInText.For(refusal)));
                return;
            }
            name = outcome.Account;
        }
        else
        {
            name = AccountLinks.LinkedAccount(site.Database, issuer, subject.Value);
            if (
                name is null
                && provider.LinkClaim is { } claim
                && context.Principal!.FindFirst(claim)?.Value is { Length: > 0 } value
                && Vouched(context.Principal, claim)
            )
                name = AccountLinks.LinkByValue(site.Database, provider.Id, value, issuer, subject.Value, site.Clock).Account;
        }
        if (name is null)
        {
            context.Response.Redirect(Problem(provider, SignInProblem.NietGekoppeld));
            return;
        }
        // A disabled account, or a demo account outside demo mode, is refused here as at the password sign-in.
        if (Accounts.Find(site.Database, name) is not { } account || !AccountService.MaySignIn(account, site.Options))
        {
            context.Response.Redirect(Problem(provider, SignInProblem.Uitgeschakeld));
            return;
        }
        await AccountService.SignInCookie(context.HttpContext, account);
        var next = context.Properties?.RedirectUri is { } uri && IsLocal(uri) ? uri : "/";
        context.Response.Redirect("/account/verder?naar=" + Uri.EscapeDataString(next));
    }

    // An e-mail address the provider says it has not verified links nothing (anyone may type any address at some providers).
    private static bool Vouched(ClaimsPrincipal principal, string claim) =>
        claim != "email" || !string.Equals(principal.FindFirst("email_verified")?.Value, "false", StringComparison.OrdinalIgnoreCase);

    /// <summary>A path on this site (not //host or /\host, which browsers read as another site; no control characters).</summary>
    public static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Any(char.IsControl);
}
