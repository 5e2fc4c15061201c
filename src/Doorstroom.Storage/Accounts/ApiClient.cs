namespace Doorstroom.Storage;

/// <summary>A program that calls <c>/api</c> with OAuth2 client credentials, bound like an account to an institution or a pupil.</summary>
/// <param name="SecretHash">The client secret, hashed like a password.</param>
/// <param name="PupilKey">For the pupil role (an app of the pupil's own): the pupil's key.</param>
/// <param name="Revoked">Revoked by an operator: no token is issued for it again.</param>
public sealed record ApiClient(
    string ClientId,
    string SecretHash,
    string Role,
    string? Institution,
    string? PupilKey,
    string DisplayName,
    bool Demo,
    bool Revoked = false
);
