namespace Doorstroom.Storage;

/// <summary>Why a provider account was not linked.</summary>
public enum LinkRefusal
{
    /// <summary>No invitation has this code.</summary>
    UnknownInvitation,
    ExpiredInvitation,
    UsedInvitation,

    /// <summary>The invitation names another provider.</summary>
    OtherProvider,

    /// <summary>This provider account is already linked to another Doorstroom account.</summary>
    LinkedToOtherAccount,

    /// <summary>The account is gone or disabled (or a demo account): it cannot sign in, so nothing is linked.</summary>
    AccountUnusable,

    /// <summary>No account has this link value at this provider.</summary>
    NoLinkValue,
}
