using System.Collections.ObjectModel;
using System.Globalization;
using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Doorstroom.Storage;

/// <summary>
/// The ASP.NET Core Data Protection key ring in the store (table <c>data_protection_key</c>): every web node on the store
/// reads and writes the same keys, and a backup of the store is a backup of the keys. Data Protection encrypts each key
/// element itself before storing it when a certificate is configured (<c>ProtectKeysWithCertificate</c>).
/// </summary>
public sealed class StoredXmlRepository(Database database, TimeProvider? clock = null) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.ConnectMigrated();
        return new ReadOnlyCollection<XElement>([.. connection.Query<string>("SELECT xml FROM data_protection_key ORDER BY stored_at, name").Select(x => XElement.Parse(x))]);
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // Data Protection names a key "key-{id}" and a revocation "revocation-{date}"; a name without one gets a fresh id.
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("D") : friendlyName;
        using var connection = database.ConnectMigrated();
        connection.Execute("""
            INSERT INTO data_protection_key (name, xml, stored_at) VALUES (@name, @xml, @at)
            ON CONFLICT (name) DO UPDATE SET xml = excluded.xml, stored_at = excluded.stored_at
            """, new
        {
            name,
            xml = element.ToString(SaveOptions.DisableFormatting),
            at = (clock ?? TimeProvider.System).GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
        });
    }
}

/// <summary>
/// Key material the web application makes once and every node then shares (table <c>token_key</c>): sealed with Data
/// Protection, so it is as safe at rest as the key ring, and readable wherever the key ring is.
/// </summary>
public static class TokenKeyStore
{
    /// <summary>
    /// The key named <paramref name="name"/>: the stored one, or else <paramref name="make"/>'s, stored now. Two nodes starting
    /// at once both make one; the first insert wins and both return that one.
    /// </summary>
    public static byte[] GetOrCreate(Database database, IDataProtector protector, string name, Func<byte[]> make, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(protector);
        ArgumentNullException.ThrowIfNull(make);
        using var connection = database.ConnectMigrated();
        var stored = connection.QueryFirstOrDefault<string>("SELECT sealed_key FROM token_key WHERE name = @name", new { name });
        if (stored is null)
        {
            connection.Execute("INSERT INTO token_key (name, sealed_key, created_at) VALUES (@name, @key, @at) ON CONFLICT (name) DO NOTHING", new
            {
                name,
                key = protector.Protect(Convert.ToBase64String(make())),
                at = (clock ?? TimeProvider.System).GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            });
            stored = connection.QuerySingle<string>("SELECT sealed_key FROM token_key WHERE name = @name", new { name });
        }
        return Convert.FromBase64String(protector.Unprotect(stored));
    }
}

/// <summary>
/// Work that one process at a time may do on a store: on PostgreSQL under a session advisory lock, so web nodes started
/// together on one store (decision 0022) take turns; on SQLite (one node) it just runs.
/// </summary>
public static class StoreLock
{
    /// <summary>The lock under which a node makes the Data Protection key ring when the store has none.</summary>
    public const long KeyRing = 0x446f6f72_6b657973;

    /// <summary>Runs <paramref name="action"/> holding the advisory lock <paramref name="key"/> (PostgreSQL), released after.</summary>
    public static void Hold(Database database, long key, Action action)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(action);
        if (database.Dialect != Dialect.Postgres)
        {
            action();
            return;
        }
        using var connection = database.ConnectMigrated();
        connection.Execute("SELECT pg_advisory_lock(@key)", new { key });
        try
        {
            action();
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@key)", new { key });
        }
    }
}
