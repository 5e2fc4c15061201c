using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Toegankelijkheid;

/// <summary>
/// The accessibility statement in the format of the Dutch model statement (decision 0025): who runs this installation and
/// how to reach them (settings), the status, how the pages were checked and what was not, known problems, and the way to
/// the Nationale ombudsman.
/// </summary>
public sealed class StatementModel(SiteOptions options) : PageModel
{
    /// <summary>The day the checks in this version of the software were first run on every page (issue 14).</summary>
    public static readonly DateOnly Evaluated = new(2026, 12, 3);

    public StatementOptions Operator => options.Toegankelijkheid;

    /// <summary>The operator's name, or an honest placeholder when the setting is missing.</summary>
    public string Organisation =>
        string.IsNullOrWhiteSpace(Operator.Organisatie) ? "de organisatie die deze installatie van Doorstroom " + "beheert" : Operator.Organisatie.Trim();

    public bool Configured => !string.IsNullOrWhiteSpace(Operator.Organisatie);

    public bool HasContact => !string.IsNullOrWhiteSpace(Operator.Email) || !string.IsNullOrWhiteSpace(Operator.ContactUrl);

    public void OnGet() { }
}
