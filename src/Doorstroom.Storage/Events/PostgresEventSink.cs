using Npgsql;
using NpgsqlTypes;

namespace Doorstroom.Storage;

/// <summary>
/// PostgreSQL: pupils looked up and created a batch at a time with arrays; events by binary COPY, straight into
/// <c>event</c> when every pupil of the batch is new in this append (inside a savepoint: should the input repeat an
/// event, the unique index refuses the COPY and the batch goes the other way), else into a temporary staging table
/// and from there <c>INSERT … SELECT … ON CONFLICT DO NOTHING</c>. With <c>plain</c> (the indexes are dropped until the end of
/// the import, <see cref="DeferredIndexes"/>) every batch goes straight into <c>event</c>.
/// </summary>
internal sealed class PostgresEventSink(NpgsqlConnection connection, NpgsqlTransaction transaction, bool plain = false) : IEventSink
{
    private const string Savepoint = "event_batch";
    private bool _staging;

    public bool AnyPupils()
    {
        using var command = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pupil)", connection, transaction);
        return (bool)command.ExecuteScalar()!;
    }

    public void FindPupils(string[] keys, Dictionary<string, PupilRef> into)
    {
        using var command = new NpgsqlCommand("SELECT pkey, id, synthetic, birth_date FROM pupil WHERE pkey = ANY(@keys)", connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<string[]>("keys", keys));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            into[reader.GetString(0)] = new PupilRef(
                reader.GetInt64(1),
                reader.GetInt16(2) != 0,
                reader.IsDBNull(3) ? null : reader.GetFieldValue<DateOnly>(3),
                New: false
            );
        }
    }

    /// <summary>
    /// Claims each key in <c>pupil_key</c> with a new id from pupil's sequence, then creates the pupils it claimed. A key another
    /// writer claimed meanwhile waits for that writer's commit and is then found like a pupil already stored (so two appends racing
    /// on one new key make one pupil); should that writer roll back, the claim here succeeds. <c>pupil_key</c> is what keeps a key
    /// unique on PostgreSQL: <c>pupil</c> is keyed by its id alone, so Citus can distribute it (migration 14).
    /// </summary>
    public int CreatePupils(List<NewPupil> pupils, Dictionary<string, PupilRef> into)
    {
        if (pupils.Count == 0)
            return 0;
        var claimed = new Dictionary<string, long>(pupils.Count, StringComparer.Ordinal);
        using (
            var claim = new NpgsqlCommand(
                """
                INSERT INTO pupil_key (pkey, pupil_id)
                SELECT k, nextval((SELECT pg_get_serial_sequence('pupil', 'id'))::regclass)
                FROM (SELECT k FROM unnest(@keys) WITH ORDINALITY AS t (k, o) ORDER BY o) AS wanted
                ON CONFLICT (pkey) DO NOTHING
                RETURNING pkey, pupil_id
                """,
                connection,
                transaction
            )
        )
        {
            claim.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. pupils.Select(p => p.Key)]));
            using var reader = claim.ExecuteReader();
            while (reader.Read())
                claimed[reader.GetString(0)] = reader.GetInt64(1);
        }

        var created = pupils.Where(p => claimed.ContainsKey(p.Key)).OrderBy(p => claimed[p.Key]).ToList();
        using (
            var insert = new NpgsqlCommand(
                "INSERT INTO pupil (id, pkey, synthetic, birth_date) SELECT i, k, s, b FROM unnest(@ids, @keys, @synthetic, @birth) AS t (i, k, s, b)",
                connection,
                transaction
            )
        )
        {
            insert.Parameters.Add(new NpgsqlParameter<long[]>("ids", [.. created.Select(p => claimed[p.Key])]));
            insert.Parameters.Add(new NpgsqlParameter<string[]>("keys", [.. created.Select(p => p.Key)]));
            insert.Parameters.Add(new NpgsqlParameter<short[]>("synthetic", [.. created.Select(p => (short)(p.Synthetic ? 1 : 0))]));
            insert.Parameters.Add(
                new NpgsqlParameter<DateOnly?[]>("birth", [.. created.Select(p => p.BirthDate)]) { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date }
            );
            insert.ExecuteNonQuery();
        }

        foreach (var p in created)
            into[p.Key] = new PupilRef(claimed[p.Key], p.Synthetic, p.BirthDate, New: true);
        if (created.Count == pupils.Count)
            return created.Count;
        string[] raced = [.. pupils.Where(p => !claimed.ContainsKey(p.Key)).Select(p => p.Key)];
        FindPupils(raced, into);
        if (raced.FirstOrDefault(k => !into.ContainsKey(k)) is { } missing)
            throw new InvalidOperationException($"pupil_key holds the key {missing}, but no pupil has it");
        return created.Count;
    }

    public long Write(ReadOnlySpan<Pending> rows, bool allNew)
    {
        if (plain)
            return Copy($"COPY event ({SqliteEventSink.WriteColumns}) FROM STDIN (FORMAT BINARY)", rows, ordinal: false);
        if (allNew)
        {
            transaction.Save(Savepoint);
            try
            {
                var copied = Copy($"COPY event ({SqliteEventSink.WriteColumns}) FROM STDIN (FORMAT BINARY)", rows, ordinal: false);
                transaction.Release(Savepoint);
                return copied;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                transaction.Rollback(Savepoint);
            }
        }

        if (!_staging)
        {
            Execute($"CREATE TEMP TABLE IF NOT EXISTS event_staging (ord BIGINT NOT NULL, {StagingColumns}) ON COMMIT DROP");
            _staging = true;
        }

        Execute("TRUNCATE event_staging");
        Copy($"COPY event_staging (ord, {SqliteEventSink.WriteColumns}) FROM STDIN (FORMAT BINARY)", rows, ordinal: true);
        return Execute(
            $"""
            INSERT INTO event ({SqliteEventSink.WriteColumns})
            SELECT {SqliteEventSink.WriteColumns} FROM event_staging ORDER BY ord
            ON CONFLICT (pupil_id, digest) DO NOTHING
            """
        );
    }

    private const string StagingColumns = """
        pupil_id BIGINT NOT NULL, kind TEXT NOT NULL, on_date DATE NOT NULL, institution TEXT, leerweg TEXT,
        leerjaar SMALLINT, niveau SMALLINT, crebo INTEGER, route TEXT, detail TEXT, digest BIGINT NOT NULL, voids BIGINT
        """;

    private int Execute(string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        return command.ExecuteNonQuery();
    }

    private long Copy(string sql, ReadOnlySpan<Pending> rows, bool ordinal)
    {
        using var importer = connection.BeginBinaryImport(sql);
        long ord = 0;
        foreach (ref readonly var row in rows)
        {
            var e = row.Event;
            importer.StartRow();
            if (ordinal)
                importer.Write(ord++, NpgsqlDbType.Bigint);
            importer.Write(row.PupilId, NpgsqlDbType.Bigint);
            importer.Write(EventNames.Kind(e.Kind), NpgsqlDbType.Text);
            importer.Write(e.Date, NpgsqlDbType.Date);
            Text(e.Institution);
            Text(e.Leerweg is { } lw ? EventNames.Leerweg(lw) : null);
            Small(e.Leerjaar);
            Small(e.Niveau);
            if (e.Crebo is { } crebo)
                importer.Write(crebo, NpgsqlDbType.Integer);
            else
                importer.WriteNull();
            Text(e.Route);
            Text(e.Detail);
            importer.Write(row.Digest, NpgsqlDbType.Bigint);
            if (e.Voids is { } voids)
                importer.Write(voids, NpgsqlDbType.Bigint);
            else
                importer.WriteNull();
        }

        return (long)importer.Complete();

        void Text(string? value)
        {
            if (value is null)
                importer.WriteNull();
            else
                importer.Write(value, NpgsqlDbType.Text);
        }

        void Small(int? value)
        {
            if (value is { } v)
                importer.Write((short)v, NpgsqlDbType.Smallint);
            else
                importer.WriteNull();
        }
    }

    public void Dispose() { }
}
