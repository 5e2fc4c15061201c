using System.Data.Common;
using Doorstroom.Storage;
using Doorstroom.Web;
using Doorstroom.Web.Api;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

var builder = WebApplication.CreateBuilder(args);

// Every setting is checked before anything starts or touches the store: a refusal is one line on stderr, exit 2 (decision 0023).
var (settings, problems) = StartupChecks.Read(builder.Configuration, builder.Environment);
if (settings is null)
{
    foreach (var problem in problems)
        Console.Error.WriteLine("doorstroom: " + problem.Line);
    return StartupChecks.BadSetting;
}
var options = settings.Options;
var development = builder.Environment.IsDevelopment();
var signInLimits = settings.SignIn;

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(signInLimits);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SignInLockout>();
builder.Services.AddSingleton<IPasswordHasher<string>, PasswordHasher<string>>();
builder.Services.AddSingleton<SessionStore>();
builder.Services.AddSingleton<SessionCheck>();
builder.Services.AddSingleton<SiteServices>();
builder.Services.AddSingleton<AccountService>();
builder.Services.AddSingleton<DossierService>();
builder.Services.AddSingleton<LoopbaanService>();
builder.Services.AddSingleton<ReadLog>();
builder.Services.AddSingleton<AuditAnchoring>();
builder.Services.AddHostedService(services => services.GetRequiredService<AuditAnchoring>());
builder.Services.AddSingleton<MonitorCache>();
builder.Services.AddSingleton<SignalMeasureCache>();
builder.Services.AddSingleton<MeeloopdagService>();
builder.Services.AddRazorPages(pages =>
{
    pages.Conventions.AuthorizeFolder("/Leerlingen", Policies.School);
    pages.Conventions.AuthorizeFolder("/Intake", Policies.Institution);
    pages.Conventions.AuthorizeFolder("/Monitor", Policies.Aggregates);
    pages.Conventions.AuthorizeFolder("/MijnTijdlijn", Policies.Pupil);
    pages.Conventions.AuthorizeFolder("/Dossier", Policies.SchoolDossier);
    pages.Conventions.AuthorizeFolder("/MijnDossier", Policies.OwnDossier);
    pages.Conventions.AuthorizeFolder("/MijnLoopbaan", Policies.OwnDossier);
    pages.Conventions.AuthorizeFolder("/Beheer", Policies.Admin);
    pages.Conventions.AllowAnonymousToFolder("/Account");
    pages.Conventions.AuthorizeFolder("/Meeloopdagen", Policies.Pupil);
});
builder.Services.AddRouting(routing => routing.LowercaseUrls = true);
builder.Services.AddProblemDetails();
builder
    .Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
    // School sign-in (decision 0021): one OpenID Connect scheme per Doorstroom:Oidc:Providers:<id>.
    .AddSchoolSignIn(settings.Schools, development)
    .AddCookie(cookie =>
    {
        cookie.LoginPath = "/account/inloggen";
        cookie.LogoutPath = "/account/uitloggen";
        cookie.AccessDeniedPath = "/account/geen-toegang";
        cookie.Cookie.Name = "doorstroom";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        // Outside Development the cookie travels over HTTPS only (behind a TLS proxy, X-Forwarded-Proto makes the request HTTPS).
        cookie.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
        cookie.SlidingExpiration = true;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
    });

// The session itself stays in the store (SessionStore): signing out ends it for every copy of the cookie, on every node;
// SessionCheck ends it when the account is disabled or its stamp changes.
builder
    .Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
    .Configure<SessionStore, SessionCheck>(
        (cookie, sessions, check) =>
        {
            cookie.SessionStore = sessions;
            cookie.Events.OnValidatePrincipal = check.ValidateAsync;
        }
    );
builder.Services.AddAntiforgery(antiforgery =>
{
    antiforgery.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    antiforgery.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationHandler, SideHandler>();
builder.Services.AddApi();
if (development)
    builder.Services.AllowTokensOverHttp();
builder.Services.AddSignInRateLimits(signInLimits);
builder.Services.AddForwardedHeaders(builder.Configuration);
builder.Services.AddExceptionHandler<Hardening.ApiFaults>();
builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
builder.Services.AddHttpsRedirectionPort(builder.Configuration);
builder.AddStoredKeys(settings.Keys);

var app = builder.Build();
var site = app.Services.GetRequiredService<SiteServices>();
try
{
    site.Database.Migrate();
    app.LoadKeyRing();
    if (options.Demo)
        DemoData.Ensure(site, app.Services.GetRequiredService<AccountService>(), Console.Out, app.Services.GetRequiredService<DossierService>());
}
catch (DbException e)
{
    // Unreachable, locked, not a store, damaged: one line naming the store (never its password) and what to do, exit 3.
    Console.Error.WriteLine("doorstroom: " + StoreFailure.Explain($"{StartupChecks.DatabaseSetting} ({site.Database.Description})", e));
    return StartupChecks.StoreFailed;
}

app.UseNodeName(options);
app.UseForwardedHeaders();
if (!development)
{
    app.UseServerFaults();
    app.UseHsts();
    // /health stays on http for a load balancer's probe; everything else moves to https.
    app.UseWhen(http => !http.Request.Path.StartsWithSegments("/health"), https => https.UseHttpsRedirection());
}
app.UseSecurityHeaders();
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseApiProblems();
app.UseStaticFiles();
app.UseRouting();
app.UsePageMethods();
app.UseSignInRateLimits();
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages();
app.MapApi();

// Liveness for load balancers and the API benchmark's baseline: no authentication, no store.
app.MapGet("/health", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
        Console.WriteLine($"Doorstroom draait op {url}  (store: {site.Database.Description})");
    if (options.Demo)
        DemoData.PrintAccounts(Console.Out);
});
try
{
    app.Run();
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"doorstroom: Urls: {e.Message.TrimEnd('.')}; stop the process that listens there or set Urls (--urls) to another address");
    return StartupChecks.BadSetting;
}
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
