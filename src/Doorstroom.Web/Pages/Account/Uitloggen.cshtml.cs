using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Account;

/// <summary>
/// Signs out: a POST with the antiforgery token ends the session (the server forgets it, so a copy of the cookie no longer
/// works, and the cookie is removed). A GET only shows whether one is signed in and, if so, the button; it never claims a
/// sign-out that did not happen.
/// </summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Redirect("/account/inloggen?uitgelogd=1");
    }
}
