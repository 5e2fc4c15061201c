using System.Collections.Immutable;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Route = Doorstroom.Domain.Route;

namespace Doorstroom.Web.Pages.Routes;

/// <summary>The article's route table, alive: every route of the catalogue on a date, those not in force apart with why.</summary>
public sealed class IndexModel(SiteServices site) : PageModel
{
    /// <summary>The date asked for (yyyy-MM-dd); today when empty.</summary>
    [BindProperty(SupportsGet = true, Name = "op")]
    public string? Op { get; set; }

    public SiteServices Site { get; } = site;
    public DateOnly On { get; private set; }
    public string? DateError { get; private set; }
    public ImmutableArray<Route> InForce { get; private set; } = [];
    public ImmutableArray<(Route Route, (string Text, string Rule) Why)> NotInForce { get; private set; } = [];

    public void OnGet()
    {
        On = Site.Today;
        if (!string.IsNullOrWhiteSpace(Op))
        {
            if (PlanJson.TryIso(Op?.Trim(), out var on))
                On = on;
            else
                DateError = $"'{Op}' is geen datum. Kies een datum (jjjj-mm-dd); nu ziet u de routes van vandaag.";
        }
        InForce = [.. Site.Catalogue.Routes.Where(r => r.Intake.Contains(On))];
        NotInForce =
        [
            .. Site.Catalogue.Routes.Select(r => (r, DutchText.NotInForce(r.Intake, On))).Where(x => x.Item2 is not null).Select(x => (x.r, x.Item2!.Value)),
        ];
    }
}
