using Microsoft.Extensions.Configuration;

namespace Doorstroom.Web.Tests;

/// <summary>School providers from the settings (decision 0021): read as written, and a bad setting stops the start naming its key.</summary>
public sealed class SchoolSignInSettingsTests
{
    private const string Key = SchoolSignIn.Section + ":entree";

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private static readonly (string, string)[] Good =
    [
        ($"{Key}:DisplayName", "Entree Federatie"),
        ($"{Key}:Authority", "https://login.entree.example/"),
        ($"{Key}:ClientId", "doorstroom"),
        ($"{Key}:ClientSecret", "geheim"),
        ($"{Key}:Scopes", "openid email profile"),
        ($"{Key}:LinkClaim", "eduPersonPrincipalName"),
    ];

    [Fact]
    public void A_provider_is_read_with_openid_always_asked_and_https_metadata_required_by_default()
    {
        var provider = Assert.Single(SchoolSignIn.Read(Settings(Good), development: false).All);
        Assert.Equal(
            ("entree", "Entree Federatie", "oidc-entree", "/account/oidc/entree/terug"),
            (provider.Id, provider.DisplayName, provider.Scheme, provider.CallbackPath)
        );
        Assert.Equal(["openid", "email", "profile"], provider.Scopes);
        Assert.Equal(
            ("doorstroom", "geheim", "eduPersonPrincipalName", true),
            (provider.ClientId, provider.ClientSecret, provider.LinkClaim, provider.RequireHttpsMetadata)
        );
        Assert.Equal("https://login.entree.example", SchoolSignIn.Read(Settings(Good), development: false).FormActionSources);
    }

    [Fact]
    public void No_providers_means_no_school_sign_in()
    {
        var none = SchoolSignIn.Read(Settings(), development: false);
        Assert.Empty(none.All);
        Assert.Null(none.Find("entree"));
    }

    public static TheoryData<string, string, string> BadSettings { get; } =
        new()
        {
            { $"{Key}:Authority", "", $"{Key}:Authority" },
            { $"{Key}:Authority", "login.entree.example", $"{Key}:Authority" },
            { $"{Key}:Authority", "http://login.entree.example/", $"{Key}:Authority" },
            { $"{Key}:ClientId", "", $"{Key}:ClientId" },
            { $"{Key}:RequireHttpsMetadata", "false", $"{Key}:RequireHttpsMetadata" },
            { $"{SchoolSignIn.Section}:Entree Federatie:ClientId", "x", "'Entree Federatie' is not a provider id" },
        };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void A_bad_provider_setting_stops_the_start_naming_the_key(string key, string value, string named)
    {
        var settings = Settings([.. Good.Where(s => s.Item1 != key), (key, value)]);
        var refused = Assert.Throws<InvalidOperationException>(() => SchoolSignIn.Read(settings, development: false));
        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_provider_over_http_is_allowed_only_in_development_with_https_metadata_off()
    {
        var settings = Settings([
            .. Good.Where(s => s.Item1 != $"{Key}:Authority"),
            ($"{Key}:Authority", "http://127.0.0.1:9000"),
            ($"{Key}:RequireHttpsMetadata", "false"),
        ]);
        Assert.False(Assert.Single(SchoolSignIn.Read(settings, development: true).All).RequireHttpsMetadata);
        Assert.Throws<InvalidOperationException>(() => SchoolSignIn.Read(settings, development: false));
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/leerlingen?x=1", true)]
    [InlineData("//evil.example/", false)]
    [InlineData("/\\evil.example/", false)]
    [InlineData("https://evil.example/", false)]
    [InlineData("/a\r\nSet-Cookie: x=1", false)]
    [InlineData("", false)]
    public void After_a_school_sign_in_the_browser_goes_only_to_a_path_on_this_site(string url, bool local) => Assert.Equal(local, SchoolSignIn.IsLocal(url));
}
