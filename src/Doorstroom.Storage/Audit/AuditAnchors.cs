using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Doorstroom.Storage;

/// <summary>
/// The audit log's heads, kept in an append-only text file outside the store (one line per head: <c>TIME SEQ HASH</c>), so
/// that a log cut short or rewritten whole — which the hash chain alone cannot show — fails <see cref="Check"/>: every
/// anchored seq must still exist with its hash. <see cref="Check"/> records the new head when the log is intact and grew.
/// Default: beside the SQLite file (<c>doorstroom.db.anchors</c>); for PostgreSQL in a folder the operator chooses.
/// </summary>
public static class AuditAnchors
{
    /// <summary>What the file is called beside a SQLite store, after the store's own name.</summary>
    public const string Suffix = ".anchors";

    /// <summary>
    /// The default anchor file: beside the SQLite file, or for PostgreSQL in <paramref name="folder"/> (else the current
    /// directory) named after host, port and database.
    /// </summary>
    public static string DefaultPath(Database database, string? folder = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Dialect == Dialect.Sqlite && database.File is { } file)
            return string.IsNullOrEmpty(folder) ? file + Suffix : Path.Combine(folder, Path.GetFileName(file) + Suffix);
        var name = new string([.. database.Description.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '_')]);
        return Path.Combine(string.IsNullOrEmpty(folder) ? Environment.CurrentDirectory : folder, "audit-" + name + Suffix);
    }

    /// <summary>The anchors in the file (none when it does not exist) and a problem per line that is not an anchor.</summary>
    public static (ImmutableArray<AuditAnchor> Anchors, ImmutableArray<string> Problems) Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
            return ([], []);
        var anchors = ImmutableArray.CreateBuilder<AuditAnchor>();
        var problems = ImmutableArray.CreateBuilder<string>();
        var number = 0;
        long last = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
                continue;
            var parts = line.Split(' ');
            if (
                parts.Length != 3
                || !DateTimeOffset.TryParseExact(parts[0], "yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seq)
                || seq < 1
                || parts[2].Length != 64
                || !parts[2].All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f')
            )
            {
                problems.Add($"anchor file {path} line {number}: not 'TIME SEQ HASH' (was it edited?)");
                continue;
            }
            if (seq < last)
                problems.Add($"anchor file {path} line {number}: entry {seq} comes after entry {last}; heads only grow (was it edited?)");
            last = Math.Max(last, seq);
            anchors.Add(new(seq, parts[2], at, $"anchor file {path} line {number}"));
        }
        return (anchors.ToImmutable(), problems.ToImmutable());
    }

    /// <summary>
    /// Verifies the log against every anchor in the file (and <paramref name="extra"/>, e.g. one given on the command line);
    /// when it is intact and its head is not yet the file's last line, appends the head. A line that is not an anchor
    /// fails the check, naming the line.
    /// </summary>
    public static (AuditCheck Check, bool Recorded) Check(Database database, string path, DateTimeOffset now, AuditAnchor? extra = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(path);
        var (anchors, problems) = Read(path);
        var check = AuditLog.Verify(database, extra is null ? anchors : anchors.Add(extra));
        if (!check.Intact)
            return (check, false);
        if (!problems.IsEmpty)
            return (check with { Problem = problems[0] }, false);
        if (check.HeadHash is not { } head || (anchors.Length > 0 && anchors[^1].Seq == check.Entries && anchors[^1].Hash == head))
            return (check, false);
        Record(path, check.Entries, head, now);
        return (check, true);
    }

    /// <summary>Appends one head to the file (made when missing, with its folder).</summary>
    public static void Record(string path, long seq, string hash, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { Length: > 0 } folder)
            Directory.CreateDirectory(folder);
        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        var line =
            $"{at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)} {seq.ToString(CultureInfo.InvariantCulture)} "
            + $"{hash}\n";
        file.Write(Encoding.ASCII.GetBytes(line));
        file.Flush(flushToDisk: true);
    }
}
