using System.Collections.Immutable;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// The transition indicators over the stored event streams: load each pupil's stream (the store streams them in
/// pupil order), let the pure <see cref="Indicators.Observe"/> decide what the pupil counts for, and add it to a
/// <see cref="MonitorCube"/> from which every breakdown is rolled up.
/// </summary>
public static class EventMonitor
{
    /// <summary>What the indicators need from the store: every kwalificatie's niveau and domain (with its direction from the catalogue) and the last event date.</summary>
    public static MonitorContext Context(Database database, IReadOnlyDictionary<string, DomainDirection> directions, DateOnly? through = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(directions);
        using var connection = database.ConnectMigrated();
        var crebos = connection.Query<(long Crebo, long Niveau, string? Domein)>("SELECT crebo, niveau, domein FROM kwalificatie")
            .ToImmutableDictionary(q => (int)q.Crebo, q => new CreboInfo((int)q.Crebo, (int)q.Niveau, q.Domein ?? "",
                q.Domein is { } d && directions.TryGetValue(d, out var dir) ? dir.Direction : Direction.Intersectoraal));
        var last = connection.ExecuteScalar<string?>("SELECT MAX(on_date) FROM event") is { } text
            ? DateOnly.Parse(text[..10], System.Globalization.CultureInfo.InvariantCulture)
            : DateOnly.MinValue;
        return new MonitorContext(crebos, through ?? last);
    }

    /// <summary>Every indicator over every stored pupil, into one cube.</summary>
    public static (MonitorCube Cube, long Pupils, long SyntheticPupils) Compute(Database database, MonitorContext context, CancellationToken cancellationToken = default)
    {
        var cube = new MonitorCube();
        var stream = new List<TransitionEvent>(64);
        string? pupil = null;
        DateOnly? birth = null;
        long pupils = 0, synthetic = 0;
        foreach (var record in new EventStore(database).ReadAll(cancellationToken))
        {
            if (record.Event.Pupil != pupil)
            {
                Flush();
                pupil = record.Event.Pupil;
                birth = record.BirthDate;
                if (record.Synthetic) synthetic++;
            }

            stream.Add(record.Event);
        }

        Flush();
        return (cube, pupils, synthetic);

        void Flush()
        {
            if (stream.Count == 0) return;
            Indicators.Observe(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(stream), birth, context, cube);
            pupils++;
            stream.Clear();
        }
    }
}
