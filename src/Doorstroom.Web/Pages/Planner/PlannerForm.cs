using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Web.Pages.Planner;

/// <summary>
/// The planner's what-if form as query parameters (so a plan has a URL). It checks the fields with Dutch messages, then
/// hands them to <see cref="PupilJson"/> — the public contract's parser — so that the form accepts exactly what the API and
/// the CLI accept; a problem only that parser finds is shown at its field too.
/// </summary>
public sealed class PlannerForm
{
    public string? Op { get; set; }
    public string? School { get; set; }
    public string? Leerweg { get; set; }
    public string? Leerjaar { get; set; }
    public string? Niveau { get; set; }
    public string? Sector { get; set; }
    public ImmutableArray<string> Diploma { get; set; } = [];
    public bool ExtraVak { get; set; }
    public string? Doel { get; set; }
    public string? WilSector { get; set; }
    public string? MboLeerweg { get; set; }
    public string? Zeker { get; set; }
    public string? Risico { get; set; }
    public string? Geboortedatum { get; set; }
    public string? Aangemeld { get; set; }

    /// <summary>The catalogue route the pupil is on now (only for showing; the situation does not depend on it).</summary>
    public string? Route { get; set; }

    /// <summary>
    /// The form filled in from a situation (a pupil's record, <see cref="PupilRecord"/>): every known fact as the form would
    /// send it, so that <see cref="Read"/> gives the same situation back; <paramref name="route"/> is the route the pupil is on.
    /// </summary>
    public static PlannerForm From(Situation situation, string? route)
    {
        ArgumentNullException.ThrowIfNull(situation);
        static string? YesNo(bool? b) => b is { } v ? (v ? "ja" : "nee") : null;
        static string? Iso(DateOnly? d) => d is { } v ? PlanJson.Iso(v) : null;
        return new()
        {
            Op = PlanJson.Iso(situation.On),
            School = JsonSpelling.Of(situation.School),
            Leerweg = situation.Leerweg is { } l ? JsonSpelling.Of(l) : null,
            Leerjaar = situation.Leerjaar?.ToString(CultureInfo.InvariantCulture),
            Niveau = situation.Niveau?.ToString(CultureInfo.InvariantCulture),
            Sector = situation.Sector is { } s ? JsonSpelling.Of(s) : null,
            Diploma = [.. situation.Diplomas.Select(d => JsonSpelling.Of(d.Kind)).Distinct(StringComparer.Ordinal)],
            ExtraVak = situation.ExtraVak == true,
            Doel = JsonSpelling.Of(situation.Goal),
            WilSector = situation.WantsSector is { } w ? JsonSpelling.Of(w) : null,
            MboLeerweg = situation.MboLeerweg is { } m ? JsonSpelling.Of(m) : null,
            Zeker = YesNo(situation.SureOfChoice),
            Risico = YesNo(situation.AtRiskOfNoDiploma),
            Geboortedatum = Iso(situation.BirthDate),
            Aangemeld = Iso(situation.AppliedOn),
            Route = route,
        };
    }

    /// <summary>The form fields in the order the form shows them, for the error summary.</summary>
    public static readonly ImmutableArray<string> FieldOrder =
    [
        "op",
        "school",
        "leerweg",
        "leerjaar",
        "niveau",
        "sector",
        "route",
        "geboortedatum",
        "diploma",
        "doel",
        "wilsector",
        "mboleerweg",
        "zeker",
        "risico",
        "aangemeld",
    ];

    /// <summary>The form field of each pupil JSON field, for the parser's problems.</summary>
    private static readonly Dictionary<string, string> FieldOf = new(StringComparer.Ordinal)
    {
        ["on"] = "op",
        ["school"] = "school",
        ["leerweg"] = "leerweg",
        ["leerjaar"] = "leerjaar",
        ["niveau"] = "niveau",
        ["sector"] = "sector",
        ["diplomas"] = "diploma",
        ["goal"] = "doel",
        ["wantsSector"] = "wilsector",
        ["mboLeerweg"] = "mboleerweg",
        ["sureOfChoice"] = "zeker",
        ["atRiskOfNoDiploma"] = "risico",
        ["birthDate"] = "geboortedatum",
        ["appliedOn"] = "aangemeld",
    };

    /// <summary>The situation, or the Dutch error of each field that is wrong (keyed by the form field's name).</summary>
    public (Situation? Situation, ImmutableDictionary<string, string> Errors) Read()
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = new MemoryStream();
        using (var w = new Utf8JsonWriter(json))
        {
            w.WriteStartObject();
            var on = Date(w, "on", "op", Op, errors, required: true);
            var school = Choice(w, "school", "school", School ?? "vmbo", JsonSpelling.Schools, "schooltype", errors);
            var leerweg = Choice(w, "leerweg", "leerweg", Leerweg, JsonSpelling.Leerwegen, "leerweg", errors);
            if (leerweg is { } lw && school is { } s)
            {
                if (s == SchoolType.Vmbo && !lw.IsVmboLeerweg())
                    errors["leerweg"] = "Kies bij vmbo een vmbo-leerweg: bb, kb, gl of tl.";
                else if (s == SchoolType.Mbo && lw.IsVmboLeerweg())
                    errors["leerweg"] = "Kies bij mbo een mbo-leerweg: bol of bbl.";
                else if (s is not (SchoolType.Vmbo or SchoolType.Mbo))
                    errors["leerweg"] = $"Een leerweg hoort bij vmbo of mbo, niet bij " + $"{DutchText.School(s)}; laat dit veld leeg.";
            }
            var leerjaar = Number(w, "leerjaar", "leerjaar", Leerjaar, errors);
            if (leerjaar is { } lj && school is { } s2)
            {
                var max = s2 switch
                {
                    SchoolType.Vmbo or SchoolType.Mbo => 4,
                    SchoolType.Havo => 5,
                    SchoolType.Vwo or SchoolType.Praktijkonderwijs => 6,
                    _ => 0,
                };
                if (max == 0)
                    errors["leerjaar"] = $"Bij {DutchText.School(s2)} hoort geen leerjaar; laat dit veld leeg.";
                else if (lj < 1 || lj > max)
                    errors["leerjaar"] = $"Leerjaar {lj} bestaat niet in het {DutchText.School(s2)}; kies 1 tot en met {max}.";
            }
            var niveau = Number(w, "niveau", "niveau", Niveau, errors);
            if (niveau is { } nv && school is { } s3)
            {
                if (s3 != SchoolType.Mbo)
                    errors["niveau"] = "Een niveau hoort bij een leerling in het mbo; laat dit veld leeg.";
                else if (nv is < 1 or > 4)
                    errors["niveau"] = "Kies niveau 1 tot en met 4.";
            }
            Choice(w, "sector", "sector", Sector, JsonSpelling.Sectors, "sector of profiel", errors);
            Choice(w, "goal", "doel", Doel, JsonSpelling.Goals, "doel", errors);
            Choice(w, "wantsSector", "wilsector", WilSector, JsonSpelling.Sectors, "sector of profiel", errors);
            var mbo = Choice(w, "mboLeerweg", "mboleerweg", MboLeerweg, JsonSpelling.Leerwegen, "mbo-leerweg", errors);
            if (mbo is { } m && m.IsVmboLeerweg())
                errors["mboleerweg"] = "Kies bol of bbl.";
            YesNo(w, "sureOfChoice", "zeker", Zeker, errors);
            YesNo(w, "atRiskOfNoDiploma", "risico", Risico, errors);
            var birth = Date(w, "birthDate", "geboortedatum", Geboortedatum, errors, required: false);
            if (birth is { } b && on is { } o && b >= o)
                errors["geboortedatum"] = "De geboortedatum moet vóór de datum van de vraag liggen.";
            Date(w, "appliedOn", "aangemeld", Aangemeld, errors, required: false);

            w.WriteStartArray("diplomas");
            foreach (var d in Diploma.Where(d => !string.IsNullOrWhiteSpace(d)).Distinct(StringComparer.Ordinal))
            {
                if (!JsonSpelling.Diplomas.TryGetValue(d.Trim(), out var kind))
                {
                    errors["diploma"] = $"'{d}' is geen diploma dat de planner kent.";
                    continue;
                }
                w.WriteStartObject();
                w.WriteString("kind", JsonSpelling.Of(kind));
                if (ExtraVak && kind is DiplomaKind.VmboGl or DiplomaKind.VmboTl)
                    w.WriteBoolean("extraVak", true);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
        }
        if (errors.Count > 0)
            return (null, errors.ToImmutableDictionary());

        var parsed = PupilJson.Parse(json.ToArray(), "formulier");
        if (parsed.Problem is { } problem)
        {
            var root = problem.Field.Split('.', '[')[0];
            errors[FieldOf.GetValueOrDefault(root, "op")] = $"Deze waarde past niet bij de rest van de situatie ({problem.Message}).";
            return (null, errors.ToImmutableDictionary());
        }
        return (parsed.Situation, ImmutableDictionary<string, string>.Empty);
    }

    /// <summary>The earliest and latest date of a date field (the contract's <see cref="ContractDates"/>), for the form's min and max.</summary>
    public static (DateOnly Min, DateOnly Max) RangeOf(string field) =>
        field switch
        {
            "geboortedatum" => (ContractDates.EarliestBirthDate, ContractDates.LatestOn),
            _ => (ContractDates.EarliestOn, ContractDates.LatestOn),
        };

    private static DateOnly? Date(Utf8JsonWriter w, string name, string field, string? text, Dictionary<string, string> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
                errors[field] = "Vul een datum in.";
            return null;
        }
        if (!PlanJson.TryIso(text?.Trim(), out var date))
        {
            errors[field] = $"'{text}' is geen datum; vul een datum in als jjjj-mm-dd (bijvoorbeeld 2026-11-30).";
            return null;
        }
        var (min, max) = RangeOf(field);
        if (date < min || date > max)
        {
            errors[field] =
                $"Vul een datum in van {DutchFormat.Date(min)} tot en met {DutchFormat.Date(max)}; de planner rekent niet met " + $"{DutchFormat.Date(date)}.";
            return null;
        }
        w.WriteString(name, PlanJson.Iso(date));
        return date;
    }

    private static T? Choice<T>(
        Utf8JsonWriter w,
        string name,
        string field,
        string? text,
        IReadOnlyDictionary<string, T> map,
        string what,
        Dictionary<string, string> errors
    )
        where T : struct
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var key = text.Trim().ToLowerInvariant();
        if (!map.TryGetValue(key, out var value))
        {
            errors[field] = $"De planner kent geen {what} '{text}'; kies er een uit de lijst.";
            return null;
        }
        w.WriteString(name, key);
        return value;
    }

    private static int? Number(Utf8JsonWriter w, string name, string field, string? text, Dictionary<string, string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        if (!int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
        {
            errors[field] = $"'{text}' is geen heel getal.";
            return null;
        }
        w.WriteNumber(name, n);
        return n;
    }

    private static void YesNo(Utf8JsonWriter w, string name, string field, string? text, Dictionary<string, string> errors)
    {
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return;
            case "ja":
                w.WriteBoolean(name, true);
                return;
            case "nee":
                w.WriteBoolean(name, false);
                return;
            default:
                errors[field] = "Kies ja, nee of onbekend.";
                return;
        }
    }
}
