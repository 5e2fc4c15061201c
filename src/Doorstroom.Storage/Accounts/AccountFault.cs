namespace Doorstroom.Storage;

/// <summary>Which rule an operator's change broke, so that a page can say it in its own language.</summary>
public enum AccountFault
{
    NameInvalid,
    NameTaken,
    RoleUnknown,

    /// <summary>An institution given to a role bound to a pupil or to nothing.</summary>
    InstitutionNotTaken,
    InstitutionMissing,

    /// <summary>Not in the store, or of the wrong kind for the role (an mbo BRIN4 for a vo role).</summary>
    InstitutionUnknown,

    /// <summary>A pupil key given to a role not bound to a pupil.</summary>
    PupilNotTaken,
    PupilMissing,
    PupilUnknown,
    PasswordWeak,
    AccountUnknown,
    ClientUnknown,
    ClientRevoked,

    /// <summary>A demo account, which signs in with its password only (school sign-in, decision 0021).</summary>
    AccountDemo,
    AccountDisabled,
    ProviderInvalid,
    DaysOutOfRange,
    LinkValueInvalid,
    LinkValueTaken,
    LinkUnknown,

    /// <summary>The account has no link value at the provider (nothing to clear).</summary>
    LinkValueUnknown,
}
