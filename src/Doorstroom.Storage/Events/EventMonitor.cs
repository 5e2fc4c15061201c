using System.Collections.Immutable;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// The transition indicators over the stored event streams: load each pupil's stream (the store streams them in
/// pupil order), let the pure <see cref="Indicators.Observe"/> decide what the pupil counts for, and add it to a
/// <see cref="MonitorCube"/> from which every breakdown is rolled up. The work is <see cref="MonitorEngine"/>'s, which
/// also keeps a cube current incrementally.
/// </summary>
public static class EventMonitor
{
    /// <summary>What the indicators need from the store: every kwalificatie's niveau and domain (with its direction from the catalogue) and the last event
    /// date.</summary>
    public static MonitorContext Context(Database database, IReadOnlyDictionary<string, DomainDirection> directions, DateOnly? through = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(directions);
        var crebos = Crebos(database, directions);
        using var connection = database.ConnectMigrated();
        // SQLite keeps a DATE as ISO text, PostgreSQL as a date: read it as whatever the provider gives. A row outside the
        // contract's dates (put in by SQL past the checks; the reads skip it) must not stretch the monitor to the year 9998.
        // SQLite compares text, so '2026-13-45' lies in range: the latest value that is a date is the last event date.
        var last = DateOnly.MinValue;
        using (
            var reader = connection.ExecuteReader(
                """
                SELECT DISTINCT on_date FROM event WHERE on_date >= @earliest AND on_date <= @latest ORDER BY on_date DESC LIMIT 100
                """,
                new { earliest = ContractDates.Earliest, latest = ContractDates.Latest }
            )
        )
        {
            while (reader.Read())
            {
                if (EventStore.TryDate(reader.GetValue(0), out var d) && ContractDates.Contains(d))
                {
                    last = d;
                    break;
                }
            }
        }
        return new MonitorContext(crebos, through ?? last);
    }

    /// <summary>
    /// Every stored kwalificatie with its niveau and domain, and the domain's direction from the catalogue (intersectoraal when
    /// it has none).
    /// </summary>
    public static ImmutableDictionary<int, CreboInfo> Crebos(Database database, IReadOnlyDictionary<string, DomainDirection> directions)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(directions);
        using var connection = database.ConnectMigrated();
        return connection
            .Query<(long Crebo, long Niveau, string? Domein)>("SELECT crebo, niveau, domein FROM kwalificatie")
            .ToImmutableDictionary(
                q => (int)q.Crebo,
                q => new CreboInfo(
                    (int)q.Crebo,
                    (int)q.Niveau,
                    q.Domein ?? "",
                    q.Domein is { } d && directions.TryGetValue(d, out var dir) ? dir.Direction : Direction.Intersectoraal
                )
            );
    }

    /// <summary>
    /// Every indicator over every stored pupil, into one cube; each stream as it counts (<see cref="Corrections"/>). A stored
    /// row that cannot be read as an event is left out and counted in <c>Skipped</c> (a <see cref="SkippedRows"/> given says which).
    /// </summary>
    public static (MonitorCube Cube, long Pupils, long SyntheticPupils, long Skipped) Compute(
        Database database,
        MonitorContext context,
        CancellationToken cancellationToken = default
    ) => Compute(database, context, null, cancellationToken);

    /// <inheritdoc cref="Compute(Database, MonitorContext, CancellationToken)"/>
    public static (MonitorCube Cube, long Pupils, long SyntheticPupils, long Skipped) Compute(
        Database database,
        MonitorContext context,
        SkippedRows? skipped,
        CancellationToken cancellationToken = default
    )
    {
        skipped ??= new SkippedRows();
        var (cube, pupils, synthetic) = new MonitorEngine(database, ImmutableDictionary<string, DomainDirection>.Empty).Compute(
            context,
            skipped,
            cancellationToken
        );
        return (cube, pupils, synthetic, skipped.Count);
    }
}
