using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting.Internal;

namespace Doorstroom.Web.Tests;

/// <summary>
/// The accessibility statement (/toegankelijkheid, decision 0025): in the model's parts, linked from every page's footer,
/// the operator's name and contact from settings, and honest words when they are not set.
/// </summary>
public sealed class StatementPageTests(SiteFactory site)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_statement_has_the_parts_of_the_Dutch_model_and_says_no_manual_audit_was_done()
    {
        using var client = site.Anonymous();
        using var response = await client.GetAsync("/toegankelijkheid", Cancel);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancel));
        foreach (
            var part in new[]
            {
                "<h2>Organisatie</h2>",
                "<h2>Status: C, eerste maatregelen " + "genomen</h2>",
                "<h2>Onderzoek</h2>",
                "<h2>Bekende problemen</h2>",
                "<h2>Contact en feedback</h2>",
                "<h2>Handhavingsprocedure</h2>",
                "https://www.nationaleombudsman.nl/",
                "WCAG 2.1",
                "axe-core",
                "1280 × 800",
                "390 × 844",
                "geen handmatig onderzoek",
                "3 december 2026",
            }
        )
            Assert.Contains(part, html, StringComparison.Ordinal);
        // Not configured (the test site sets nothing): the page says so rather than inventing an organisation.
        Assert.Contains("Nog niet ingevuld", html, StringComparison.Ordinal);
        Assert.Contains("nog geen contactadres ingesteld", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("decaan")]
    [InlineData("leerling")]
    [InlineData("beheer")]
    public async Task Every_page_links_to_the_statement_in_its_footer(string? account)
    {
        using var client = account is null ? site.Anonymous() : await site.SignedIn(account);
        foreach (var path in new[] { "/", "/planner", "/account/inloggen", "/bestaat-niet" })
        {
            var html = await (await client.GetAsync(path, Cancel)).Content.ReadAsStringAsync(Cancel);
            var footer = html[html.IndexOf("<footer", StringComparison.Ordinal)..];
            Assert.Contains("<a href=\"/toegankelijkheid\">Toegankelijkheid</a>", footer, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_operator_name_and_contact_come_from_the_settings()
    {
        var statement = site.Services.GetRequiredService<SiteOptions>().Toegankelijkheid;
        try
        {
            statement.Organisatie = "Samenwerkingsverband VO-MBO Testregio";
            statement.Email = "toegankelijkheid@testregio.example";
            statement.ContactUrl = "https://testregio.example/contact";
            statement.Reactietermijn = "binnen 5 werkdagen";
            using var client = site.Anonymous();
            var html = WebUtility.HtmlDecode(await client.GetStringAsync("/toegankelijkheid", Cancel));
            Assert.Contains("<dd>Samenwerkingsverband VO-MBO Testregio</dd>", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"mailto:toegankelijkheid@testregio.example\">", html, StringComparison.Ordinal);
            Assert.Contains("<a href=\"https://testregio.example/contact\">", html, StringComparison.Ordinal);
            Assert.Contains("Je krijgt binnen 5 werkdagen een antwoord.", html, StringComparison.Ordinal);
            Assert.DoesNotContain("Nog niet ingevuld", html, StringComparison.Ordinal);
        }
        finally
        {
            statement.Organisatie = statement.Email = statement.ContactUrl = statement.Reactietermijn = null;
        }
    }

    [Theory]
    [InlineData("Doorstroom:Toegankelijkheid:Email", "geen adres")]
    [InlineData("Doorstroom:Toegankelijkheid:Email", "iemand@localhost")]
    [InlineData("Doorstroom:Toegankelijkheid:ContactUrl", "javascript:alert(1)")]
    [InlineData("Doorstroom:Toegankelijkheid:ContactUrl", "/contact")]
    public void A_contact_setting_that_is_not_an_address_is_refused_at_startup_in_one_line(string setting, string value)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?> { ["Doorstroom:Database"] = Path.Combine(Path.GetTempPath(), "doorstroom-statement.db"), [setting] = value }
            )
            .Build();
        var (settings, problems) = StartupChecks.Read(configuration, new HostingEnvironment { EnvironmentName = "Development" });
        Assert.Null(settings);
        var problem = Assert.Single(problems);
        Assert.Equal(setting, problem.Setting);
        Assert.Contains($"'{value}'", problem.Line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.Line);
    }

    [Fact]
    public void The_statement_settings_are_read_from_the_Toegankelijkheid_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(
                new Dictionary<string, string?>
                {
                    ["Doorstroom:Database"] = Path.Combine(Path.GetTempPath(), "doorstroom-statement.db"),
                    ["Doorstroom:Toegankelijkheid:Organisatie"] = "Gemeente Voorbeeld",
                    ["Doorstroom:Toegankelijkheid:Email"] = "digitoegankelijk@voorbeeld.nl",
                }
            )
            .Build();
        var (settings, problems) = StartupChecks.Read(configuration, new HostingEnvironment { EnvironmentName = "Development" });
        Assert.True(problems.IsEmpty, string.Join("; ", problems.Select(p => p.Line)));
        Assert.Equal("Gemeente Voorbeeld", settings!.Options.Toegankelijkheid.Organisatie);
        Assert.Equal("digitoegankelijk@voorbeeld.nl", settings.Options.Toegankelijkheid.Email);
    }
}
