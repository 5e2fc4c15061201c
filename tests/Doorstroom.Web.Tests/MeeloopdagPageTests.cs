using System.Net;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The meeloopdag pages against the demo data: the intake's publish form with its Dutch errors, scope (another institution's
/// intake neither sees nor changes a day; a decaan signs up only a pupil of the school), names only for the day's own mbo, and a
/// pupil who signs up for a full day waits.
/// </summary>
public sealed class MeeloopdagPageTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static string Key(int n) => DemoData.PupilKey(SiteFactory.Today, n);

    private static async Task<HttpResponseMessage> Post(HttpClient client, string page, string handler, Dictionary<string, string> fields)
    {
        var form = await client.GetStringAsync("/account/inloggen", Cancel);
        fields["__RequestVerificationToken"] = SiteFactory.Token(form);
        using var content = new FormUrlEncodedContent(fields);
        return await client.PostAsync($"{page}?handler={handler}", content, Cancel);
    }

    private async Task<HttpClient> Pupil(int n)
    {
        var username = $"meeloop-leerling-{n}";
        if (Accounts.Find(site.Site.Database, username) is null)
        {
            var accounts = site.Services.GetRequiredService<AccountService>();
            Accounts.Save(
                site.Site.Database,
                new UserAccount(username, accounts.Hash(DemoData.Password), Roles.Leerling, null, Key(n), "Leerling voor de meeloopdagtest", Demo: true)
            );
        }
        return await site.SignedIn(username);
    }

    private int Crebo => MeeloopdagStore.Day(site.Site.Database, DemoData.MeeloopdagId(1))!.Day.Crebo;

    [Fact]
    public async Task Publishing_with_wrong_fields_gives_a_Dutch_error_per_field_and_stores_nothing()
    {
        using var intake = await site.SignedIn("intake");
        var before = MeeloopdagStore.Days(site.Site.Database, new MeeloopFilter(WithCancelled: true)).Length;

        using var response = await Post(
            intake,
            "/intake/meeloopdagen",
            "publiceren",
            new()
            {
                ["Locatie"] = DemoData.Places(site.Site.Database).OtherMboLocation,
                ["Crebo"] = "12",
                ["Datum"] = "morgen",
                ["Plaatsen"] = "0",
            }
        );

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Kies een locatie van uw instelling.", html, StringComparison.Ordinal);
        Assert.Contains("Geef het crebo van de opleiding: vijf cijfers.", html, StringComparison.Ordinal);
        Assert.Contains("Geef een datum als jjjj-mm-dd.", html, StringComparison.Ordinal);
        Assert.Contains("Geef het aantal plaatsen: 1 tot en met 500.", html, StringComparison.Ordinal);
        Assert.Equal(before, MeeloopdagStore.Days(site.Site.Database, new MeeloopFilter(WithCancelled: true)).Length);
    }

    [Fact]
    public async Task The_intake_publishes_a_day_at_its_own_location()
    {
        using var intake = await site.SignedIn("intake");
        var location = DemoData.Places(site.Site.Database).MboLocations[0];

        using var response = await Post(
            intake,
            "/intake/meeloopdagen",
            "publiceren",
            new()
            {
                ["Locatie"] = location,
                ["Crebo"] = Crebo.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Datum"] = "2027-01-19",
                ["Plaatsen"] = "7",
                ["Tijd"] = "8.30–12.00",
            }
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(MeeloopdagStore.Days(site.Site.Database, new MeeloopFilter([location])), d =>
            d.Day.On == new DateOnly(2027, 1, 19) && d.Day.Places == 7 && d.Day.Time == "8.30–12.00"
        );
    }

    [Fact]
    public async Task Another_institutions_intake_neither_sees_nor_changes_the_days()
    {
        using var other = await site.SignedIn("intake2");
        var list = await other.GetStringAsync("/intake/meeloopdagen", Cancel);
        Assert.DoesNotContain(DemoData.MeeloopdagId(1), list, StringComparison.Ordinal);
        Assert.Contains(DemoData.MeeloopdagId(4), list, StringComparison.Ordinal);

        using var shown = await other.GetAsync("/intake/meeloopdagen?dag=" + DemoData.MeeloopdagId(2), Cancel);
        using var cancelled = await Post(other, "/intake/meeloopdagen", "annuleren", new() { ["dag"] = DemoData.MeeloopdagId(1) });
        using var attended = await Post(
            other,
            "/intake/meeloopdagen",
            "aanwezigheid",
            new()
            {
                ["dag"] = DemoData.MeeloopdagId(3),
                ["leerling"] = Key(4),
                ["gekomen"] = "false",
            }
        );

        Assert.Equal(HttpStatusCode.NotFound, shown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, cancelled.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, attended.StatusCode);
        Assert.False(MeeloopdagStore.Day(site.Site.Database, DemoData.MeeloopdagId(1))!.Day.Cancelled);
        Assert.DoesNotContain(new EventStore(site.Site.Database).Stream(Key(4)), e => e.Kind == EventKind.MeeloopdagNietVerschenen);
    }

    [Fact]
    public async Task The_days_own_intake_sees_the_names_and_the_waiting_list_but_the_zorgcoordinator_not_the_page()
    {
        using var intake = await site.SignedIn("intake");
        var html = WebUtility.HtmlDecode(await intake.GetStringAsync("/intake/meeloopdagen?dag=" + DemoData.MeeloopdagId(2), Cancel));
        var first = PupilRegister.Personal(site.Site.Database, Key(6))!;
        Assert.Contains($"{first.GivenName} {first.FamilyName}", html, StringComparison.Ordinal);
        Assert.Contains("op de wachtlijst (plaats 1)", html, StringComparison.Ordinal);

        using var zorg = await site.SignedIn("zorg");
        using var refused = await zorg.GetAsync("/intake/meeloopdagen", Cancel);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_decaan_signs_up_a_pupil_of_the_school_but_not_one_of_another_school()
    {
        using var decaan = await site.SignedIn("decaan");
        using var page = await decaan.GetAsync($"/leerlingen/{Key(11)}/meeloopdagen", Cancel);
        using var other = await Post(decaan, $"/leerlingen/{Key(11)}/meeloopdagen", "aanmelden", new() { ["dag"] = DemoData.MeeloopdagId(4) });
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.DoesNotContain(new EventStore(site.Site.Database).Stream(Key(11)), e => Loopbaan.IsMeeloopdag(e.Kind));

        using var own = await Post(decaan, $"/leerlingen/{Key(9)}/meeloopdagen", "aanmelden", new() { ["dag"] = DemoData.MeeloopdagId(4) });
        Assert.Equal(HttpStatusCode.Redirect, own.StatusCode);
        Assert.Contains(new EventStore(site.Site.Database).Stream(Key(9)), e =>
            e.Kind == EventKind.MeeloopdagAangemeld && e.Detail == DemoData.MeeloopdagId(4)
        );
    }

    [Fact]
    public async Task A_pupil_sees_the_days_and_waits_for_a_full_one()
    {
        using var pupil = await Pupil(5);
        var before = WebUtility.HtmlDecode(await pupil.GetStringAsync("/meeloopdagen", Cancel));
        Assert.Contains("aangemeld", before, StringComparison.Ordinal);
        Assert.Contains("Op de wachtlijst", before, StringComparison.Ordinal);

        using var response = await Post(pupil, "/meeloopdagen", "aanmelden", new() { ["dag"] = DemoData.MeeloopdagId(2) });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var after = WebUtility.HtmlDecode(await pupil.GetStringAsync("/meeloopdagen", Cancel));
        Assert.Matches("De dag is vol: je staat op de wachtlijst \\(plaats [0-9]+\\)", after);
        var mine = MeeloopdagStore.OfPupil(site.Site.Database, Key(5)).Single(m => m.Day.Day.Id == DemoData.MeeloopdagId(2));
        Assert.Equal(MeeloopStatus.Wachtlijst, mine.SignUp.Status);
    }
}
