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
/// The web's monitor: one <see cref="MonitorEngine"/> per process (the site has one store), refreshed when a request finds
/// the store's newest event id (<see cref="EventStore.Version"/>, one index step) different from the snapshot's. The first
/// refresh reads every pupil; later ones only the pupils with new events (and those a moved data end made due), so after an
/// import of a day the page shows the figures as of the newest event without a full recomputation. Filtering and rendering
/// are per request, from the snapshot's cube, which is never changed once published.
/// </summary>
public sealed class MonitorCache(SiteServices site) : IDisposable
{
    /// <summary>The dimensions the monitor page filters on.</summary>
    public static ImmutableArray<Dimension> Filterable { get; } =
    [Dimension.Route, Dimension.Cohort, Dimension.VoVestiging, Dimension.MboInstelling, Dimension.Leerweg, Dimension.Sector];

    private readonly SemaphoreSlim computing = new(1, 1);
    private readonly MonitorEngine engine = new(site.Database, site.Catalogue.Domains);
    private volatile MonitorSnapshot? current;

    /// <summary>How many times the snapshot was made anew (full or incremental; the cache's own check in tests and logs).</summary>
    public int Computations { get; private set; }

    /// <summary>What the last refresh did: full or incremental, and how many pupils it read from the store.</summary>
    public MonitorRefresh? LastRefresh => engine.Last;

    /// <summary>The snapshot for the store as it is now: the kept one while the newest event id is unchanged, else a refreshed one.</summary>
    public async Task<MonitorSnapshot> Get(CancellationToken cancellationToken)
    {
        var version = new EventStore(site.Database).Version();
        if (current is { } kept && kept.Version == version)
            return kept;
        await computing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Another request may have refreshed it while this one waited.
            version = new EventStore(site.Database).Version();
            if (current is { } fresh && fresh.Version == version)
                return fresh;
            var made = await Task.Run(() => Compute(cancellationToken), cancellationToken).ConfigureAwait(false);
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

    private MonitorSnapshot Compute(CancellationToken cancellationToken)
    {
        var state = engine.Refresh(cancellationToken);
        return new MonitorSnapshot(
            state.Cube,
            state.Context,
            state.Pupils,
            state.SyntheticPupils,
            state.Events,
            state.Version,
            site.Clock.GetUtcNow(),
            state.Cube.Values(Filterable)
        )
        {
            Skipped = state.Skipped,
            Names = MonitorNames.Of(site),
        };
    }
}
