using System.Globalization;
using Dapper;
using Microsoft.AspNetCore.DataProtection;

namespace Doorstroom.Storage;

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
            connection.Execute(
                "INSERT INTO token_key (name, sealed_key, created_at) VALUES (@name, @key, @at) ON CONFLICT (name) DO NOTHING",
                new
                {
                    name,
                    key = protector.Protect(Convert.ToBase64String(make())),
                    at = (clock ?? TimeProvider.System).GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
                }
            );
            stored = connection.QuerySingle<string>("SELECT sealed_key FROM token_key WHERE name = @name", new { name });
        }
        return Convert.FromBase64String(protector.Unprotect(stored));
    }
}
