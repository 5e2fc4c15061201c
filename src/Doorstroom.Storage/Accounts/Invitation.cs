namespace Doorstroom.Storage;

/// <summary>An invitation to link a provider account to <paramref name="Account"/> (its code is never stored, only its hash).</summary>
/// <param name="Provider">The provider it may be redeemed at, or null for any configured provider.</param>
public sealed record Invitation(string Account, string? Provider, DateTimeOffset Expires, DateTimeOffset? UsedAt)
{
    /// <summary>Used (once used, always used), else expired from <see cref="Expires"/> on, else open.</summary>
    public InvitationState StateAt(DateTimeOffset now) =>
        UsedAt is not null ? InvitationState.Used
        : now >= Expires ? InvitationState.Expired
        : InvitationState.Open;
}
