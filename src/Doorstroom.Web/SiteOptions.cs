namespace Doorstroom.Web;

/// <summary>The site's settings, from the <c>Doorstroom</c> section of the configuration.</summary>
public sealed class SiteOptions
{
    /// <summary>A SQLite file (the embedded default) or a PostgreSQL connection string (<c>Host=…</c>) or URL.</summary>
    public string Database { get; set; } = Storage.Database.DefaultFile;

    /// <summary>Demo mode: demo accounts and data are made when missing and demo accounts may sign in. Never in production.</summary>
    public bool Demo { get; set; }

    /// <summary>
    /// Only for <c>doorstroom-bench api</c>, and only together with <see cref="Demo"/>: maps POST /api/v1/bench/echo, which answers
    /// the JSON body it is sent, behind the same authentication as the rest of the API. The bench's baseline (the host, the
    /// bearer token and the pipeline, no work); not in the OpenAPI document and never on a real site.
    /// </summary>
    public bool BenchEcho { get; set; }

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

    /// <summary>The API's contact in its OpenAPI document (<c>Doorstroom:Api:*</c>, decision 0030).</summary>
    public ApiOptions Api { get; set; } = new();
}
