using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// The names of the vo vestigingen and mbo locations by BRIN6 and of the mbo institutions by BRIN4, read once per store and kept (institutions change with an
/// import, not per request; <see cref="Forget"/> after one).
/// </summary>
public static class InstitutionNames
{
    private static readonly ConditionalWeakTable<Database, ImmutableDictionary<string, string>> Cache = [];

    /// <summary>Every BRIN6 with its name (the vo vestiging's or the mbo location's) and every mbo BRIN4 with the institution's.</summary>
    public static ImmutableDictionary<string, string> All(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Cache.GetValue(database, Load);
    }

    /// <summary>The name of a BRIN6 location or an mbo BRIN4, or the code itself when the store does not know it.</summary>
    public static string Of(Database database, string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return All(database).GetValueOrDefault(code, code);
    }

    /// <summary>Every vo vestiging with its name, plaats and street, as the store has them (not kept).</summary>
    public static ImmutableArray<VoVestigingAddress> VoAddresses(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return [.. connection.Query<VoVestigingAddress>("SELECT brin6 AS Brin6, naam AS Naam, plaats AS Plaats, straat AS Straat FROM vo_vestiging")];
    }

    /// <summary>Forgets the names read from a store (after an import of institutions).</summary>
    public static void Forget(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        Cache.Remove(database);
    }

    private static ImmutableDictionary<string, string> Load(Database database)
    {
        using var connection = database.ConnectMigrated();
        var builder = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (
            var (code, naam) in connection.Query<(string, string)>(
                "SELECT brin6, naam FROM vo_vestiging UNION ALL SELECT brin6, naam FROM mbo_locatie UNION ALL SELECT brin4, naam FROM mbo_instelling"
            )
        )
            builder[code] = naam;
        return builder.ToImmutable();
    }
}
