using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// The names of the mbo programmes (kwalificaties) by crebo, from the kwalificatiestructuur in the store; read once per
/// store and kept (it changes with an import, not per request).
/// </summary>
public static class ProgrammeNames
{
    private static readonly ConditionalWeakTable<Database, ImmutableDictionary<int, string>> Cache = [];

    /// <summary>Every crebo the store knows with its kwalificatie's name.</summary>
    public static ImmutableDictionary<int, string> All(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        return Cache.GetValue(database, Load);
    }

    /// <summary>The lowest crebo of each mbo niveau 1 to 4 the store has kwalificaties for, by niveau.</summary>
    public static ImmutableDictionary<int, int> LowestCreboPerNiveau(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection
            .Query<(long Niveau, long Crebo)>("SELECT niveau, MIN(crebo) FROM kwalificatie WHERE niveau BETWEEN 1 AND 4 GROUP BY niveau")
            .ToImmutableDictionary(r => (int)r.Niveau, r => (int)r.Crebo);
    }

    private static ImmutableDictionary<int, string> Load(Database database)
    {
        using var connection = database.ConnectMigrated();
        return connection.Query<(long Crebo, string Naam)>("SELECT crebo, naam FROM kwalificatie").ToImmutableDictionary(r => (int)r.Crebo, r => r.Naam);
    }
}
