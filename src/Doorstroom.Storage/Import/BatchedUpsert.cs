using System.Collections.Immutable;
using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Reflection;

namespace Doorstroom.Storage;

/// <summary>
/// Writes upsert rows in multi-row statements of up to a few hundred rows, reusing one prepared command, so that a
/// file of 100,000 rows is a few hundred round trips instead of 100,000 (a per-row Dapper call costs seconds on
/// PostgreSQL). Each row is an object whose properties are named after the columns, ignoring case and underscores
/// (<c>examenkandidaten_lt5</c> is <c>ExamenkandidatenLt5</c>); a row whose key
/// is already waiting in the batch flushes the batch first, so repeated keys keep per-row semantics (last one wins).
/// </summary>
internal sealed class BatchedUpsert(DbConnection connection, DbTransaction transaction, Upsert upsert, Dialect dialect) : IDisposable
{
    // PostgreSQL gains from few round trips. SQLite has none to save, and Microsoft.Data.Sqlite looks each parameter up
    // by name in a linear list, so a statement of thousands of parameters binds in quadratic time: keep it small there.
    private readonly int _maxParameters = dialect == Dialect.Postgres ? 8000 : 100;
    private readonly ImmutableArray<string> _columns = upsert.Key.AddRange(upsert.Columns);
    private readonly List<object?[]> _pending = [];
    private readonly HashSet<string> _pendingKeys = new(StringComparer.Ordinal);
    private DbCommand? _full;
    private (Type Type, Func<object, object?>[] Getters, DbType?[] Types)? _shape;

    private int BatchRows => Math.Clamp(_maxParameters / _columns.Length, 1, 500);

    /// <summary>Rows handed in so far.</summary>
    public long Added { get; private set; }

    /// <summary>Rows inserted or updated by the statements run so far.</summary>
    public long Changed { get; private set; }

    /// <summary>Queues one row; runs a statement when the batch is full.</summary>
    public void Add(object row)
    {
        var shape = ShapeOf(row);
        var values = new object?[_columns.Length];
        for (var i = 0; i < values.Length; i++)
            values[i] = shape.Getters[i](row);
        var key = string.Join('\u001f', values.Take(upsert.Key.Length).Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));
        if (!_pendingKeys.Add(key))
        {
            Flush();
            _pendingKeys.Add(key);
        }

        _pending.Add(values);
        Added++;
        if (_pending.Count == BatchRows)
            Flush();
    }

    /// <summary>Runs what is queued.</summary>
    public void Flush()
    {
        if (_pending.Count == 0 || _shape is not { } shape)
            return;
        if (_pending.Count == BatchRows)
        {
            _full ??= Command(BatchRows, shape.Types, prepare: true);
            Changed += Run(_full);
        }
        else
        {
            using var partial = Command(_pending.Count, shape.Types, prepare: false);
            Changed += Run(partial);
        }

        _pending.Clear();
        _pendingKeys.Clear();
    }

    /// <inheritdoc />
    public void Dispose() => _full?.Dispose();

    private int Run(DbCommand command)
    {
        var p = 0;
        foreach (var values in _pending)
        {
            foreach (var value in values)
                command.Parameters[p++].Value = value ?? DBNull.Value;
        }
        return command.ExecuteNonQuery();
    }

    private DbCommand Command(int rows, DbType?[] types, bool prepare)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The SQL is built from the importer's own table and column names, never from input.
        command.CommandText = upsert.SqlFor(rows);
#pragma warning restore CA2100
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"p{r}_{c}";
                if (types[c] is { } type)
                    parameter.DbType = type;
                command.Parameters.Add(parameter);
            }
        }

        if (prepare)
            command.Prepare();
        return command;
    }

    private (Type Type, Func<object, object?>[] Getters, DbType?[] Types) ShapeOf(object row)
    {
        var type = row.GetType();
        if (_shape is { } known && known.Type == type)
            return known;
        var getters = new Func<object, object?>[_columns.Length];
        var types = new DbType?[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase;
            var property = type.GetProperty(_columns[i], Public)
                ?? type.GetProperty(_columns[i].Replace("_", "", StringComparison.Ordinal), Public)
                ?? throw new InvalidOperationException($"The rows for {upsert.Table} have no property for column {_columns[i]}.");
            getters[i] = property.GetValue;
            types[i] = (Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) switch
            {
                var t when t == typeof(string) => DbType.String,
                var t when t == typeof(int) => DbType.Int32,
                var t when t == typeof(long) => DbType.Int64,
                var t when t == typeof(short) => DbType.Int16,
                var t when t == typeof(double) => DbType.Double,
                var t when t == typeof(bool) => DbType.Boolean,
                _ => null,
            };
        }

        Flush();
        _shape = (type, getters, types);
        _full?.Dispose();
        _full = null;
        return _shape.Value;
    }
}
