using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Mvc;

namespace Doorstroom.Web.Pages.MijnLoopbaan;

/// <summary>
/// The pupil's own loopbaandossier: LOB activities with reflections, choices, remarks of mentor or decaan and the meeloopdag
/// steps, in date order; the pupil adds an activity or records a choice here. A parent reads it while P4 lets them. Whose
/// dossier it is comes from the sign-in, never from the request.
/// </summary>
public sealed class IndexModel(SiteServices site, LoopbaanService loopbaan) : SignedInPage
{
    public LoopbaanForm Form { get; } = new();
    public Loopbaandossier? Dossier { get; private set; }
    public DossierDecision? Closed { get; private set; }
    public bool IsPupil { get; private set; }
    public string? School { get; private set; }
    public string SchoolName => School is null ? "" : InstitutionNames.Of(site.Database, School);
    public ImmutableArray<MboLocatieSummary> MboLocations { get; private set; } = [];
    public ImmutableArray<KeyValuePair<int, string>> Programmes { get; private set; } = [];
    public string Today => site.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    public string Earliest => LoopbaanInvoer.Vroegst(site.Today).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [BindProperty(SupportsGet = true, Name = "opgeslagen")]
    public string? Saved { get; set; }

    // The values of a refused form, shown again so that nothing typed is lost.
    public string? Soort { get; private set; }
    public string? Datum { get; private set; }
    public string? Waar { get; private set; }
    public string? Crebo { get; private set; }
    public string? Reflectie { get; private set; }
    public ImmutableArray<string?> Opleidingen { get; private set; } = [null, null, null];
    public string? Motivatie { get; private set; }
    public string? Zekerheid { get; private set; }
    public string? Keuzedatum { get; private set; }

    public IActionResult OnGet()
    {
        Load();
        return Page();
    }

    public IActionResult OnPostActiviteit(string? soort, string? datum, string? waar, string? crebo, string? reflectie)
    {
        var outcome = loopbaan.RecordActivity(Caller, Caller.Pupil ?? "", soort, datum, waar, crebo, reflectie);
        if (outcome.NotFound)
            return NotFound();
        if (outcome.Fouten.IsEmpty)
            return LocalRedirect("/mijn-loopbaan?opgeslagen=activiteit");
        (Soort, Datum, Waar, Crebo, Reflectie) = (soort, datum, waar, crebo, reflectie);
        Form.Refuse("activiteit", outcome.Fouten);
        Load();
        return Page();
    }

    public IActionResult OnPostKeuze(string?[]? opleiding, string? motivatie, string? zekerheid, string? keuzedatum)
    {
        var list = (opleiding ?? []).ToList();
        var outcome = loopbaan.RecordChoice(Caller, Caller.Pupil ?? "", list, motivatie, zekerheid, keuzedatum);
        if (outcome.NotFound)
            return NotFound();
        if (outcome.Fouten.IsEmpty)
            return LocalRedirect("/mijn-loopbaan?opgeslagen=keuze");
        Opleidingen = [.. list.Concat(Enumerable.Repeat<string?>(null, 3)).Take(Math.Max(3, list.Count))];
        (Motivatie, Zekerheid, Keuzedatum) = (motivatie, zekerheid, keuzedatum);
        Form.Refuse("keuze", outcome.Fouten);
        Load();
        return Page();
    }

    private void Load()
    {
        IsPupil = Caller.Role == Roles.Leerling;
        var read = loopbaan.Own(Caller);
        Closed = read.Refusal;
        Dossier = read.Value;
        if (!IsPupil || Dossier is null)
            return;
        School = loopbaan.VoSchool(Caller.Pupil!);
        MboLocations = loopbaan.MboLocations();
        Programmes = [.. ProgrammeNames.All(site.Database).OrderBy(p => p.Value, StringComparer.CurrentCulture)];
        Datum ??= Today;
        Keuzedatum ??= Today;
    }
}
