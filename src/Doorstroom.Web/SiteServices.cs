using System.Collections.Concurrent;
using System.Collections.Immutable;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// What every page and endpoint stands on: the store, the catalogue and its planner, and the clock. One per process;
/// disposing it (the host does, at shutdown) closes the store's connection pool.
/// </summary>
public sealed class SiteServices : IDisposable
{
    private readonly ConcurrentDictionary<string, ImmutableArray<string>> locations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> vo = new(StringComparer.Ordinal);

    public SiteServices(SiteOptions options, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        Clock = clock;
        Database = Storage.Database.Open(options.Database);
        var load = CatalogueLoader.Load(options.Catalogue ?? DataPaths.DefaultCatalogue());
        Catalogue = load.Catalogue ?? throw new InvalidOperationException("the catalogue does not load: " + string.Join("; ", load.Problems));
        Sources = load.Sources;
        Planner = new Planner(Catalogue);
        // Checked at startup (StartupChecks); a SiteServices made without the checks keeps the default.
        WarnFrom = MonthDay.Parse(options.Signalen.NietAangemeldVanaf).Day ?? Applications.DefaultWarnFrom;
        Doubt = new DoubtSettings(
            MonthDay.Parse(options.Signalen.KeuzeUiterlijk).Day ?? DoubtSettings.Default.KeuzeUiterlijk,
            MonthDay.Parse(options.Signalen.LobUiterlijk).Day ?? DoubtSettings.Default.LobUiterlijk
        );
    }

    public SiteOptions Options { get; }
    public TimeProvider Clock { get; }
    public Database Database { get; }

    /// <inheritdoc />
    public void Dispose() => Database.Dispose();

    public RouteCatalogue Catalogue { get; }
    public ImmutableArray<Source> Sources { get; }
    public Planner Planner { get; }

    /// <summary>From which day of the exam year a pupil without an application is signalled (<see cref="SignalOptions"/>).</summary>
    public MonthDay WarnFrom { get; }

    /// <summary>The choice day and the LOB day of the doubt signals (<see cref="SignalOptions"/>).</summary>
    public DoubtSettings Doubt { get; }

    /// <summary>
    /// The kwalificaties with their domain's direction, for the doubt signals (decision 0005). Read from the store each time:
    /// an import of kwalificaties shows at once, and the table is small.
    /// </summary>
    public ImmutableDictionary<int, CreboInfo> Crebos() => EventMonitor.Crebos(Database, Catalogue.Domains);

    /// <summary>Today in the Netherlands.</summary>
    public DateOnly Today => DutchTime.DateOf(Clock.GetUtcNow());

    /// <summary>The BRIN6 locations an institution code covers (cached: institutions change with an import, not per request).</summary>
    public ImmutableArray<string> Locations(string institution) => locations.GetOrAdd(institution, code => PupilDirectory.Locations(Database, code));

    /// <summary>True when the BRIN6 is a vo vestiging (cached like the locations).</summary>
    public bool IsVo(string brin6) => vo.GetOrAdd(brin6, code => PupilDirectory.IsVo(Database, code));

    /// <summary>True when the institution (BRIN4 or BRIN6) has a vo vestiging: its staff work on the school side of the dossier.</summary>
    public bool HasVo(string institution) => Locations(institution).Any(IsVo);

    /// <summary>
    /// True when the institution has an mbo location. One BRIN4 may hold both (a ROC with vavo): its intake and zorgcoördinator
    /// staff then work on the mbo side.
    /// </summary>
    public bool HasMbo(string institution) => Locations(institution).Any(l => !IsVo(l));

    /// <summary>Forgets the cached locations (after an import of institutions).</summary>
    public void ForgetLocations()
    {
        locations.Clear();
        vo.Clear();
    }
}
