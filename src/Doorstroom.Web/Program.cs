using Doorstroom.Storage;
using Doorstroom.Web;
using Doorstroom.Web.Api;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection("Doorstroom").Get<SiteOptions>() ?? new SiteOptions();
if (Environment.GetEnvironmentVariable(Database.Variable) is { Length: > 0 } fromEnvironment
    && builder.Configuration["Doorstroom:Database"] == Database.DefaultFile)
    options.Database = fromEnvironment;

var development = builder.Environment.IsDevelopment();
var signInLimits = SignInLimits.From(builder.Configuration);

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(signInLimits);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<SignInLockout>();
builder.Services.AddSingleton<IPasswordHasher<string>, PasswordHasher<string>>();
builder.Services.AddSingleton<SessionStore>();
builder.Services.AddSingleton<Site>();
builder.Services.AddSingleton<AccountService>();
builder.Services.AddSingleton<DossierService>();
builder.Services.AddSingleton<ReadLog>();
builder.Services.AddSingleton<AuditAnchoring>();
builder.Services.AddHostedService(services => services.GetRequiredService<AuditAnchoring>());
builder.Services.AddSingleton<MonitorCache>();
builder.Services.AddRazorPages(pages =>
{
    pages.Conventions.AuthorizeFolder("/Leerlingen", Policies.School);
    pages.Conventions.AuthorizeFolder("/Intake", Policies.Institution);
    pages.Conventions.AuthorizeFolder("/Monitor", Policies.Aggregates);
    pages.Conventions.AuthorizeFolder("/MijnTijdlijn", Policies.Pupil);
    pages.Conventions.AuthorizeFolder("/Dossier", Policies.SchoolDossier);
    pages.Conventions.AuthorizeFolder("/MijnDossier", Policies.OwnDossier);
    pages.Conventions.AllowAnonymousToFolder("/Account");
});
builder.Services.AddRouting(routing => routing.LowercaseUrls = true);
builder.Services.AddProblemDetails();
builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
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
// The session itself stays on the server (SessionStore): signing out ends it for every copy of the cookie.
builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
    .Configure<SessionStore>((cookie, sessions) => cookie.SessionStore = sessions);
builder.Services.AddAntiforgery(antiforgery =>
{
    antiforgery.Cookie.SecurePolicy = development ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
    antiforgery.Cookie.SameSite = SameSiteMode.Strict;
});
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddApi();
if (development) builder.Services.AllowTokensOverHttp();
builder.Services.AddSignInRateLimits(signInLimits);
builder.Services.AddForwardedHeaders(builder.Configuration);
builder.Services.AddExceptionHandler<Hardening.ApiFaults>();
builder.Services.AddHsts(hsts => hsts.MaxAge = TimeSpan.FromDays(365));
builder.AddStoredKeys();

var app = builder.Build();
var site = app.Services.GetRequiredService<Site>();
using (var connection = site.Database.ConnectMigrated()) { }
app.LoadKeyRing();
if (options.Demo) DemoData.Ensure(site, app.Services.GetRequiredService<AccountService>(), Console.Out, app.Services.GetRequiredService<DossierService>());

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
    foreach (var url in app.Urls) Console.WriteLine($"Doorstroom draait op {url}  (store: {site.Database.Description})");
    if (options.Demo) DemoData.PrintAccounts(Console.Out);
});
app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
