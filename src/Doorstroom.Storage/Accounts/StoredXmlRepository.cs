using System.Collections.ObjectModel;
using System.Globalization;
using System.Xml.Linq;
using Dapper;
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
        return new ReadOnlyCollection<XElement>([
            .. connection.Query<string>("SELECT xml FROM data_protection_key ORDER BY stored_at, " + "name").Select(x => XElement.Parse(x)),
        ]);
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // Data Protection names a key "key-{id}" and a revocation "revocation-{date}"; a name without one gets a fresh id.
        var name = string.IsNullOrWhiteSpace(friendlyName) ? Guid.NewGuid().ToString("D") : friendlyName;
        using var connection = database.ConnectMigrated();
        connection.Execute(
            """
            INSERT INTO data_protection_key (name, xml, stored_at) VALUES (@name, @xml, @at)
            ON CONFLICT (name) DO UPDATE SET xml = excluded.xml, stored_at = excluded.stored_at
            """,
            new
            {
                name,
                xml = element.ToString(SaveOptions.DisableFormatting),
                at = (clock ?? TimeProvider.System).GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture),
            }
        );
    }
}
