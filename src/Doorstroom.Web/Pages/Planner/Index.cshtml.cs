using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Planner;

/// <summary>The planner's what-if form: a situation in, the open routes, the others with why, and every pathway in time.</summary>
public sealed class IndexModel(Site site) : PageModel
{
    /// <summary>The most pathways drawn and listed (the fastest first).</summary>
    public const int MaxPathways = 12;

    public Site Site { get; } = site;
    public PlannerForm Form { get; } = new();
    public ImmutableDictionary<string, string> Errors { get; private set; } = ImmutableDictionary<string, string>.Empty;
    public Plan? Plan { get; private set; }
    public ImmutableArray<Pathway> Shown { get; private set; } = [];

    public void OnGet()
    {
        var q = Request.Query;
        Form.Op = q["op"].FirstOrDefault() ?? Site.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Form.School = q["school"].FirstOrDefault() ?? "vmbo";
        Form.Leerweg = q["leerweg"].FirstOrDefault();
        Form.Leerjaar = q["leerjaar"].FirstOrDefault();
        Form.Niveau = q["niveau"].FirstOrDefault();
        Form.Sector = q["sector"].FirstOrDefault();
        Form.Diploma = [.. q["diploma"].OfType<string>()];
        Form.ExtraVak = q["extravak"].FirstOrDefault() is "true" or "on";
        Form.Doel = q["doel"].FirstOrDefault() ?? "startkwalificatie";
        Form.WilSector = q["wilsector"].FirstOrDefault();
        Form.MboLeerweg = q["mboleerweg"].FirstOrDefault();
        Form.Zeker = q["zeker"].FirstOrDefault();
        Form.Risico = q["risico"].FirstOrDefault();
        Form.Geboortedatum = q["geboortedatum"].FirstOrDefault();
        Form.Aangemeld = q["aangemeld"].FirstOrDefault();
        if (q.Count == 0) return; // the empty form: nothing asked yet

        var (situation, errors) = Form.Read();
        Errors = errors;
        if (situation is null) return;
        Plan = Site.Planner.Plan(situation);
        Shown = [.. Plan.Pathways.Take(MaxPathways)];
    }

    /// <summary>The Dutch error of a field, or null.</summary>
    public string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The name of a route id in the catalogue (the id itself when unknown).</summary>
    public string RouteName(string id) => Site.Catalogue.FindRoute(id)?.Name ?? id;

    /// <summary>The description of the timeline for screen readers.</summary>
    public string TimelineDescription()
    {
        if (Plan is null) return "";
        return $"{Shown.Length} van {Plan.Pathways.Length} paden naar {Words.Goal(Plan.Goal)}, het snelste eerst. Elke rij is een pad, elke balk een stap van begin tot vroegste einde; " +
               "een smalle gestreepte balk loopt door tot het uiterlijke einde, een ruit markeert de startkwalificatie, de rode stippellijn de datum van de vraag. De tabel hieronder geeft dezelfde gegevens.";
    }
}
