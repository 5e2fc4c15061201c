using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace Doorstroom.Web.Tests;

/// <summary>A self-signed PFX with its private key, as an operator makes one with openssl.</summary>
public static class TestPfx
{
    public static void Write(string path, string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Doorstroom keys (test)", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, password));
    }
}

/// <summary>
/// Decision 0023: demo mode is an explicit setting, refused outside Development and the Demo environment; a setting the
/// site cannot start with is one line on stderr and exit 2 (an unreachable store: exit 3), never a stack trace, and the
/// store is not touched.
/// </summary>
public sealed class StartupCheckTests : IDisposable
{
    private const string PfxPassword = "pfx-wachtwoord";
    private readonly string folder = Directory.CreateTempSubdirectory("doorstroom-startup-").FullName;

    private static (StartupSettings? Settings, IReadOnlyList<StartupProblem> Problems) Check(string environment, Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var (read, problems) = StartupChecks.Read(configuration, new HostingEnvironment { EnvironmentName = environment });
        return (read, problems);
    }

    private Dictionary<string, string?> Deployable(params (string Key, string? Value)[] extra)
    {
        var pfx = Path.Combine(folder, "keys.pfx");
        if (!File.Exists(pfx))
            TestPfx.Write(pfx, PfxPassword);
        var settings = new Dictionary<string, string?>
        {
            ["Doorstroom:Database"] = Path.Combine(folder, "doorstroom.db"),
            ["Doorstroom:Keys:Certificate"] = pfx,
            ["Doorstroom:Keys:CertificatePassword"] = PfxPassword,
            ["Doorstroom:Issuer"] = "https://doorstroom.example.nl/",
        };
        foreach (var (key, value) in extra)
            settings[key] = value;
        return settings;
    }

    [Theory]
    [InlineData("Development", true)]
    [InlineData("Demo", true)]
    [InlineData("Production", false)]
    [InlineData("Staging", false)]
    public void Demo_mode_runs_only_in_Development_and_the_Demo_environment(string environment, bool allowed)
    {
        var (settings, problems) = Check(environment, Deployable(("Doorstroom:Demo", "true")));
        Assert.Equal(allowed, settings is not null);
        Assert.Equal(allowed ? [] : ["Doorstroom:Demo"], problems.Select(p => p.Setting));
        if (settings is not null)
            Assert.True(settings.Options.Demo);
    }

    [Fact]
    public void A_negative_session_check_interval_is_refused_naming_the_setting()
    {
        var (settings, problems) = Check("Production", Deployable(("Doorstroom:SessionCheckSeconds", "-1")));
        Assert.Null(settings);
        Assert.Equal(["Doorstroom:SessionCheckSeconds"], problems.Select(p => p.Setting));
        Assert.True(Check("Production", Deployable(("Doorstroom:SessionCheckSeconds", "0"))).Settings is not null);
    }

    [Fact]
    public void A_school_provider_without_an_https_authority_is_refused_in_one_line_naming_its_key()
    {
        var (settings, problems) = Check(
            "Production",
            Deployable(
                ("Doorstroom:Oidc:Providers:entree:Authority", "http://login.entree.example/"),
                ("Doorstroom:Oidc:Providers:entree:ClientId", "doorstroom")
            )
        );
        Assert.Null(settings);
        var problem = Assert.Single(problems);
        Assert.Contains("Doorstroom:Oidc:Providers:entree:Authority", problem.Line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.Line);
    }

    [Fact]
    public void A_warning_day_for_pupils_without_an_application_must_be_a_day_before_April()
    {
        var (settings, problems) = Check("Production", Deployable(("Doorstroom:Signalen:NietAangemeldVanaf", "04-15")));
        Assert.Null(settings);
        var problem = Assert.Single(problems);
        Assert.Equal("Doorstroom:Signalen:NietAangemeldVanaf", problem.Setting);
        Assert.StartsWith("Doorstroom:Signalen:NietAangemeldVanaf: ", problem.Line, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', problem.Line);
        Assert.Single(Check("Production", Deployable(("Doorstroom:Signalen:NietAangemeldVanaf", "februari"))).Problems);
        var set = Check("Production", Deployable(("Doorstroom:Signalen:NietAangemeldVanaf", "01-15"))).Settings;
        Assert.Equal("01-15", new SiteServices(set!.Options, TimeProvider.System).WarnFrom.ToString());
        Assert.Equal("02-01", Check("Production", Deployable()).Settings!.Options.Signalen.NietAangemeldVanaf);
    }

    [Fact]
    public void A_node_name_that_cannot_name_a_file_or_header_is_refused_naming_the_setting()
    {
        var (settings, problems) = Check("Production", Deployable(("Doorstroom:NodeName", "node 1/..")));
        Assert.Null(settings);
        Assert.Equal(["Doorstroom:NodeName"], problems.Select(p => p.Setting));
        Assert.NotNull(Check("Production", Deployable(("Doorstroom:NodeName", "web-1"))).Settings);
    }

    [Fact]
    public void Demo_mode_is_off_unless_set()
    {
        var (settings, _) = Check("Development", []);
        Assert.False(settings!.Options.Demo);
    }

    [Fact]
    public void The_development_launch_profile_turns_demo_mode_on_and_the_development_settings_do_not()
    {
        var root = Doorstroom.Catalogue.DataPaths.RepositoryRoot();
        Assert.SkipWhen(root is null, "repository root (Doorstroom.slnx) not found from the test folder");
        var web = Path.Combine(root!, "src", "Doorstroom.Web");
        using var profile = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(web, "Properties", "launchSettings.json")));
        var variables = profile.RootElement.GetProperty("profiles").GetProperty("Doorstroom.Web").GetProperty("environmentVariables");
        Assert.Equal("Development", variables.GetProperty("ASPNETCORE_ENVIRONMENT").GetString());
        Assert.Equal("true", variables.GetProperty("Doorstroom__Demo").GetString());
        var files = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(web, "appsettings.json"))
            .AddJsonFile(Path.Combine(web, "appsettings.Development.json"))
            .Build();
        Assert.False(Check("Development", files.AsEnumerable().ToDictionary()).Settings!.Options.Demo);
    }

    [Fact]
    public void A_deployable_production_configuration_passes_with_its_certificate_and_issuer()
    {
        var (settings, problems) = Check("Production", Deployable());
        Assert.Empty(problems);
        Assert.True(settings!.Keys.Certificate!.HasPrivateKey);
        Assert.Equal(new Uri("https://doorstroom.example.nl/"), settings.Keys.Issuer);
    }

    [Fact]
    public void Production_refuses_every_missing_setting_at_once_and_Development_needs_none()
    {
        var (settings, problems) = Check("Production", new() { ["Doorstroom:Proxies:0"] = "proxy.example.nl", ["Doorstroom:SignIn:MaxFailures"] = "0" });
        Assert.Null(settings);
        Assert.Equal(["Doorstroom:SignIn", "Doorstroom:Proxies", "Doorstroom:Keys:Certificate", "Doorstroom:Issuer"], problems.Select(p => p.Setting));
        Assert.All(problems, p => Assert.DoesNotContain('\n', p.Line));
        Assert.Empty(Check("Development", []).Problems);
        Assert.Empty(Check("Production", new() { ["Doorstroom:Keys:AllowUnprotected"] = "true", ["Doorstroom:Issuer"] = "https://d.example.nl/" }).Problems);
    }

    [Theory]
    [InlineData("doorstroom.example.nl")]
    [InlineData("/srv/doorstroom")]
    [InlineData("ftp://doorstroom.example.nl/")]
    public void An_issuer_must_be_an_absolute_http_address(string issuer)
    {
        var (settings, problems) = Check("Production", Deployable(("Doorstroom:Issuer", issuer)));
        Assert.Null(settings);
        Assert.Contains(issuer, Assert.Single(problems, p => p.Setting == "Doorstroom:Issuer").Line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_named_with_its_key()
    {
        var (_, problems) = Check("Development", new() { ["Doorstroom:Demo"] = "ja" });
        Assert.Contains("Doorstroom:Demo", Assert.Single(problems).Line, StringComparison.Ordinal);
    }

    /// <summary>The refusals an operator meets, each through a real process: exit code, one line naming the setting, no store written.</summary>
    public static TheoryData<string, string, string[], int> Refusals =>
        new()
        {
            { "no issuer", "Doorstroom:Issuer", ["--Doorstroom:Issuer", ""], 2 },
            { "no certificate", "Doorstroom:Keys:Certificate", ["--Doorstroom:Keys:Certificate", ""], 2 },
            { "a missing certificate file", "Doorstroom:Keys:Certificate", ["--Doorstroom:Keys:Certificate", "/nergens/keys.pfx"], 2 },
            { "a wrong certificate password", "Doorstroom:Keys:CertificatePassword", ["--Doorstroom:Keys:CertificatePassword", "fout"], 2 },
            { "demo mode in Production", "Doorstroom:Demo", ["--Doorstroom:Demo", "true"], 2 },
            { "a SQLite file in a missing folder", "Doorstroom:Database", ["--Doorstroom:Database", "/nergens/doorstroom.db"], 2 },
            {
                "a malformed PostgreSQL connection " + "string",
                "Doorstroom:Database",
                ["--Doorstroom:Database", "Host=127.0.0.1;Gebruiker=x;Password=geheim-wachtwoord"],
                2
            },
            {
                "an unreachable PostgreSQL server",
                "Doorstroom:Database",
                ["--Doorstroom:Database", $"Host=127.0.0.1;Port={WebProcess.FreePort()};Database=d;Username=u;Password=geheim-wachtwoord;Timeout=5"],
                3
            },
            { "a proxy that is not an address", "Doorstroom:Proxies", ["--Doorstroom:Proxies:0", "proxy.example.nl"], 2 },
        };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task A_refused_start_is_one_line_naming_the_setting_and_writes_no_store(string what, string setting, string[] arguments, int exitCode)
    {
        var store = Path.Combine(folder, "doorstroom.db");
        var settings = Arguments(new(Deployable().Where(s => !arguments.Contains("--" + s.Key))));
        var (exit, lines, output) = await Run(what, ["--urls", $"http://127.0.0.1:{WebProcess.FreePort()}", .. settings, .. arguments]);
        Assert.True(exitCode == exit, $"{what}: exit {exit}\n{output}\n{string.Join('\n', lines)}");
        var line = Assert.Single(lines);
        Assert.StartsWith("doorstroom: ", line, StringComparison.Ordinal);
        Assert.Contains(setting, line, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim-wachtwoord", line, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", output, StringComparison.Ordinal);
        Assert.False(File.Exists(store), $"{what}: the store was written");
    }

    [Fact]
    public async Task An_address_in_use_is_one_line_naming_Urls()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)taken.LocalEndpoint).Port}";
        var (exit, lines, _) = await Run("an address in use", ["--urls", url, .. Arguments(Deployable())]);
        Assert.Equal(2, exit);
        Assert.Contains("Urls", Assert.Single(lines), StringComparison.Ordinal);
    }

    private static IEnumerable<string> Arguments(Dictionary<string, string?> settings) => settings.SelectMany(s => new[] { "--" + s.Key, s.Value! });

    /// <summary>Starts the site in Production and waits (at most a minute) for it to refuse: its exit code, stderr lines, stdout.</summary>
    private async Task<(int Exit, string[] Errors, string Output)> Run(string what, IEnumerable<string> arguments)
    {
        using var process = Process.Start(WebProcess.StartInfo(folder, "Production", arguments))!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var errors = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{what}: the site started instead of refusing: {await output}");
        }
        var text = await errors;
        TestContext.Current.TestOutputHelper?.WriteLine($"{what}: exit {process.ExitCode}\n{text}");
        return (process.ExitCode, text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), await output);
    }

    public void Dispose()
    {
        TempFolder.Delete(folder);
    }
}
