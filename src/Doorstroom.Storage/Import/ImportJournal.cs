using System.Data.Common;
using System.Security.Cryptography;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// The import journal: one row per imported file, keyed by the SHA-256 of its bytes, written in the same
/// transaction as the data. It is how an import of the same file twice becomes a no-op.
/// </summary>
public static class ImportJournal
{
    /// <summary>The SHA-256 of a file, as lowercase hex.</summary>
    public static string Sha256Of(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>When and as what a file with this hash was imported, or null.</summary>
    public static (string Kind, string ImportedAt, long Records)? Find(DbConnection connection, string sha256) =>
        connection.QueryFirstOrDefault<(string, string, long)?>("SELECT kind, imported_at, records FROM import_log WHERE sha256 = @sha256", new { sha256 });

    /// <summary>Records an import inside its transaction.</summary>
    public static void Record(
        DbConnection connection,
        DbTransaction transaction,
        string sha256,
        string kind,
        string fileName,
        long records,
        long stored,
        DateTimeOffset now
    ) =>
        connection.Execute(
            "INSERT INTO import_log (sha256, kind, file_name, records, stored, imported_at) VALUES (@sha256, @kind, @fileName, @records, @stored, @at)",
            new
            {
                sha256,
                kind,
                fileName,
                records,
                stored,
                at = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            },
            transaction
        );
}
