using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Account;

/// <summary>
/// The step after a school sign-in. The browser came here by redirects that began at the provider's site, so the Strict
/// session cookie was not sent with this request; the page moves on itself (a Refresh header, no script), a navigation
/// that starts on this site, and the next page gets the cookie.
/// </summary>
public sealed class ContinueModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "naar")]
    public string? Naar { get; set; }

    public string Next => SchoolSignIn.IsLocal(Naar) ? Naar! : "/";

    public void OnGet() => Response.Headers["Refresh"] = "0;url=" + Next;
}
