using System.Collections.Immutable;

namespace Doorstroom.Web;

/// <summary>A setting the site does not start with: the setting, and one line saying what is wrong and what to do.</summary>
public sealed record StartupProblem(string Setting, string Line);

/// <summary>The settings the host is built from, once every check passed.</summary>
public sealed record StartupSettings(SiteOptions Options, SignInLimits SignIn, KeySettings Keys, SchoolProviders Schools);

/// <summary>
/// Every setting the site needs, read and checked in one place before anything starts or touches the store (decision
/// 0023): the store setting, demo mode, the keys and the issuer, the proxies, the sign-in limits. A refusal is a value;
/// Program.cs prints each as one line on stderr and exits <see cref="BadSetting"/>, without a stack trace.
/// </summary>
public static class StartupChecks
{
    /// <summary>The exit code of a setting the site refuses (the command line's "bad input").</summary>
    public const int BadSetting = 2;

    /// <summary>The exit code of a store that cannot be opened or migrated (the command line's "the store failed").</summary>
    public const int StoreFailed = 3;

    /// <summary>The environment besides Development where demo mode may run: a public demo site, the API benchmark.</summary>
    public const string DemoEnvironment = "Demo";

    public const string DatabaseSetting = "Doorstroom:Database";
    public const string DemoSetting = "Doorstroom:Demo";
    public const string CatalogueSetting = "Doorstroom:Catalogue";
    public const string SessionCheckSetting = "Doorstroom:SessionCheckSeconds";

    /// <summary>The checked settings, or null with the problems (at least one).</summary>
    public static (StartupSettings? Settings, ImmutableArray<StartupProblem> Problems) Read(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var problems = new List<StartupProblem>();
        var options = Bind(configuration, problems);
        var signIn = Bind(SignInLimits.Section, () => SignInLimits.From(configuration), problems) ?? new SignInLimits();
        CheckDatabase(options.Database, problems);
        if (options.Demo && !environment.IsDevelopment() && !environment.IsEnvironment(DemoEnvironment))
            problems.Add(
                new(
                    DemoSetting,
                    $"{DemoSetting} is true in the {environment.EnvironmentName} environment: demo accounts (password "
                        + $"'{DemoData.Password}') are refused there; "
                        + $"remove the setting (or set it to false), or run a demo site with ASPNETCORE_ENVIRONMENT={DemoEnvironment}"
                )
            );
        if (options.Catalogue is { Length: > 0 } catalogue && !Directory.Exists(catalogue))
            problems.Add(
                new(
                    CatalogueSetting,
                    $"{CatalogueSetting}: the catalogue folder '{catalogue}' does not exist; name a version folder such as "
                        + $"catalogue/2026.1, or remove the setting"
                )
            );
        if (options.SessionCheckSeconds < 0)
            problems.Add(
                new(
                    SessionCheckSetting,
                    $"{SessionCheckSetting}: expected a whole number of seconds, 0 or more (found " + $"{options.SessionCheckSeconds}); 60 is the default"
                )
            );
        if (Domain.MonthDay.Parse(options.Signalen.NietAangemeldVanaf).Problem is { } warnFrom)
            problems.Add(new(SignalOptions.NotAppliedFromSetting, $"{SignalOptions.NotAppliedFromSetting}: {warnFrom}; 02-01 is the default"));
        if (Domain.MonthDay.Parse(options.Signalen.KeuzeUiterlijk).Problem is { } choiceDay)
            problems.Add(new(SignalOptions.ChoiceDaySetting, $"{SignalOptions.ChoiceDaySetting}: {choiceDay}; 02-01 is the default"));
        if (Domain.MonthDay.Parse(options.Signalen.LobUiterlijk).Problem is { } lobDay)
            problems.Add(new(SignalOptions.LobDaySetting, $"{SignalOptions.LobDaySetting}: {lobDay}; 02-01 is the default"));
        if (options.NodeName is { Length: > 0 } node && Nodes.Problem(node) is { } badNode)
            problems.Add(new(Nodes.NameSetting, badNode));
        if (Hardening.Proxies(configuration).Problem is { } proxies)
            problems.Add(proxies);
        problems.AddRange(options.Toegankelijkheid.Problems());
        var keys = Keys.Read(configuration, environment.IsDevelopment(), problems);
        var schools = Bind(SchoolSignIn.Section, () => SchoolSignIn.Read(configuration, environment.IsDevelopment()), problems);
        return problems.Count == 0 ? (new StartupSettings(options, signIn, keys, schools!), []) : (null, [.. problems]);
    }

    /// <summary>
    /// The <c>Doorstroom</c> section, with <c>$DOORSTROOM_DB</c> as the store when the setting is left at its default
    /// (as the command line does).
    /// </summary>
    private static SiteOptions Bind(IConfiguration configuration, List<StartupProblem> problems)
    {
        var options = Bind("Doorstroom", () => configuration.GetSection("Doorstroom").Get<SiteOptions>(), problems) ?? new SiteOptions();
        if (
            Environment.GetEnvironmentVariable(Storage.Database.Variable) is { Length: > 0 } fromEnvironment
            && configuration[DatabaseSetting] is null or Storage.Database.DefaultFile
        )
            options.Database = fromEnvironment;
        return options;
    }

    /// <summary>A section bound, or the binder's own one-line complaint (it names the key and the type it expected).</summary>
    private static T? Bind<T>(string section, Func<T?> bind, List<StartupProblem> problems)
        where T : class
    {
        try
        {
            return bind();
        }
        catch (InvalidOperationException e)
        {
            var line = string.Join(
                " ",
                (e.InnerException is { } inner ? e.Message + " " + inner.Message : e.Message).Split('\n', StringSplitOptions.TrimEntries)
            );
            problems.Add(new(section, $"{line.TrimEnd('.')}; correct the setting"));
            return null;
        }
    }

    /// <summary>A PostgreSQL connection string Npgsql takes, or a SQLite file in a folder that exists. Reaching the store is not checked here.</summary>
    private static void CheckDatabase(string target, List<StartupProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            problems.Add(
                new(
                    DatabaseSetting,
                    $"{DatabaseSetting} is empty; name a SQLite file or a PostgreSQL connection string " + $"(Host=…;Database=…;Username=…;Password=…)"
                )
            );
            return;
        }
        if (Storage.Database.IsPostgres(target))
        {
            try
            {
                Storage.Database.Open(target).Dispose();
            }
            catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
            {
                // The message names the keyword, never the value: a connection string holds a password.
                problems.Add(
                    new(
                        DatabaseSetting,
                        $"{DatabaseSetting} is not a PostgreSQL connection string Npgsql accepts ({e.GetType().Name}: "
                            + $"{FirstLine(e.Message)}); "
                            + "write it as Host=…;Database=…;Username=…;Password=… or postgresql://user:password@host/database"
                    )
                );
            }
            return;
        }
        var path = Path.GetFullPath(target);
        if (Directory.Exists(path))
            problems.Add(
                new(
                    DatabaseSetting,
                    $"{DatabaseSetting}: '{path}' is a folder; name the SQLite file in it (e.g. " + $"{Path.Combine(path, Storage.Database.DefaultFile)})"
                )
            );
        else if (Path.GetDirectoryName(path) is { } folder && !Directory.Exists(folder))
            problems.Add(new(DatabaseSetting, $"{DatabaseSetting}: the folder '{folder}' of the SQLite file does not exist; create it or name another file"));
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim().TrimEnd('.');
}
