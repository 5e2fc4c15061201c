using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// The names of the vo vestigingen and mbo locations by BRIN6, read once per store and kept (institutions change with an
/// import, not per request; <see cref="Forget"/> after one).
/// </summary>
public static class InstitutionNames
{
    private static readonly ConditionalWeakTable<Database, ImmutableDictionary<string, string>> Cache = [];

    /// <summary>Every BRIN6 with its name: the vo vestiging's or the mbo location's.</summary>
    public static ImmutableDictionary<string, string> All(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Cache.GetValue(database, Load);
    }

    /// <summary>The name of a BRIN6 location, or the code itself when the store does not know it.</summary>
    public static string Of(Database database, string brin6)
    {
        ArgumentNullException.ThrowIfNull(brin6);
        return All(database).GetValueOrDefault(brin6, brin6);
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
        foreach (var (brin6, naam) in connection.Query<(string, string)>("SELECT brin6, naam FROM vo_vestiging UNION ALL SELECT brin6, naam FROM mbo_locatie"))
            builder[brin6] = naam;
        return builder.ToImmutable();
    }
}
