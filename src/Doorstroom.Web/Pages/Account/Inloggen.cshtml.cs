using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Account;

/// <summary>Cookie sign-in with a user name and password.</summary>
public sealed class SignInModel(AccountService accounts, SiteServices site, SchoolProviders providers) : PageModel
{
    [BindProperty]
    public string Username { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    /// <summary>Arrived here from the sign-out (<c>?uitgelogd=1</c>).</summary>
    public bool SignedOut => Request.Query.ContainsKey("uitgelogd");

    /// <summary>Whole minutes until the name may be tried again, when it is locked after too many failures.</summary>
    public int? LockedMinutes { get; private set; }
    public bool Demo => site.Options.Demo;

    /// <summary>A button per configured school provider (none when there are none).</summary>
    public SchoolButtons SchoolButtons => new(providers.All, ReturnUrl, null, providers.FormActionSources);

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var attempt = accounts.TrySignIn(Username, Password);
        if (attempt.LockedFor is { } locked)
        {
            LockedMinutes = Math.Max(1, (int)Math.Ceiling(locked.TotalMinutes));
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            Response.Headers.RetryAfter = ((int)Math.Ceiling(locked.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Page();
        }
        if (attempt.Granted is not { } account)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        await AccountService.SignInCookie(HttpContext, account);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
