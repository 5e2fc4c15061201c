using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Account;

/// <summary>
/// Where a school sign-in that gave no session ends (<c>?aanbieder=ID&amp;reden=…</c>): a subject without a link, a bad
/// invitation, a disabled account, or a failure at the provider; each in Dutch with what to do.
/// </summary>
public sealed class SchoolSignInProblemModel(SchoolProviders providers) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "aanbieder")]
    public string? Aanbieder { get; set; }

    [BindProperty(SupportsGet = true, Name = "reden")]
    public string? Reden { get; set; }

    public SignInProblem Problem => SchoolSignInText.Parse(Reden);
    public string ProviderName => providers.Find(Aanbieder)?.DisplayName ?? "uw school";

    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
