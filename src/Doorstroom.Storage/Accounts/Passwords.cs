using System.Buffers.Text;
using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Doorstroom.Storage;

/// <summary>
/// The one hasher of passwords and client secrets (ASP.NET Core Identity's PBKDF2 format, the hashes already in the store),
/// the password rule, and new client secrets. The web's sign-in and the command line both use it.
/// </summary>
public static class Passwords
{
    /// <summary>The shortest password accepted.</summary>
    public const int MinLength = 12;

    /// <summary>The rule as people read it (command help, README).</summary>
    public const string Rule = "at least 12 characters, not containing the account name, and not a common password";

    // Identity's hasher takes a user object; the hash does not depend on it. One fixed value keeps every hash verifiable.
    private const string User = "doorstroom";

    /// <summary>The hasher (Identity V3: PBKDF2-HMAC-SHA512, random salt, iterations in the hash).</summary>
    public static IPasswordHasher<string> Hasher { get; } = new PasswordHasher<string>();

    // A short list of the most used passwords of at least 12 characters (public breach top lists); compared ignoring case.
    private static readonly FrozenSet<string> Common = new[]
    {
        "123456789012",
        "1234567890123",
        "12345678901234",
        "123123123123",
        "111111111111",
        "000000000000",
        "qwertyuiopas",
        "qwerty123456",
        "qwertyuiop123",
        "1q2w3e4r5t6y",
        "1qaz2wsx3edc",
        "password1234",
        "password12345",
        "passwordpassword",
        "wachtwoord123",
        "wachtwoord1234",
        "welkom123456",
        "welkomwelkom",
        "abcdefghijkl",
        "abc123abc123",
        "iloveyou1234",
        "doorstroom123",
        "doorstroom2026",
        "administrator",
        "letmein12345",
        "changeme1234",
        "zaq12wsxcde3",
        "aaaaaaaaaaaa",
        "geheimgeheim",
        "voetbal12345",
        "amsterdam123",
        "nederland123",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>The hash to store for a password or client secret.</summary>
    public static string Hash(string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return Hasher.HashPassword(User, secret);
    }

    /// <summary>True when the secret matches the stored hash.</summary>
    public static bool Verify(string hash, string secret)
    {
        ArgumentNullException.ThrowIfNull(hash);
        ArgumentNullException.ThrowIfNull(secret);
        return Hasher.VerifyHashedPassword(User, hash, secret) != PasswordVerificationResult.Failed;
    }

    /// <summary>Why the password breaks <see cref="Rule"/> for this account (English), or null when it keeps it.</summary>
    public static string? Weakness(string password, string accountName) => Check(password, accountName) is { } weakness ? Describe(weakness, password) : null;

    /// <summary>Which part of <see cref="Rule"/> the password breaks for this account, or null when it keeps it.</summary>
    public static PasswordWeakness? Check(string password, string accountName)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(accountName);
        if (password.Length < MinLength)
            return PasswordWeakness.TooShort;
        if (password.Trim().Length == 0)
            return PasswordWeakness.OnlySpaces;
        if (accountName.Length > 0 && password.Contains(accountName, StringComparison.OrdinalIgnoreCase))
            return PasswordWeakness.ContainsName;
        if (Common.Contains(password))
            return PasswordWeakness.Common;
        return null;
    }

    /// <summary>The weakness as the command line says it.</summary>
    public static string Describe(PasswordWeakness weakness, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return weakness switch
        {
            PasswordWeakness.TooShort => $"the password has {password.Length} characters; it needs at least {MinLength}",
            PasswordWeakness.OnlySpaces => "the password is only spaces",
            PasswordWeakness.ContainsName => "the password contains the account name",
            _ => "the password is a common password",
        };
    }

    /// <summary>A new client secret: 32 bytes from the operating system's CSPRNG, base64url (43 characters).</summary>
    public static string NewSecret() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
