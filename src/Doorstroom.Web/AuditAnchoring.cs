using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// Records the audit log's head outside the store (issue 12, finding 9): on start and then daily it verifies the log
/// against the anchor file (<c>Doorstroom:AuditAnchorFile</c>; default beside the SQLite file, or in
/// <c>Doorstroom:AuditAnchorFolder</c> for PostgreSQL) and appends the head when the log is intact. A broken log is
/// logged as an error with the entry number (never personal data) and no head is recorded.
/// </summary>
public sealed partial class AuditAnchoring(SiteServices site, ILogger<AuditAnchoring> log) : BackgroundService
{
    /// <summary>How often the head is recorded while the site runs.</summary>
    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    /// <summary>
    /// The anchor file this site writes. A named node (<c>Doorstroom:NodeName</c>) gets its own default file
    /// (<c>….NODE.anchors</c>): two nodes appending heads to one file would write them out of order, which the check reads
    /// as an edited file (decision 0022).
    /// </summary>
    public string File =>
        site.Options.AuditAnchorFile is { Length: > 0 } file
            ? Path.GetFullPath(file)
            : ForNode(AuditAnchors.DefaultPath(site.Database, site.Options.AuditAnchorFolder), site.Options.NodeName);

    private static string ForNode(string path, string? node) =>
        string.IsNullOrEmpty(node) || !path.EndsWith(AuditAnchors.Suffix, StringComparison.Ordinal)
            ? path
            : string.Concat(path.AsSpan(0, path.Length - AuditAnchors.Suffix.Length), ".", node, AuditAnchors.Suffix);

    /// <summary>One round: verify against the file and record the head; what it found.</summary>
    public AuditCheck Anchor()
    {
        var (check, recorded) = AuditAnchors.Check(site.Database, File, site.Clock.GetUtcNow());
        if (!check.Intact)
            Broken(log, check.BrokenAt, check.Problem);
        else if (recorded)
            Recorded(log, check.Entries);
        return check;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Off the start-up path: a long log takes a while to walk.
        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Anchor();
            }
            catch (Exception problem) when (problem is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
            {
                Failed(log, problem.Message);
            }
            try
            {
                await Task.Delay(Every, site.Clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit log check failed at entry {Entry}: {Problem}")]
    private static partial void Broken(ILogger log, long? entry, string? problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Audit log head {Seq} recorded outside the store")]
    private static partial void Recorded(ILogger log, long seq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit log head could not be recorded: {Message}")]
    private static partial void Failed(ILogger log, string message);
}
