using Doorstroom.Domain;
using Doorstroom.Storage;
using Doorstroom.Web.Pages.Dossier;

namespace Doorstroom.Web.Tests;

/// <summary>One voice (docs/voice.md): Dutch month abbreviations and an audit trail that says who read and whether it was allowed.</summary>
public sealed class VoiceTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static AuditEntry Entry(string role, string action, string outcome) => new(At, "demo", role, null, "P", action, null, null, outcome, null);

    [Fact]
    public void Short_dates_use_the_Dutch_month_abbreviations_without_a_full_stop()
    {
        string[] expected = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
        for (var month = 1; month <= 12; month++)
            Assert.Equal($"3 {expected[month - 1]} 2027", DutchFormat.ShortDate(new DateOnly(2027, month, 3)));
    }

    [Fact]
    public void A_refused_read_is_not_called_gelezen()
    {
        Assert.Equal("lezen geweigerd", DossierText.Action(Entry(Roles.Zorgcoordinator, "gelezen", "geweigerd")));
        Assert.Equal("gelezen", DossierText.Action(Entry(Roles.Zorgcoordinator, "gelezen", "gedaan")));
        Assert.Equal("inzien door ouder of verzorger geweigerd", DossierText.Action(Entry(Roles.Ouder, "ingezien door ouder", "geweigerd")));
    }

    [Fact]
    public void The_audit_trail_names_the_parent_who_read_not_the_pupil()
    {
        Assert.Equal("ingezien door ouder of verzorger", DossierText.Action(Entry(Roles.Ouder, "ingezien door leerling", "gedaan")));
        Assert.Equal("ingezien door leerling", DossierText.Action(Entry(Roles.Leerling, "ingezien door leerling", "gedaan")));
        Assert.Equal("ingezien door school", DossierText.Action(Entry(Roles.Decaan, "ingezien door school", "gedaan")));
    }
}
