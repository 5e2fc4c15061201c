using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>The names events are written with: the <see cref="EventKind"/> names and the leerwegen as <see cref="JsonSpelling"/> spells them.</summary>
public static class EventNames
{
    private static readonly string[] Kinds = Enum.GetNames<EventKind>();
    private static readonly byte[][] KindsUtf8 = [.. Kinds.Select(Encoding.UTF8.GetBytes)];
    private static readonly string[] Leerwegen = [.. Enum.GetValues<Leerweg>().Select(JsonSpelling.Of)];
    private static readonly byte[][] LeerwegenUtf8 = [.. Leerwegen.Select(Encoding.UTF8.GetBytes)];
    private static readonly FrozenDictionary<string, EventKind>.AlternateLookup<ReadOnlySpan<char>> KindLookup = Enum.GetValues<EventKind>()
        .ToFrozenDictionary(k => k.ToString(), StringComparer.Ordinal)
        .GetAlternateLookup<ReadOnlySpan<char>>();
    private static readonly FrozenDictionary<string, Leerweg>.AlternateLookup<ReadOnlySpan<char>> LeerwegLookup = JsonSpelling
        .Leerwegen.ToFrozenDictionary(StringComparer.Ordinal)
        .GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The kind's name, e.g. <c>Ingeschreven</c>.</summary>
    public static string Kind(EventKind kind) => Kinds[(int)kind];

    /// <summary>The leerweg in lowercase, e.g. <c>bol</c>.</summary>
    public static string Leerweg(Leerweg leerweg) => Leerwegen[(int)leerweg];

    /// <summary>The kind named exactly so (case-sensitive), if any.</summary>
    public static bool TryKind(ReadOnlySpan<char> name, out EventKind kind) => KindLookup.TryGetValue(name, out kind);

    /// <summary>The leerweg named exactly so in lowercase, if any.</summary>
    public static bool TryLeerweg(ReadOnlySpan<char> name, out Leerweg leerweg) => LeerwegLookup.TryGetValue(name, out leerweg);

    /// <summary>What a kind cell must hold.</summary>
    public static string KindExpected { get; } = "an event type: one of " + string.Join(", ", Kinds);

    /// <summary>What a leerweg cell must hold.</summary>
    public static string LeerwegExpected { get; } = "a leerweg: one of " + string.Join(", ", Leerwegen);

    internal static ReadOnlySpan<byte> KindUtf8(EventKind kind) => KindsUtf8[(int)kind];

    internal static ReadOnlySpan<byte> LeerwegUtf8(Leerweg leerweg) => LeerwegenUtf8[(int)leerweg];

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>An event's identity (its digest) as the formats, the API and the CLI write it: 16 lowercase hex digits.</summary>
    public static string Identity(long digest) => unchecked((ulong)digest).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>An identity written as 16 hex digits, if the text is one.</summary>
    public static bool TryIdentity(ReadOnlySpan<char> text, out long digest)
    {
        digest = 0;
        if (text.Length != 16 || !ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            return false;
        digest = unchecked((long)value);
        return true;
    }

    /// <summary>What an identity cell must hold.</summary>
    public const string IdentityExpected = "an event id: 16 hexadecimal digits";

    /// <summary>Empty text is no value: the formats cannot tell an empty cell from a missing one, so neither does the store.</summary>
    internal static TransitionEvent Normalize(TransitionEvent e) =>
        e.Institution is "" || e.Route is "" || e.Detail is ""
            ? e with
            {
                Institution = NullIfEmpty(e.Institution),
                Route = NullIfEmpty(e.Route),
                Detail = NullIfEmpty(e.Detail),
            }
            : e;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
