namespace Doorstroom.Storage;

/// <summary>What an operator's change came to: done (with a client secret to show once, for clients), or refused.</summary>
public sealed record AccountChange(AccountProblem? Problem, string? Secret = null)
{
    public bool Done => Problem is null;

    internal static AccountChange Refused(string field, string message, AccountFault fault, PasswordWeakness? weakness = null) =>
        new(new AccountProblem(field, message, fault, weakness));
}
