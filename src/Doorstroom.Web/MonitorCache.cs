using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// The monitor over the whole store at one moment: the cube of every indicator and cell (aggregates only, no pupil key),
/// what the page says about the data, and the values each filter can take. Never changed after it is made, so requests
/// may read it at the same time.
/// </summary>
/// <param name="Events">The store's event count the cube was computed at.</param>
/// <param name="Version">The store's newest event id then (<see cref="EventStore.Version"/>); a different one makes the snapshot stale.</param>
/// <param name="Choices">Per filterable dimension, the keys (as <see cref="MonitorCube.Key"/> writes them) that occur in any indicator.</param>
public sealed record MonitorSnapshot(
    MonitorCube Cube,
    MonitorContext Context,
    long Pupils,
    long SyntheticPupils,
    long Events,
    long Version,
    DateTimeOffset Computed,
    ImmutableDictionary<Dimension, ImmutableArray<string>> Choices
)
{
    /// <summary>Stored events that could not be read (put in past the checks) and were left out of every indicator.</summary>
    public long Skipped { get; init; }

    /// <summary>The names the page shows for the cube's codes, read with the cube (an import of institutions shows with the next events).</summary>
    public MonitorNames? Names { get; init; }
}

/// <summary>
/// Computing the monitor reads every event of the store, so it is done once and kept: a request asks the store only for
/// its newest event id (<see cref="EventStore.Version"/>, one index step) and gets the kept cube while that is unchanged. Filtering and
/// rendering are per request, from the cube. One per process (the site has one store).
/// </summary>
public sealed class MonitorCache(SiteServices site) : IDisposable
{
    /// <summary>The dimensions the monitor page filters on.</summary>
    public static ImmutableArray<Dimension> Filterable { get; } =
    [Dimension.Route, Dimension.Cohort, Dimension.VoVestiging, Dimension.MboInstelling, Dimension.Leerweg, Dimension.Sector];

    private readonly SemaphoreSlim computing = new(1, 1);
    private volatile MonitorSnapshot? current;

    /// <summary>How many times the cube was computed (the cache's own check in tests and logs).</summary>
    public int Computations { get; private set; }

    /// <summary>The snapshot for the store as it is now: the kept one while the event count is unchanged, else a new one.</summary>
    public async Task<MonitorSnapshot> Get(CancellationToken cancellationToken)
    {
        var version = new EventStore(site.Database).Version();
        if (current is { } kept && kept.Version == version)
            return kept;
        await computing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have computed it while this one waited.
            version = new EventStore(site.Database).Version();
            if (current is { } fresh && fresh.Version == version)
                return fresh;
            var made = await Task.Run(() => Compute(version, cancellationToken), cancellationToken).ConfigureAwait(false);
            current = made;
            Computations++;
            return made;
        }
        finally
        {
            computing.Release();
        }
    }

    public void Dispose() => computing.Dispose();

    private MonitorSnapshot Compute(long version, CancellationToken cancellationToken)
    {
        var context = EventMonitor.Context(site.Database, site.Catalogue.Domains);
        var (cube, pupils, synthetic, skipped) = EventMonitor.Compute(site.Database, context, cancellationToken);
        var choices = Filterable.ToImmutableDictionary(
            d => d,
            d =>
                Enum.GetValues<Indicator>()
                    .SelectMany(i => cube.Table(i, [d]).Rows.Select(r => r.Keys[0]))
                    .Distinct(StringComparer.Ordinal)
                    .Order(StringComparer.Ordinal)
                    .ToImmutableArray()
        );
        return new MonitorSnapshot(cube, context, pupils, synthetic, new EventStore(site.Database).Count(), version, site.Clock.GetUtcNow(), choices)
        {
            Skipped = skipped,
            Names = MonitorNames.Of(site),
        };
    }
}
