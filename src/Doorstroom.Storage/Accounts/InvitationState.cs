namespace Doorstroom.Storage;

/// <summary>Where an invitation stands at a given moment.</summary>
public enum InvitationState
{
    Open,
    Expired,
    Used,
}
