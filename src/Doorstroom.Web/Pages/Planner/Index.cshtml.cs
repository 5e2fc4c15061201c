using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Planner;

/// <summary>Whose record filled in the form: the pupil's own, a parent's child's, or a decaan's pupil.</summary>
public sealed record Prefill(string Role, string? Name, ImmutableArray<string> Known);

/// <summary>
/// The planner's what-if form: a situation in, the open routes, the others with why, and every pathway in time. A signed-in
/// pupil or parent opening the empty planner gets the form filled in from the pupil's record, a decaan from one of the school's
/// pupils (<c>?leerling=</c>, the school's scope as on /leerlingen); anyone can still ask a what-if (issue 14).
/// </summary>
public sealed class IndexModel(SiteServices site, ReadLog reads, IAuthorizationService authorization) : PageModel
{
    /// <summary>The most pathways drawn and listed (the fastest first).</summary>
    public const int MaxPathways = 12;

    public SiteServices Site { get; } = site;
    public PlannerForm Form { get; private set; } = new();
    public ImmutableDictionary<string, string> Errors { get; private set; } = ImmutableDictionary<string, string>.Empty;
    public Plan? Plan { get; private set; }
    public ImmutableArray<Pathway> Shown { get; private set; } = [];

    /// <summary>Set when the form was filled in from a pupil's record.</summary>
    public Prefill? Prefilled { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var q = Request.Query;
        var asked = q.Keys.Any(k => k is not ("leerling" or "leeg"));
        if (q["leerling"].FirstOrDefault() is { } key)
        {
            // A decaan's pupil: the same policy and scope as the pupil's page under /leerlingen; elsewhere "not found".
            var caller = Caller.From(User);
            if (caller is null)
                return Challenge();
            if (!(await authorization.AuthorizeAsync(User, Policies.School)).Succeeded)
                return Forbid();
            var pupil = PupilDirectory.SchoolPupil(Site.Database, Site.Locations(caller.Institution!), key, Site.Today);
            if (pupil is null)
                return NotFound();
            if (!asked)
            {
                Fill(pupil.Stream, pupil.Key, Roles.Decaan, pupil.Name ?? "leerling " + pupil.Key);
                reads.Pupil(caller, PupilView.SchoolPlanner, pupil.Key);
                return Page();
            }
        }
        else if (!asked && q["leeg"].Count == 0 && Caller.From(User) is { Role: Roles.Leerling or Roles.Ouder, Pupil: { } own } me)
        {
            Fill(new EventStore(Site.Database).Stream(own), own, me.Role, null);
            reads.Pupil(me, PupilView.OwnPlanner, own);
            return Page();
        }

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
        Form.Route = q["route"].FirstOrDefault() is { Length: > 0 } r ? r : null;
        if (!asked)
            return Page(); // the empty form: nothing asked yet

        var (situation, errors) = Form.Read();
        if (Form.Route is { } route && Site.Catalogue.FindRoute(route) is null)
            errors = errors.SetItem("route", $"De planner kent geen route '{route}'; kies er een uit de lijst.");
        Errors = errors;
        if (situation is null || errors.Count > 0)
            return Page();
        Plan = Site.Planner.Plan(situation);
        Shown = [.. Plan.Pathways.Take(MaxPathways)];
        return Page();
    }

    /// <summary>Fills the form from the pupil's stream and birth date as the store keeps them, on today's date.</summary>
    private void Fill(IEnumerable<TransitionEvent> stream, string pupil, string role, string? name)
    {
        var birth = PupilDirectory.Attributes(Site.Database, pupil)?.BirthDate;
        var record = PupilRecord.Situation(stream, birth, Site.Today);
        var route = RouteNames.Find(Site.Catalogue, record.Route)?.Id;
        Form = PlannerForm.From(record.Situation, route);
        Prefilled = new(role, name, route is null ? record.Known : record.Known.Add("route"));
    }

    /// <summary>The Dutch error of a field, or null.</summary>
    public string? Error(string field) => Errors.GetValueOrDefault(field);

    /// <summary>The name of a route id in the catalogue (the id itself when unknown).</summary>
    public string RouteName(string id) => Site.Catalogue.FindRoute(id)?.Name ?? id;

    /// <summary>What the record filled in, in Dutch words: "schooltype, leerweg, leerjaar en geboortedatum".</summary>
    public string KnownWords()
    {
        var words = (Prefilled?.Known ?? [])
            .Select(k =>
                k switch
                {
                    "school" => "schooltype",
                    "niveau" => "mbo-niveau",
                    "diploma" => "diploma’s",
                    "aangemeld" => "datum van aanmelding",
                    "mboleerweg" => "mbo-leerweg",
                    "doel" => "doel (het niveau van de aanmelding)",
                    "route" => "route",
                    _ => k,
                }
            )
            .ToList();
        return words.Count switch
        {
            0 => "",
            1 => words[0],
            _ => string.Join(", ", words.Take(words.Count - 1)) + " en " + words[^1],
        };
    }

    /// <summary>The description of the timeline for screen readers.</summary>
    public string TimelineDescription()
    {
        if (Plan is null)
            return "";
        return $"{Shown.Length} van {Plan.Pathways.Length} paden naar {DutchText.Goal(Plan.Goal)}, het snelste eerst. Elke rij is een pad, elke balk een "
            + $"stap van begin tot vroegste einde; "
            + "een smalle gestreepte balk loopt door tot het uiterlijke einde, een ruit markeert de startkwalificatie, de rode stippellijn de datum van de "
            + "vraag. De tabel hieronder geeft dezelfde gegevens.";
    }
}
