using System.Collections.Immutable;
using System.Data;

namespace Doorstroom.Storage;

/// <summary>
/// An <c>INSERT … ON CONFLICT (key) DO UPDATE … WHERE something differs</c> statement, which both SQLite and
/// PostgreSQL understand, so that storing an unchanged row counts 0 rows changed.
/// </summary>
public sealed record Upsert(string Table, ImmutableArray<string> Key, ImmutableArray<string> Columns)
{
    /// <summary>The statement, with Dapper parameters named after the columns.</summary>
    public string Sql { get; } = Build(Table, Key, Columns, "(" + string.Join(", ", Key.AddRange(Columns).Select(c => "@" + c)) + ")");

    /// <summary>
    /// The same statement for <paramref name="rows"/> rows at once (<c>VALUES (…), (…)</c>), with positional parameters
    /// <c>@p{row}_{column}</c>. The rows must have distinct keys: PostgreSQL refuses to touch one row twice in a statement.
    /// </summary>
    public string SqlFor(int rows)
    {
        var all = Key.AddRange(Columns);
        var tuples = Enumerable.Range(0, rows).Select(r => "(" + string.Join(", ", Enumerable.Range(0, all.Length).Select(c => $"@p{r}_{c}")) + ")");
        return Build(Table, Key, Columns, string.Join(", ", tuples));
    }

    private static string Build(string table, ImmutableArray<string> key, ImmutableArray<string> columns, string values)
    {
        var all = key.AddRange(columns);
        if (columns.IsEmpty)
            return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES {values} ON CONFLICT ({string.Join(", ", key)}) DO NOTHING";
        var set = string.Join(", ", columns.Select(c => $"{c} = excluded.{c}"));
        var mine = string.Join(", ", columns.Select(c => $"{table}.{c}"));
        var theirs = string.Join(", ", columns.Select(c => $"excluded.{c}"));
        var differs = columns.Length == 1 ? $"{mine} IS DISTINCT FROM {theirs}" : $"({mine}) IS DISTINCT FROM ({theirs})";
        return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES {values} ON CONFLICT ({string.Join(", ", key)}) DO UPDATE SET {set} WHERE {differs}";
    }
}
