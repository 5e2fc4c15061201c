using System.Collections.Concurrent;
using System.Collections.Immutable;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>The site's settings, from the <c>Doorstroom</c> section of the configuration.</summary>
public sealed class SiteOptions
{
    /// <summary>A SQLite file (the embedded default) or a PostgreSQL connection string (<c>Host=…</c>) or URL.</summary>
    public string Database { get; set; } = Storage.Database.DefaultFile;

    /// <summary>Demo mode: demo accounts and data are made when missing and demo accounts may sign in. Never in production.</summary>
    public bool Demo { get; set; }

    /// <summary>The real public data folder; default <c>../shared/data/real</c> beside the repository or <c>$DOORSTROOM_DATA</c>.</summary>
    public string? DataDir { get; set; }

    /// <summary>The catalogue version folder; default the newest one shipped.</summary>
    public string? Catalogue { get; set; }

    /// <summary>Simulated pupils per cohort in the demo data set.</summary>
    public int DemoPupilsPerCohort { get; set; } = 1500;

    /// <summary>The append-only file of audit heads kept outside the store; default beside the SQLite file (<c>&lt;db&gt;.anchors</c>).</summary>
    public string? AuditAnchorFile { get; set; }

    /// <summary>Where the anchor file goes when <see cref="AuditAnchorFile"/> is not set (needed for PostgreSQL; default the working directory).</summary>
    public string? AuditAnchorFolder { get; set; }

    /// <summary>
    /// At most this many seconds pass before a signed-in session is checked against its account again (disabled, password
    /// reset, role changed: <see cref="SessionCheck"/>); 0 checks on every request.
    /// </summary>
    public int SessionCheckSeconds { get; set; } = 60;

    /// <summary>How many mbo years a dossier share lasts: 1 = until 31 July of the first mbo year (the default).</summary>
    public int ShareYears { get; set; } = 1;

    /// <summary>
    /// This web node's name when several run on one store behind a load balancer (decision 0022): every response carries it
    /// in <c>X-Doorstroom-Node</c>, and the default audit anchor file gets it in its name, so nodes never share one file.
    /// Letters, digits, '.', '_' and '-', at most 64; unset on a single node.
    /// </summary>
    public string? NodeName { get; set; }

    /// <summary>The decaan's signals (<c>Doorstroom:Signalen</c>).</summary>
    public SignalOptions Signalen { get; set; } = new();

    /// <summary>Who runs this installation, for the accessibility statement (<c>Doorstroom:Toegankelijkheid:*</c>, decision 0025).</summary>
    public StatementOptions Toegankelijkheid { get; set; } = new();
}

/// <summary>The settings of the decaan's signals.</summary>
public sealed class SignalOptions
{
    /// <summary>The setting's full key, as the startup check names it.</summary>
    public const string NotAppliedFromSetting = "Doorstroom:Signalen:NietAangemeldVanaf";

    /// <summary>
    /// From which day of the exam year (MM-dd, August to March) a pupil without an application is signalled, before the
    /// 1 April deadline; default 02-01.
    /// </summary>
    public string NietAangemeldVanaf { get; set; } = Domain.Applications.DefaultWarnFrom.ToString();
}

/// <summary>
/// The operator's part of the accessibility statement at /toegankelijkheid: Doorstroom is open source and run by whoever
/// installs it, so the organisation and its contact are settings. Unset, the page says plainly that they are not filled in.
/// </summary>
public sealed class StatementOptions
{
    /// <summary>The organisation that runs this installation, e.g. "Regionaal Samenwerkingsverband VO-MBO West".</summary>
    public string? Organisatie { get; set; }

    /// <summary>An e-mail address for accessibility problems and questions.</summary>
    public string? Email { get; set; }

    /// <summary>A web address (a contact form or page) for the same, when there is one.</summary>
    public string? ContactUrl { get; set; }

    /// <summary>How quickly the operator answers, e.g. "binnen 5 werkdagen"; unset, the page names no term.</summary>
    public string? Reactietermijn { get; set; }

    public const string EmailSetting = "Doorstroom:Toegankelijkheid:Email";
    public const string ContactUrlSetting = "Doorstroom:Toegankelijkheid:ContactUrl";

    /// <summary>What is wrong with the contact settings (each becomes a link on the page), one line each; empty when both are fine.</summary>
    public IEnumerable<StartupProblem> Problems()
    {
        if (
            Email is { Length: > 0 } email
            && (
                email.Trim().Contains(' ', StringComparison.Ordinal)
                || email.Trim().Split('@') is not [{ Length: > 0 }, { Length: > 2 } domain]
                || !domain.Contains('.', StringComparison.Ordinal)
            )
        )
            yield return new(
                EmailSetting,
                $"{EmailSetting}: '{email}' is not an e-mail address; write one such as toegankelijkheid@example.nl, or remove " + $"the setting"
            );
        if (ContactUrl is { Length: > 0 } url && (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")))
            yield return new(
                ContactUrlSetting,
                $"{ContactUrlSetting}: '{url}' is not a web address; write one that begins with https://, or remove the " + $"setting"
            );
    }
}

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
