using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Doorstroom.Web.Pages.Verbindingen;

/// <summary>
/// The register of vo–mbo connections (issue 16, item 4): the list with filters per school, institution and form; a form to
/// enter one and to end one; the CSV upload and download. A decaan enters only for their own school, intake only for their
/// own institution, the beheerder for all; the analist reads. Every write is audited; a refused write stores nothing.
/// </summary>
[Authorize(Policy = Policies.Connections)]
public sealed class IndexModel(SiteServices site) : SignedInPage
{
    /// <summary>The largest CSV the upload takes.</summary>
    public const int MaxUpload = 1024 * 1024;

    [BindProperty(SupportsGet = true, Name = "school")]
    public string? School { get; set; }

    [BindProperty(SupportsGet = true, Name = "instelling")]
    public string? Instelling { get; set; }

    [BindProperty(SupportsGet = true, Name = "vorm")]
    public string? Vorm { get; set; }

    [BindProperty]
    public string? VoVestiging { get; set; }

    [BindProperty]
    public string? Mbo { get; set; }

    [BindProperty]
    public string? Form { get; set; }

    [BindProperty]
    public string? Van { get; set; }

    [BindProperty]
    public string? Tot { get; set; }

    [BindProperty]
    public string? Route { get; set; }

    [BindProperty]
    public string? Onderwerp { get; set; }

    [BindProperty]
    public string? Beschrijving { get; set; }

    [BindProperty]
    public string? Bron { get; set; }

    [BindProperty]
    public string? Id { get; set; }

    [BindProperty]
    public IFormFile? Bestand { get; set; }

    [TempData]
    public string? Melding { get; set; }

    /// <summary>The connections the caller sees, after the filters.</summary>
    public ImmutableArray<Connection> Connections { get; private set; } = [];

    /// <summary>Problems of an upload, each as file:line: column: what was expected.</summary>
    public ImmutableArray<string> UploadProblems { get; private set; } = [];

    /// <summary>True when the caller may enter and end connections.</summary>
    public bool MayWrite => ConnectionScope.Writes(Caller.Role);

    /// <summary>True when the caller may end this connection (an entered one in their scope that still runs).</summary>
    public bool MayEnd(Connection connection) =>
        connection.Form != ConnectionForm.Bestuurlijk && connection.Until is null && ConnectionScope.Refusal(site, Caller, connection) is null;

    public void OnGet()
    {
        var form = Vorm is { Length: > 0 } v && JsonSpelling.ConnectionForms.TryGetValue(v, out var f) ? f : (ConnectionForm?)null;
        Connections =
        [
            .. ConnectionRegister
                .All(site.Database)
                .Where(c => ConnectionScope.Sees(site, Caller, c))
                .Where(c => School is not { Length: > 0 } s || c.VoVestiging.Equals(s.Trim(), StringComparison.OrdinalIgnoreCase))
                .Where(c =>
                    Instelling is not { Length: > 0 } i || c.MboInstitution.Equals(i.Trim()[..Math.Min(4, i.Trim().Length)], StringComparison.OrdinalIgnoreCase)
                )
                .Where(c => form is null || c.Form == form),
        ];
        if (Caller.Role == Roles.Decaan && VoVestiging is null && Caller.Institution is { Length: 6 } brin6)
            VoVestiging = brin6;
        if (Caller.Role == Roles.Intake && Mbo is null && Caller.Institution is { Length: >= 4 } brin)
            Mbo = brin[..4];
    }

    public IActionResult OnPostToevoegen()
    {
        if (!MayWrite)
            return Forbid();
        var formKnown = JsonSpelling.ConnectionForms.TryGetValue(Form ?? "", out var form);
        if (!formKnown)
            ModelState.AddModelError(nameof(Form), ConnectionText.Problem("form", form));
        var from = Date(nameof(Van), Van, required: true);
        var until = Date(nameof(Tot), Tot, required: false);
        if (!ModelState.IsValid)
            return Again();
        var connection = new Connection(
            "v-" + Guid.NewGuid().ToString("N")[..12],
            (VoVestiging ?? "").Trim().ToUpperInvariant(),
            (Mbo ?? "").Trim().ToUpperInvariant(),
            form,
            from!.Value,
            until,
            (Beschrijving ?? "").Trim(),
            (Bron ?? "").Trim(),
            Blank(Route),
            Blank(Onderwerp)
        );
        foreach (var (field, _) in connection.Check())
            ModelState.AddModelError(FieldName(field), ConnectionText.Problem(field, form));
        if (ModelState.IsValid && ConnectionScope.Refusal(site, Caller, connection) is { } outside)
            ModelState.AddModelError(FieldName(outside.Field), outside.Message);
        if (!ModelState.IsValid)
            return Again();
        var refused = ConnectionRegister.Add(site.Database, connection, Caller.Name, Caller.Role, Caller.Institution, site.Clock.GetUtcNow());
        foreach (var (field, message) in refused)
            ModelState.AddModelError(FieldName(field), field == "form" ? message : ConnectionText.Problem(field, form));
        if (!ModelState.IsValid)
            return Again();
        Melding = $"De verbinding is vastgelegd: {ConnectionText.What(connection)}.";
        return LocalRedirect("/verbindingen");
    }

    public IActionResult OnPostBeeindigen()
    {
        if (!MayWrite)
            return Forbid();
        var until = Date(nameof(Tot), Tot, required: true);
        if (ConnectionRegister.Find(site.Database, Id ?? "") is not { } stored || ConnectionScope.Refusal(site, Caller, stored) is not null)
        {
            Melding = "Die verbinding kunt u niet beëindigen: ze staat niet in het register of hoort niet bij uw school of instelling.";
            return LocalRedirect("/verbindingen");
        }
        if (until is null)
        {
            Melding = "Er is niets beëindigd: geef de laatste dag als datum.";
            return LocalRedirect("/verbindingen");
        }
        var refusal = ConnectionRegister.End(site.Database, stored.Id, until.Value, Caller.Name, Caller.Role, Caller.Institution, site.Clock.GetUtcNow());
        Melding = refusal is null
            ? $"De verbinding is beëindigd per {DutchFormat.ShortDate(until.Value)}: {ConnectionText.What(stored)}."
            : "Er is niets beëindigd: " + refusal;
        return LocalRedirect("/verbindingen");
    }

    public async Task<IActionResult> OnPostImporterenAsync()
    {
        if (!MayWrite)
            return Forbid();
        if (Bestand is null || Bestand.Length == 0 || Bestand.Length > MaxUpload)
        {
            ModelState.AddModelError(nameof(Bestand), $"Kies een CSV-bestand van hoogstens {MaxUpload / 1024} kB.");
            return Again();
        }
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = System.IO.File.Create(path))
                await Bestand.CopyToAsync(file, HttpContext.RequestAborted);
            var name = Path.GetFileName(Bestand.FileName) is { Length: > 0 } n ? n : "upload.csv";
            var outcome = ConnectionImport.Run(
                site.Database,
                path,
                Caller.Name,
                Caller.Role,
                Caller.Institution,
                c => ConnectionScope.Refusal(site, Caller, c),
                site.Clock,
                displayName: name
            );
            switch (outcome)
            {
                case Refused r:
                    UploadProblems = [.. r.Problems.Take(50).Select(p => p.ToString())];
                    ModelState.AddModelError(nameof(Bestand), $"Het bestand is geweigerd en er is niets opgeslagen: {r.Problems.Length} fout(en).");
                    return Again();
                case Imported i:
                    Melding = $"{name} is ingelezen: {i.Records} verbinding(en), {i.Changed} gewijzigd.";
                    break;
                default:
                    Melding = $"{name} was al eerder ingelezen; er is niets veranderd.";
                    break;
            }
        }
        finally
        {
            System.IO.File.Delete(path);
        }
        return LocalRedirect("/verbindingen");
    }

    /// <summary>The entered connections the caller sees, as the register's CSV (docs/connections.md).</summary>
    public IActionResult OnGetExport()
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        ConnectionCsv.Write(text, ConnectionRegister.Stored(site.Database).Where(c => ConnectionScope.Sees(site, Caller, c)));
        return File(Encoding.UTF8.GetBytes(text.ToString()), "text/csv; charset=utf-8", "verbindingen.csv");
    }

    /// <summary>The Dutch error of a field, or null.</summary>
    public string? Error(string field) =>
        ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage)) : null;

    private PageResult Again()
    {
        var (vo, mbo) = (VoVestiging, Mbo);
        OnGet();
        (VoVestiging, Mbo) = (vo, mbo);
        return Page();
    }

    private DateOnly? Date(string field, string? text, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
                ModelState.AddModelError(field, field == nameof(Van) ? "Geef de begindatum." : "Geef de laatste dag.");
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        ModelState.AddModelError(field, "Geef een datum als jjjj-mm-dd, bijvoorbeeld 2025-08-01.");
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string FieldName(string field) =>
        field switch
        {
            "vo_vestiging" => nameof(VoVestiging),
            "mbo" => nameof(Mbo),
            "from" => nameof(Van),
            "until" => nameof(Tot),
            "route" => nameof(Route),
            "subject" => nameof(Onderwerp),
            "description" => nameof(Beschrijving),
            "source" => nameof(Bron),
            _ => nameof(Form),
        };
}
