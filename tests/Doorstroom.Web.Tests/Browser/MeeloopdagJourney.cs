using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// Meeloopdagen in a real browser: the mbo publishes a day, the decaan takes one place for a pupil, two pupils go for the last
/// place (one gets it, the other waits), the mbo records who came, and the pupil sees "bijgewoond".
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class MeeloopdagJourney(BrowserSite site)
{
    [Fact]
    public async Task Two_pupils_go_for_the_last_place_one_waits_and_attendance_reaches_the_pupil()
    {
        Chromium.Require();
        var today = SiteFactory.Today;
        var date = DutchFormat.Date(today);
        var crebo = MeeloopdagStore.Day(site.Database, DemoData.MeeloopdagId(1))!.Day.Crebo;
        string Key(int n) => DemoData.PupilKey(today, n);
        var sanne = PupilRegister.Personal(site.Database, Key(1))!;
        var sanneName = $"{sanne.GivenName} {sanne.FamilyName}";

        var intake = await SitePage.OpenAsync(site, "/account/inloggen");
        await intake.SignInAsync("intake");
        var mbo = new IntakeMeeloopdagPage(intake);
        await mbo.OpenAsync();
        await mbo.PublishAsync(crebo, today, places: 2, time: "9.00–12.00");
        Assert.Contains($"De meeloopdag van {date} is gepubliceerd.", await intake.MainTextAsync(), StringComparison.Ordinal);
        await intake.ShootAsync("meeloopdagen-intake");

        var decaan = await SitePage.OpenAsync(site, "/account/inloggen");
        await decaan.SignInAsync("decaan");
        var forPupil = new PupilMeeloopdagPage(decaan);
        await forPupil.OpenAsync($"/leerlingen/{Key(5)}/meeloopdagen");
        await forPupil.SignUpAsync(date);
        Assert.Equal("De leerling is aangemeld.", await forPupil.MessageAsync());
        await decaan.ShootAsync("meeloopdagen-decaan");

        var first = await SitePage.OpenAsync(site, "/account/inloggen");
        await first.SignInAsync("leerling");
        var second = await SitePage.OpenAsync(site, "/account/inloggen");
        await second.SignInAsync("leerling16");
        var sannePage = new PupilMeeloopdagPage(first);
        var noorPage = new PupilMeeloopdagPage(second);
        await sannePage.OpenAsync();
        await noorPage.OpenAsync();
        // Both saw one place left; the first to press gets it, the second lands on the waiting list.
        await sannePage.SignUpAsync(date);
        await noorPage.SignUpAsync(date);
        Assert.Equal("Je bent aangemeld.", await sannePage.MessageAsync());
        Assert.Equal("De dag is vol: je staat op de wachtlijst (plaats 1).", await noorPage.MessageAsync());
        Assert.Equal("op de wachtlijst (plaats 1)", await noorPage.StatusAsync(date));
        await second.ShootAsync("meeloopdagen-wachtlijst");

        await mbo.OpenAsync();
        await mbo.OpenDayAsync(date);
        Assert.Equal("aangemeld", await mbo.StatusAsync(sanneName));
        await mbo.RecordAsync(sanneName, came: true);
        Assert.Equal("bijgewoond", await mbo.StatusAsync(sanneName));
        await intake.ShootAsync("meeloopdagen-aanwezigheid");

        await sannePage.OpenAsync();
        Assert.Equal("bijgewoond", await sannePage.StatusAsync(date));
        await first.ShootAsync("meeloopdagen-bijgewoond");
        Assert.Contains(new EventStore(site.Database).Stream(Key(1)), e =>
            e.Kind == EventKind.MeeloopdagBijgewoond && e.Institution is not null && e.Crebo == crebo
        );
        foreach (var page in new[] { intake, decaan, first, second })
            Assert.True(page.Errors.Count == 0, string.Join("; ", page.Errors));
    }
}
