using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>The doubt signals measured over the whole store at one moment (aggregates only), with what the page says about the data.</summary>
/// <param name="Version">The store's newest event id then; a different one makes the snapshot stale.</param>
public sealed record SignalMeasureSnapshot(SignalMeasureCube Cube, MonitorContext Context, DoubtSettings Settings, long Version, long Skipped);

/// <summary>
/// Measuring the doubt signals reads every event of the store, so it is done once and kept while the store's newest event id
/// (<see cref="EventStore.Version"/>) is unchanged, as <see cref="MonitorCache"/> does. One per process.
/// </summary>
public sealed class SignalMeasureCache(SiteServices site) : IDisposable
{
    private readonly SemaphoreSlim computing = new(1, 1);
    private volatile SignalMeasureSnapshot? current;

    /// <summary>The snapshot for the store as it is now.</summary>
    public async Task<SignalMeasureSnapshot> Get(CancellationToken cancellationToken)
    {
        if (current is { } kept && kept.Version == new EventStore(site.Database).Version())
            return kept;
        await computing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var version = new EventStore(site.Database).Version();
            if (current is { } fresh && fresh.Version == version)
                return fresh;
            var made = await Task.Run(
                    () =>
                    {
                        var context = EventMonitor.Context(site.Database, site.Catalogue.Domains);
                        var skipped = new SkippedRows();
                        var cube = SignalMonitor.Compute(site.Database, context, site.Doubt, skipped, cancellationToken);
                        return new SignalMeasureSnapshot(cube, context, site.Doubt, version, skipped.Count);
                    },
                    cancellationToken
                )
                .ConfigureAwait(false);
            current = made;
            return made;
        }
        finally
        {
            computing.Release();
        }
    }

    public void Dispose() => computing.Dispose();
}
