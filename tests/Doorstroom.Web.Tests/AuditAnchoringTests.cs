using Doorstroom.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Doorstroom.Web.Tests;

/// <summary>The site records the audit head outside the store on start and then daily (issue 12, finding 9).</summary>
public sealed class AuditAnchoringTests(SiteFactory site)
{
    [Fact]
    public async Task The_site_records_the_audit_head_beside_its_store_on_start()
    {
        var anchoring = site.Services.GetRequiredService<AuditAnchoring>();
        Assert.Equal(site.DatabaseFile + AuditAnchors.Suffix, anchoring.File);
        for (var i = 0; i < 100 && AuditAnchors.Read(anchoring.File).Anchors.IsEmpty; i++)
            await Task.Delay(100, TestContext.Current.CancellationToken);
        var (anchors, problems) = AuditAnchors.Read(anchoring.File);
        Assert.Empty(problems);
        Assert.NotEmpty(anchors);

        // A later round (the daily one) checks the log against the file and records the grown head.
        AuditLog.Append(site.Site.Database, new AuditEntry(SiteFactory.Now, "test", Roles.Beheerder, null, null, "anker-test", null, null, "gedaan", null));
        var check = anchoring.Anchor();
        Assert.True(check.Intact, check.Problem);
        Assert.True(AuditAnchors.Read(anchoring.File).Anchors[^1].Seq >= check.Entries);
    }

    [Fact]
    public void Two_named_nodes_on_one_store_record_their_heads_in_different_files()
    {
        var folder = Path.Combine(Path.GetTempPath(), "doorstroom-anchors-" + Guid.NewGuid().ToString("n"));
        string File(string? node) =>
            new AuditAnchoring(
                new SiteServices(
                    new SiteOptions
                    {
                        Database = "Host=db.example;Port=5432;Database=doorstroom",
                        AuditAnchorFolder = folder,
                        NodeName = node,
                    },
                    TimeProvider.System
                ),
                NullLogger<AuditAnchoring>.Instance
            ).File;

        Assert.Equal(Path.Combine(folder, "audit-PostgreSQL_db.example_5432_doorstroom.anchors"), File(null));
        Assert.Equal(Path.Combine(folder, "audit-PostgreSQL_db.example_5432_doorstroom.web-1.anchors"), File("web-1"));
        Assert.NotEqual(File("web-1"), File("web-2"));
    }
}
