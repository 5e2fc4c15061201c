namespace Doorstroom.Storage;

/// <summary>Who changes a meeloopdag or a sign-up, as the audit log names them: the account, its role and its institution.</summary>
public sealed record MeeloopActor(string Name, string Role, string? Institution);
