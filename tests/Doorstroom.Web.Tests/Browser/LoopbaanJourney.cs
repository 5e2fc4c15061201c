namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// The loopbaandossier in a real browser (issue 16): a pupil records a meeloopdag with a reflection and finds it in the
/// dossier; an mbo intake asks for an applicant's loopbaandossier and reads what the school released.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class LoopbaanJourney(BrowserSite site)
{
    [Fact]
    public async Task A_pupil_records_a_meeloopdag_with_a_reflection_and_sees_it_in_the_loopbaandossier()
    {
        Chromium.Require();
        var pupil = await SitePage.OpenAsync(site, "/account/inloggen");
        await pupil.SignInAsync("leerling");
        var own = new OwnLoopbaanPage(pupil);
        await own.OpenAsync();
        await pupil.ShootAsync("mijn-loopbaan");
        const string reflection = "Meegelopen in de werkplaats: het lassen vond ik spannend, ik wil nog een dag in de bouw.";
        await own.AddActivityAsync("Meeloopdag", SiteFactory.Today.AddDays(-3), site.Places.MboLocations[0], reflection);
        Assert.Contains("Je activiteit staat in je loopbaandossier.", await own.MessageAsync(), StringComparison.Ordinal);
        var line = Assert.Single(await own.LinesAsync(), l => l.Contains(reflection, StringComparison.Ordinal));
        Assert.Contains("Meeloopdag", line, StringComparison.Ordinal);
        Assert.Contains("Niet vrijgegeven", line, StringComparison.Ordinal);
        await pupil.ShootAsync("mijn-loopbaan-meeloopdag");
        Assert.True(pupil.Errors.Count == 0, string.Join("; ", pupil.Errors));
    }

    [Fact]
    public async Task An_mbo_intake_reads_the_released_loopbaandossier_through_a_dossier_request()
    {
        Chromium.Require();
        const string Pupil = "DEMO-2027-03";
        var intake = await SitePage.OpenAsync(site, "/account/inloggen");
        await intake.SignInAsync("intake");
        var mbo = new MboDossierPage(intake);
        await mbo.OpenAsync();
        await mbo.RequestAsync(Pupil, "Het intakegesprek voorbereiden", "Loopbaan (LOB)");
        await mbo.ReadAsync("Loopbaan (LOB)", Pupil);
        var read = await intake.MainTextAsync();
        Assert.Contains("Toegestaan (regel P3)", read, StringComparison.Ordinal);
        Assert.Contains("de praktijklessen passen bij mij", read, StringComparison.Ordinal);
        Assert.Contains("Hoe zeker: Zeker", read, StringComparison.Ordinal);
        Assert.Contains("Opmerking van mentor of decaan", read, StringComparison.Ordinal);
        await intake.ShootAsync("dossier-lezen-loopbaan");
        Assert.True(intake.Errors.Count == 0, string.Join("; ", intake.Errors));
    }
}
