using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using System.Security.Claims;

namespace Doorstroom.Web.Pages.Account;

/// <summary>Cookie sign-in with a user name and password.</summary>
public sealed class SignInModel(AccountService accounts, Site site) : PageModel
{
    [BindProperty] public string Username { get; set; } = "";
    [BindProperty] public string Password { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }
    public bool Demo => site.Options.Demo;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var account = accounts.SignIn(Username, Password);
        if (account is null)
        {
            Failed = true;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }
        var principal = new ClaimsPrincipal(AccountService.Identity(account, CookieAuthenticationDefaults.AuthenticationScheme));
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
