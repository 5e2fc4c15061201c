using System.Security.Claims;
using Doorstroom.Storage;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Doorstroom.Web;

/// <summary>
/// The OAuth2 token endpoint (client credentials only) and the bearer validation the API accepts. OpenIddict runs in
/// degraded mode: there is no OpenIddict store; the API clients live in the table api_client and are checked by
/// <see cref="ClientCredentials"/>. Outside Development tokens are issued over HTTPS only, and the API reads a bearer token
/// only from the Authorization header. The keys and the issuer are configured by <see cref="Keys"/>.
/// </summary>
public static class AuthServer
{
    /// <summary>Where a client asks for a token.</summary>
    public const string TokenPath = "/connect/token";

    /// <summary>The authentication scheme of the API: bearer tokens only, never the site's cookie.</summary>
    public const string BearerScheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>The lifetime of an access token.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(1);

    public static IServiceCollection AddTokenServer(this IServiceCollection services)
    {
        services
            .AddOpenIddict()
            .AddServer(server =>
            {
                server.EnableDegradedMode();
                server.SetTokenEndpointUris(TokenPath.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                // The tokens are issued and checked by the site's own nodes (local validation), so access tokens are signed with a
                // symmetric key (HMAC: microseconds per check) and not encrypted: decrypting a JWE on every API request took most
                // of a plan request's time (bench api, trace). The token carries only the client id, role and institution, which
                // the client knows anyway. The keys and the issuer come from the store and the settings (Keys.AddStoredKeys), so
                // every node accepts every node's tokens and a restart keeps them valid.
                server.DisableAccessTokenEncryption();
                server.SetAccessTokenLifetime(TokenLifetime);
                // Tokens only over HTTPS (OpenIddict's default): Development lifts this with AllowTokensOverHttp.
                server.UseAspNetCore();
                server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler => handler.UseSingletonHandler<ClientCredentials>());
                server.AddEventHandler<OpenIddictServerEvents.HandleTokenRequestContext>(handler => handler.UseSingletonHandler<ClientCredentials>());
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                // A bearer token only in the Authorization header: a token in a URL ends up in logs, history and Referer headers.
                validation.UseAspNetCore().DisableAccessTokenExtractionFromQueryString().DisableAccessTokenExtractionFromBodyForm();
            });
        return services;
    }

    /// <summary>Development only: the token endpoint answers over plain http (the site runs on http://127.0.0.1 there).</summary>
    public static IServiceCollection AllowTokensOverHttp(this IServiceCollection services)
    {
        services.AddOpenIddict().AddServer(server => server.UseAspNetCore().DisableTransportSecurityRequirement());
        return services;
    }
}

/// <summary>
/// Checks a token request's client id and secret against the store (<see cref="AccountService.Client"/>: a demo client is
/// refused outside demo mode) and issues the access token with the client's name, role and institution.
/// </summary>
public sealed class ClientCredentials(AccountService accounts)
    : IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenRequestContext>,
        IOpenIddictServerHandler<OpenIddictServerEvents.HandleTokenRequestContext>
{
    private const string ClientProperty = "doorstroom:client";

    public ValueTask HandleAsync(OpenIddictServerEvents.ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Request.IsClientCredentialsGrantType())
        {
            context.Reject(Errors.UnsupportedGrantType, "Only the client_credentials grant is supported.");
            return default;
        }
        var attempt =
            context.ClientId is { Length: > 0 } id && context.ClientSecret is { Length: > 0 } secret
                ? accounts.TryClient(id, secret)
                : new SignInAttempt<ApiClient>(null, null);
        if (attempt.LockedFor is { } locked)
        {
            // Locked after repeated failures, whether or not the id exists; the right secret waits too.
            context.Reject(
                Errors.InvalidClient,
                $"Too many failed attempts for this client; try again in " + $"{Math.Max(1, (int)Math.Ceiling(locked.TotalMinutes))} minutes."
            );
            return default;
        }
        if (attempt.Granted is not { } client)
        {
            // One answer for an unknown client and a wrong secret: the response says nothing about which ids exist.
            context.Reject(Errors.InvalidClient, "The client id or secret is not valid.");
            return default;
        }
        context.Transaction.Properties[ClientProperty] = client;
        return default;
    }

    public ValueTask HandleAsync(OpenIddictServerEvents.HandleTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Transaction.Properties.TryGetValue(ClientProperty, out var value) || value is not ApiClient client)
        {
            context.Reject(Errors.InvalidClient, "The client id or secret is not valid.");
            return default;
        }
        var identity = new ClaimsIdentity(AuthServer.BearerScheme, OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role);
        identity.SetClaim(OpenIddictConstants.Claims.Subject, client.ClientId);
        identity.SetClaim(OpenIddictConstants.Claims.Name, client.ClientId);
        identity.SetClaim(OpenIddictConstants.Claims.Role, client.Role);
        if (client.Institution is { } institution)
            identity.SetClaim(Claims.Institution, institution);
        if (client.PupilKey is { } pupil)
            identity.SetClaim(Claims.Pupil, pupil);
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        context.SignIn(new ClaimsPrincipal(identity));
        return default;
    }
}
