using Doorstroom.Storage;
using Microsoft.Extensions.DependencyInjection;

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
}
