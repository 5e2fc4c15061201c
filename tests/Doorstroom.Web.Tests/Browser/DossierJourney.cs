namespace Doorstroom.Web.Tests.Browser;

/// <summary>
/// The transfer dossier in a real browser: the mbo asks for a pupil's care data, the pupil (16) consents, the mbo reads,
/// the pupil withdraws, the next read is refused, and the pupil's audit trail shows all of it.
/// </summary>
[Collection(BrowserJourneys.Name)]
public sealed class DossierJourney(BrowserSite site)
{
    private const string Pupil = "DEMO-2027-03";
    private const string Care = "Zorg en ondersteuning";

    [Fact]
    public async Task Care_data_is_read_only_while_the_pupil_of_16_consents_and_every_step_is_in_her_audit_trail()
    {
        Chromium.Require();
        var intake = await SitePage.OpenAsync(site, "/account/inloggen");
        await intake.SignInAsync("intake");
        var mbo = new MboDossierPage(intake);
        await mbo.OpenAsync();
        await intake.ShootAsync("dossierverzoeken-leeg");
        await mbo.RequestAsync(Pupil, "Begeleiding in het eerste jaar afstemmen", Care);
        Assert.Contains("Het verzoek is vastgelegd.", await intake.MainTextAsync(), StringComparison.Ordinal);
        await intake.ShootAsync("dossierverzoeken-verzocht");

        var pupil = await SitePage.OpenAsync(site, "/account/inloggen");
        await pupil.SignInAsync("leerling16");
        var own = new OwnDossierPage(pupil);
        await own.OpenAsync();
        var ownText = await pupil.MainTextAsync();
        Assert.Contains("Begeleiding in het eerste jaar afstemmen", ownText, StringComparison.Ordinal);
        Assert.Contains("faalangst", ownText, StringComparison.Ordinal);
        await pupil.ShootAsync("mijn-dossier-verzoek");
        await own.ConsentAsync(Care, give: true);
        Assert.Contains("toestemming gegeven", await own.MessageAsync(), StringComparison.Ordinal);
        await pupil.ShootAsync("mijn-dossier-toestemming");

        await mbo.ReadAsync(Care, Pupil);
        var read = await intake.MainTextAsync();
        Assert.Contains("Toegestaan (regel P5)", read, StringComparison.Ordinal);
        Assert.Contains("begeleiding gehad bij faalangst", read, StringComparison.Ordinal);
        await intake.ShootAsync("dossier-lezen");

        await own.OpenAsync();
        await own.ConsentAsync(Care, give: false);
        Assert.Contains("toestemming ingetrokken", await own.MessageAsync(), StringComparison.Ordinal);
        await pupil.ShootAsync("mijn-dossier-ingetrokken");

        await mbo.ReadAsync(Care, Pupil);
        var refused = await intake.MainTextAsync();
        Assert.Contains("Lezen geweigerd (regel P5): De toestemming is ingetrokken", refused, StringComparison.Ordinal);
        Assert.DoesNotContain("faalangst", refused, StringComparison.Ordinal);
        await intake.ShootAsync("dossier-lezen-geweigerd");

        var audit = await own.AuditAsync();
        await pupil.ShootAsync("mijn-dossier-logboek-journey");
        // Other journeys on the same site read this pupil's other categories too: the rows are found by their care category.
        int At(string what, params string[] also) =>
            audit.ToList().FindIndex(r => r.Contains(what, StringComparison.Ordinal) && also.All(a => r.Contains(a, StringComparison.Ordinal)));
        var request = At("verzoek", "Begeleiding in het eerste jaar afstemmen");
        var firstRead = At("gelezen", Care, "gedaan");
        var given = At("toestemming gegeven", Care, "gedaan");
        var withdrawn = At("toestemming ingetrokken", Care, "gedaan");
        var refusedRead = At("lezen geweigerd", Care, "geweigerd"); // a refused read is never called "gelezen"
        Assert.True(
            request >= 0 && given > request && firstRead > given && withdrawn > firstRead && refusedRead > withdrawn,
            $"the audit trail does not show request, consent, read, withdrawal and refused read in order: {string.Join(" | ", audit)}"
        );
        Assert.Contains("Intake mbo", audit[firstRead], StringComparison.Ordinal);
        Assert.Contains(Care, audit[refusedRead], StringComparison.Ordinal);
        Assert.Contains("P5", audit[refusedRead], StringComparison.Ordinal);
        Assert.True(intake.Errors.Count == 0, string.Join("; ", intake.Errors));
        Assert.True(pupil.Errors.Count == 0, string.Join("; ", pupil.Errors));
    }
}
