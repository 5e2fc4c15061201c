namespace Doorstroom.Storage;

/// <summary>Which part of the password rule a password breaks.</summary>
public enum PasswordWeakness
{
    TooShort,
    OnlySpaces,
    ContainsName,
    Common,
}
