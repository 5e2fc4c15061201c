using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Doorstroom.Domain;
using Doorstroom.Web.Pages.Dossier;

namespace Doorstroom.Web.Pages.MijnDossier;

/// <summary>Name and contact details as the school keeps them.</summary>
public sealed record Persoonsgegevens(string? Voornaam, string? Achternaam, [property: JsonPropertyName("e-mailadres")] string? Emailadres, string? Telefoon);

/// <summary>Something that happened in the pupil's school career: when, what, where and which programme or year.</summary>
public sealed record Gebeurtenis(DateOnly Datum, string Wat, string Waar, string Opleiding);

/// <summary>An entry of the transfer dossier, as the school wrote it.</summary>
public sealed record Dossieronderdeel(DateOnly Datum, string Categorie, string Soort, string Tekst, string GeschrevenDoor, string School, bool Vrijgegeven);

/// <summary>A consent change for one category and one mbo institution.</summary>
public sealed record Toestemming(DateOnly Datum, string Categorie, string Instelling, string Stand, string Door);

/// <summary>An mbo institution's request for the dossier: purpose, categories and until when it holds.</summary>
public sealed record Verzoek(
    string Instelling,
    DateOnly GevraagdOp,
    string Doel,
    [property: JsonPropertyName("categorieën")] ImmutableArray<string> Categorieen,
    DateOnly GeldigTotEnMet
);

/// <summary>One line of the audit trail: when, who (role, account, institution), what, category, purpose, outcome and rule.</summary>
public sealed record Logregel(
    DateTimeOffset Wanneer,
    string Wie,
    string Account,
    string? Instelling,
    string Wat,
    string? Categorie,
    string? Doel,
    string Uitkomst,
    string? Regel
);

/// <summary>
/// Everything the store keeps about a pupil (AVG right of access), in words a parent reads: Dutch field names, categories,
/// events and institutions by name. The same content makes the JSON download and the printable page.
/// </summary>
public sealed record MijnGegevens(
    string Leerlingcode,
    DateOnly GemaaktOp,
    string Toelichting,
    Persoonsgegevens? Persoonsgegevens,
    ImmutableArray<Dossieronderdeel> Dossier,
    ImmutableArray<Toestemming> Toestemmingen,
    ImmutableArray<Verzoek> Verzoeken,
    ImmutableArray<Gebeurtenis> Gebeurtenissen,
    ImmutableArray<Logregel> Logboek
)
{
    /// <summary>What the file is, in one sentence at its top.</summary>
    public const string Uitleg =
        "Alle gegevens die Doorstroom over deze leerling bewaart (inzage volgens de AVG): "
        + "het overstapdossier, toestemmingen, verzoeken van mbo-instellingen, de schoolloopbaan en het logboek.";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // Letters such as ë and é as they are, not as \u00EB: the file is meant to be read.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The export in Dutch words; <paramref name="names"/> names institutions and locations by code.</summary>
    public static MijnGegevens From(PupilExport export, IReadOnlyDictionary<string, string> names, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(export);
        ArgumentNullException.ThrowIfNull(names);
        string Name(string? code) => EventText.Where(code, names);
        var personal = export.Personal is { } p ? new Persoonsgegevens(p.GivenName, p.FamilyName, p.Email, p.Phone) : null;
        return new(
            export.Pupil,
            today,
            Uitleg,
            personal,
            [
                .. export.Dossier.Select(e => new Dossieronderdeel(
                    e.On,
                    DossierText.Category(e.Category),
                    DossierText.Kind(e.Kind),
                    e.Body,
                    e.Author,
                    Name(e.Institution),
                    e.Released
                )),
            ],
            [
                .. DossierRules
                    .Consents(export.Events)
                    .OrderBy(c => c.On)
                    .Select(c => new Toestemming(
                        c.On,
                        DossierText.Category(c.Category),
                        Name(c.Institution),
                        c.Given ? "gegeven" : "ingetrokken",
                        c.By == ConsentBy.Leerling ? "de leerling" : "een ouder of verzorger"
                    )),
            ],
            [
                .. export.Requests.Select(r => new Verzoek(
                    Name(r.Institution),
                    r.On,
                    r.Purpose,
                    [.. r.Categories.Select(c => DossierText.Category(c))],
                    r.Expires
                )),
            ],
            [
                .. export
                    .Events.OrderBy(e => e.Date)
                    .Select(e => new Gebeurtenis(
                        e.Date,
                        EventText.What(e),
                        Name(e.Institution),
                        EventText.Programme(e.Niveau, e.Crebo, e.Leerweg, e.Leerjaar)
                    )),
            ],
            [
                .. export.Audit.Select(a => new Logregel(
                    DutchTime.Of(a.At),
                    Roles.Title(a.Role),
                    a.Actor,
                    a.Institution is { Length: > 0 } at ? Name(at) : null,
                    a.Action == ReadLog.Action ? "bekeken: " + PupilView.Name(a.Purpose) : DossierText.Action(a),
                    a.Category is null ? null : DossierText.Category(a.Category),
                    a.Action == ReadLog.Action ? null : a.Purpose,
                    a.Outcome,
                    a.Rule is { Length: > 0 } ? DossierText.Rule(a.Rule) : null
                )),
            ]
        );
    }

    /// <summary>The export as indented JSON in UTF-8.</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, Json);
}
