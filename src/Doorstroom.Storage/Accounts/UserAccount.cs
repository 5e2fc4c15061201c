namespace Doorstroom.Storage;

/// <summary>A person who signs in to the web application, with a role bound to an institution or to a pupil key.</summary>
/// <param name="Institution">A BRIN4 (a whole school or mbo institution) or a BRIN6 (one vestiging or location); null for roles bound to none.</param>
/// <param name="PupilKey">For the pupil role: the pseudonymous key of the pupil's own stream.</param>
/// <param name="PasswordHash">An ASP.NET Core Identity password hash; never the password.</param>
/// <param name="Demo">Made by the demo seed: refused at sign-in unless the site runs in demo mode.</param>
/// <param name="Disabled">Disabled by an operator: refused at sign-in until enabled again.</param>
/// <param name="SecurityStamp">
/// Random, changed by every operator change that must end the account's open sessions (disable, password reset, role or
/// binding): a session signed in under another stamp is refused (decision 0019). Empty when saved: a new one is made.
/// </param>
public sealed record UserAccount(
    string Username,
    string PasswordHash,
    string Role,
    string? Institution,
    string? PupilKey,
    string DisplayName,
    bool Demo,
    bool Disabled = false,
    string SecurityStamp = ""
);
