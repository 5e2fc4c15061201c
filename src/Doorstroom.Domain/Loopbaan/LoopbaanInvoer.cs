using System.Collections.Immutable;
using System.Globalization;

namespace Doorstroom.Domain;

/// <summary>
/// The checks of the loopbaandossier's forms, as pure functions: every field is checked and every problem named (in Dutch,
/// to the pupil), and a value comes back only when there is none, so a form with one bad field stores nothing.
/// </summary>
public static class LoopbaanInvoer
{
    /// <summary>The longest reflection, motivation or remark, in characters.</summary>
    public const int MaxTekst = 1000;

    /// <summary>The most programmes a choice names.</summary>
    public const int MaxOpleidingen = 3;

    /// <summary>The longest programme name a pupil writes.</summary>
    public const int MaxNaam = 100;

    /// <summary>How many years back an activity or choice may be dated: vmbo takes four years, with room for a repeated year.</summary>
    public const int JarenTerug = 6;

    /// <summary>The earliest date a form takes on <paramref name="today"/>.</summary>
    public static DateOnly Vroegst(DateOnly today) => Max(today.AddYears(-JarenTerug), ContractDates.Earliest);

    /// <summary>
    /// Checks an LOB activity: a known activity (<see cref="JsonSpelling.LobSoorten"/>), a date from <see cref="Vroegst"/> to today, a
    /// place the caller knows (<paramref name="knownPlace"/>: the pupil's vo school or an mbo location), a known crebo if one is
    /// given, and a reflection of 1 to <see cref="MaxTekst"/> characters.
    /// </summary>
    public static ImmutableArray<LoopbaanFout> Activiteit(
        string? soort,
        string? datum,
        string? waar,
        string? crebo,
        string? reflectie,
        DateOnly today,
        Func<string, bool> knownPlace,
        Func<int, bool> knownCrebo,
        out LobActiviteitInvoer? value
    )
    {
        ArgumentNullException.ThrowIfNull(knownPlace);
        ArgumentNullException.ThrowIfNull(knownCrebo);
        var fouten = ImmutableArray.CreateBuilder<LoopbaanFout>();
        var lob = default(LobSoort);
        if (soort is null || !JsonSpelling.LobSoorten.TryGetValue(soort, out lob))
            fouten.Add(new("Soort", "Kies een van de activiteiten uit de lijst."));
        var on = Datum(datum, today, fouten);
        var place = waar?.Trim().ToUpperInvariant() ?? "";
        if (place.Length == 0 || !knownPlace(place))
            fouten.Add(new("Waar", "Kies waar het was: op je eigen school of bij een mbo-locatie uit de lijst."));
        var code = Crebo(crebo, "Crebo", knownCrebo, fouten);
        var tekst = Tekst(reflectie, "Reflectie", "Schrijf kort wat je ervan vond en wat je ervan leerde.", fouten);
        value = fouten.Count == 0 ? new LobActiviteitInvoer(lob, on, place, code, tekst) : null;
        return fouten.ToImmutable();
    }

    /// <summary>
    /// Checks a choice: how sure (<see cref="JsonSpelling.Keuzezekerheden"/>), a date from <see cref="Vroegst"/> to today, up to
    /// <see cref="MaxOpleidingen"/> programmes (each a known crebo or a name of at most <see cref="MaxNaam"/> characters; at
    /// least one unless the pupil has no idea yet), and a motivation of 1 to <see cref="MaxTekst"/> characters.
    /// </summary>
    public static ImmutableArray<LoopbaanFout> Keuze(
        IReadOnlyList<string?> opleidingen,
        string? motivatie,
        string? zekerheid,
        string? datum,
        DateOnly today,
        Func<int, string?> qualification,
        out KeuzeInvoer? value
    )
    {
        ArgumentNullException.ThrowIfNull(opleidingen);
        ArgumentNullException.ThrowIfNull(qualification);
        var fouten = ImmutableArray.CreateBuilder<LoopbaanFout>();
        var zeker = default(Keuzezekerheid);
        if (zekerheid is null || !JsonSpelling.Keuzezekerheden.TryGetValue(zekerheid, out zeker))
            fouten.Add(new("Zekerheid", "Kies hoe zeker je van je keuze bent."));
        var on = Datum(datum, today, fouten);
        var gekozen = ImmutableArray.CreateBuilder<KeuzeOpleiding>();
        var filled = opleidingen.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o!.Trim()).ToList();
        if (filled.Count > MaxOpleidingen)
            fouten.Add(new("Opleidingen", $"Noem hoogstens {MaxOpleidingen} opleidingen."));
        foreach (var o in filled.Take(MaxOpleidingen))
        {
            if (o.All(char.IsAsciiDigit))
            {
                var crebo = o.Length == 5 ? int.Parse(o, CultureInfo.InvariantCulture) : 0;
                if (crebo != 0 && qualification(crebo) is { } naam)
                    gekozen.Add(new(crebo, naam));
                else
                    fouten.Add(new("Opleidingen", $"{o} is geen bekende crebo van een mbo-opleiding; schrijf dan de naam van de opleiding."));
            }
            else if (o.Length > MaxNaam)
                fouten.Add(new("Opleidingen", $"Een opleiding heeft hoogstens {MaxNaam} tekens."));
            else
                gekozen.Add(new(null, o));
        }
        if (filled.Count == 0 && zeker != Keuzezekerheid.GeenIdee)
            fouten.Add(new("Opleidingen", "Noem minstens één opleiding, of kies bij zekerheid \"nog geen idee\"."));
        var tekst = Tekst(motivatie, "Motivatie", "Schrijf waarom je dit kiest, of wat je nog wilt uitzoeken.", fouten);
        value = fouten.Count == 0 ? new KeuzeInvoer(on, gekozen.ToImmutable(), tekst, zeker) : null;
        return fouten.ToImmutable();
    }

    /// <summary>Checks a remark of a mentor or decaan: 1 to <see cref="MaxTekst"/> characters and a date from <see cref="Vroegst"/> to today.</summary>
    public static ImmutableArray<LoopbaanFout> Opmerking(string? tekst, string? datum, DateOnly today, out (DateOnly Datum, string Tekst)? value)
    {
        var fouten = ImmutableArray.CreateBuilder<LoopbaanFout>();
        var on = Datum(datum, today, fouten);
        var body = Tekst(tekst, "Tekst", "Schrijf de opmerking.", fouten);
        value = fouten.Count == 0 ? (on, body) : null;
        return fouten.ToImmutable();
    }

    private static DateOnly Datum(string? datum, DateOnly today, ImmutableArray<LoopbaanFout>.Builder fouten)
    {
        var from = Vroegst(today);
        if (datum is null || !DateOnly.TryParseExact(datum.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var on))
        {
            fouten.Add(new("Datum", "Geef een datum als jjjj-mm-dd."));
            return today;
        }
        if (on > today)
            fouten.Add(new("Datum", "De datum ligt in de toekomst: kies vandaag of een dag ervoor."));
        else if (on < from)
            fouten.Add(new("Datum", $"Kies een datum vanaf {from.ToString("d-M-yyyy", CultureInfo.InvariantCulture)} tot en met vandaag."));
        return on;
    }

    private static int? Crebo(string? crebo, string veld, Func<int, bool> known, ImmutableArray<LoopbaanFout>.Builder fouten)
    {
        if (string.IsNullOrWhiteSpace(crebo))
            return null;
        var text = crebo.Trim();
        if (text.Length == 5 && text.All(char.IsAsciiDigit) && int.Parse(text, CultureInfo.InvariantCulture) is var code && known(code))
            return code;
        fouten.Add(new(veld, "Kies een opleiding uit de lijst, of laat dit leeg."));
        return null;
    }

    private static string Tekst(string? tekst, string veld, string leeg, ImmutableArray<LoopbaanFout>.Builder fouten)
    {
        var body = tekst?.Trim() ?? "";
        if (body.Length == 0)
            fouten.Add(new(veld, leeg));
        else if (body.Length > MaxTekst)
            fouten.Add(new(veld, $"De tekst is te lang: hoogstens {MaxTekst} tekens (nu {body.Length})."));
        return body;
    }

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
}
