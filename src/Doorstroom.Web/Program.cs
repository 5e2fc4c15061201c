using Doorstroom.Storage;
using Doorstroom.Web;
using Doorstroom.Web.Api;
using Microsoft.AspNetCore.Authentication.Cookies;

var builder = WebApplication.CreateBuilder(args);
var options = builder.Configuration.GetSection("Doorstroom").Get<SiteOptions>() ?? new SiteOptions();
if (Environment.GetEnvironmentVariable(Database.Variable) is { Length: > 0 } fromEnvironment
    && builder.Configuration["Doorstroom:Database"] == Database.DefaultFile)
    options.Database = fromEnvironment;

builder.Services.AddSingleton(options);
builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton<Site>();
builder.Services.AddSingleton<AccountService>();
builder.Services.AddSingleton<DossierService>();
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
        cookie.SlidingExpiration = true;
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
    });
builder.Services.AddAuthorization(Policies.Add);
builder.Services.AddApi();
builder.AddStoredKeys();

var app = builder.Build();
var site = app.Services.GetRequiredService<Site>();
using (var connection = site.Database.ConnectMigrated()) { }
if (options.Demo) DemoData.Ensure(site, app.Services.GetRequiredService<AccountService>(), Console.Out, app.Services.GetRequiredService<DossierService>());

if (!app.Environment.IsDevelopment()) app.UseExceptionHandler("/fout");
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseApiProblems();
app.UseStaticFiles();
app.UseRouting();
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
