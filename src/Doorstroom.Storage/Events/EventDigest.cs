using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.IO.Hashing;
using System.Text;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// The identity of an event within its pupil's stream: the first 8 bytes (little-endian) of XxHash3-64 (seed 0) over a
/// canonical encoding of date, kind and every field. XxHash3 rather than SHA-256 because the digest is an identity, not
/// a security boundary (the pupil id is part of the key), and it is ~20× cheaper per event; the algorithm is a fixed
/// specification, so digests stay stable across versions. The encoding is in docs/events.md.
/// </summary>
public static class EventDigest
{
    /// <summary>The digest of an event (the pupil key is not part of it).</summary>
    public static long Of(TransitionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        Span<byte> date = stackalloc byte[10];
        e.Date.TryFormat(date, out _, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        Span<byte> numbers = stackalloc byte[33];
        var n1 = Number(e.Leerjaar, numbers[..11]);
        var n2 = Number(e.Niveau, numbers[11..22]);
        var n3 = Number(e.Crebo, numbers[22..]);

        var length =
            9 * 2
            + 10
            + EventNames.KindUtf8(e.Kind).Length
            + Utf8Length(e.Institution)
            + (e.Leerweg is { } lw ? EventNames.LeerwegUtf8(lw).Length : 0)
            + Math.Max(n1, 0)
            + Math.Max(n2, 0)
            + Math.Max(n3, 0)
            + Utf8Length(e.Route)
            + Utf8Length(e.Detail)
            + (e.Voids is null ? 0 : 2 + 16);
        byte[]? rented = length > 1024 ? ArrayPool<byte>.Shared.Rent(length) : null;
        var buffer = rented is null ? stackalloc byte[1024] : rented;
        var at = 0;
        Put(buffer, ref at, date);
        Put(buffer, ref at, EventNames.KindUtf8(e.Kind));
        PutText(buffer, ref at, e.Institution);
        if (e.Leerweg is { } leerweg)
            Put(buffer, ref at, EventNames.LeerwegUtf8(leerweg));
        else
            Null(buffer, ref at);
        PutNumber(buffer, ref at, numbers[..11], n1);
        PutNumber(buffer, ref at, numbers[11..22], n2);
        PutNumber(buffer, ref at, numbers[22..], n3);
        PutText(buffer, ref at, e.Route);
        PutText(buffer, ref at, e.Detail);
        // A tenth field only on a correction, so every other event keeps the digest it was stored with.
        if (e.Voids is { } voids)
        {
            Span<byte> hex = stackalloc byte[16];
            unchecked((ulong)voids).TryFormat(hex, out _, "x16", CultureInfo.InvariantCulture);
            Put(buffer, ref at, hex);
        }
        var digest = unchecked((long)XxHash3.HashToUInt64(buffer[..at]));
        if (rented is not null)
            ArrayPool<byte>.Shared.Return(rented);
        return digest;

        static int Utf8Length(string? s) => s is null ? 0 : Encoding.UTF8.GetByteCount(s);
        static int Number(int? value, Span<byte> into) =>
            value is { } v && v.TryFormat(into, out var written, default, CultureInfo.InvariantCulture) ? written : -1;
        static void Null(Span<byte> buffer, ref int at)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], 0xFFFF);
            at += 2;
        }
        static void Put(Span<byte> buffer, ref int at, ReadOnlySpan<byte> value)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], (ushort)value.Length);
            value.CopyTo(buffer[(at + 2)..]);
            at += 2 + value.Length;
        }
        static void PutNumber(Span<byte> buffer, ref int at, ReadOnlySpan<byte> digits, int length)
        {
            if (length < 0)
                Null(buffer, ref at);
            else
                Put(buffer, ref at, digits[..length]);
        }
        static void PutText(Span<byte> buffer, ref int at, string? text)
        {
            if (text is null)
            {
                Null(buffer, ref at);
                return;
            }

            var written = Encoding.UTF8.GetBytes(text, buffer[(at + 2)..]);
            BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], (ushort)written);
            at += 2 + written;
        }
    }
}
