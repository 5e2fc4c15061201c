namespace Doorstroom.Web.Tests;

/// <summary>Demo accounts and API clients exist only for demo mode: on the same store, a site not in demo mode refuses them.</summary>
public sealed class DemoModeTests(SiteFactory site)
{
    private AccountService Accounts(bool demo) =>
        new(new SiteServices(new SiteOptions { Database = site.DatabaseFile, Demo = demo }, new TestClock(SiteFactory.Now)));

    [Fact]
    public void A_demo_account_signs_in_only_in_demo_mode()
    {
        Assert.NotNull(Accounts(demo: true).SignIn("decaan", DemoData.Password));
        Assert.Null(Accounts(demo: false).SignIn("decaan", DemoData.Password));
    }

    [Fact]
    public void A_demo_api_client_gets_no_token_outside_demo_mode()
    {
        Assert.NotNull(Accounts(demo: true).Client("demo-analist", DemoData.ClientSecret));
        Assert.Null(Accounts(demo: false).Client("demo-analist", DemoData.ClientSecret));
    }

    [Fact]
    public void A_stored_password_is_a_hash_never_the_password()
    {
        var account = Storage.Accounts.Find(site.Site.Database, "decaan");
        Assert.NotNull(account);
        Assert.DoesNotContain(DemoData.Password, account.PasswordHash, StringComparison.Ordinal);
        Assert.True(account.PasswordHash.Length > 40, "the stored hash is too short to be a PBKDF2 hash");
    }
}
