using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// The categories of the transfer dossier (overstapdossier), after the onderwijskundig rapport (P1) and OSO. All but
/// <see cref="Zorg"/> are OKR categories; <see cref="Zorg"/> (support needs, care and health) always needs explicit consent (P5).
/// </summary>
public enum DossierCategory
{
    /// <summary>Administrative data: name, school, leerweg, years.</summary>
    Administratief,

    /// <summary>Learning results: marks, exam results.</summary>
    Leerresultaten,

    /// <summary>Guidance given at school.</summary>
    Begeleiding,

    /// <summary>Attendance and absence.</summary>
    Verzuim,

    /// <summary>LOB / loopbaandossier: career orientation.</summary>
    Loopbaan,

    /// <summary>The advice of the mentor and the zorgcoördinator.</summary>
    Advies,

    /// <summary>Support needs and care (zorg), including health: special-category data under the AVG.</summary>
    Zorg,
}

/// <summary>Who gave or withdrew consent.</summary>
public enum ConsentBy
{
    Leerling,
    Ouder,
}

/// <summary>One consent change for one category and one receiving institution (BRIN4), as recorded.</summary>
public sealed record ConsentChange(DossierCategory Category, string Institution, bool Given, ConsentBy By, DateOnly On);

/// <summary>
/// A pupil of 16 or older lets a parent see their dossier (<see cref="Given"/>) or ends that (P4), on a date. A change made
/// before the 16th birthday does not count: until then the parent sees the dossier anyway.
/// </summary>
public sealed record ParentAccessChange(bool Given, DateOnly On);

/// <summary>An mbo institution's request for a pupil's dossier: its purpose and categories (purpose binding) and until when it holds.</summary>
/// <param name="Institution">The requesting mbo institution (BRIN4).</param>
/// <param name="Expires">The last day the share may be read: by default the end of the first mbo year (31 July).</param>
public sealed record DossierRequest(
    string Id,
    string Pupil,
    string Institution,
    string Purpose,
    ImmutableArray<DossierCategory> Categories,
    DateOnly On,
    DateOnly Expires
);

/// <summary>A yes or no with the rule (rulebook §10) and a sentence saying why.</summary>
public sealed record DossierDecision(bool Allowed, string Rule, string Reason)
{
    public static DossierDecision Yes(string rule, string reason) => new(true, rule, reason);

    public static DossierDecision No(string rule, string reason) => new(false, rule, reason);
}

/// <summary>
/// The transfer-dossier rules of rulebook §10 as pure functions: when an mbo institution may ask (P2), which
/// categories it may read on which date, and who must consent (P3–P5). Every answer names its rule.
/// </summary>
public static class DossierRules
{
    /// <summary>From this date OKR categories pass vo → mbo without consent (P3, Wet sterk beroepsonderwijs).</summary>
    public static readonly DateOnly StatutoryFrom = new(2020, 8, 1);

    /// <summary>The age from which the pupil consents personally (P4).</summary>
    public const int ConsentAge = 16;

    /// <summary>True for the categories that always need explicit consent (P5).</summary>
    public static bool NeedsConsent(this DossierCategory category) => category == DossierCategory.Zorg;

    /// <summary>
    /// Whether sharing <paramref name="category"/> with an mbo institution on <paramref name="on"/> waits for a choice of
    /// the pupil or a parent: always for care (P5); for the onderwijskundig-rapport categories only before 1 August 2020,
    /// after which they pass on a statutory basis (P3). Only these categories are offered a consent choice.
    /// </summary>
    public static bool NeedsChoice(DossierCategory category, DateOnly on) => category.NeedsConsent() || on < StatutoryFrom;

    /// <summary>The default end of a share: 31 July of the first mbo year after the request (the school year after the one requested in).</summary>
    public static DateOnly DefaultExpiry(DateOnly requestedOn) => new(SchoolYear.StartOf(requestedOn).Year + 2, 7, 31);

    /// <summary>
    /// P2: an mbo institution may request the dossier only after the pupil applied there (an <see cref="EventKind.Aangemeld"/>
    /// at one of its locations, BRIN4 = the first four characters, on or before the date), never before.
    /// </summary>
    public static DossierDecision MayRequest(IEnumerable<TransitionEvent> stream, string institution, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(institution);
        var applied = stream.Any(e =>
            e.Kind == EventKind.Aangemeld
            && e.Date <= on
            && e.Institution is { Length: >= 4 } at
            && string.Equals(at[..4], institution, StringComparison.OrdinalIgnoreCase)
        );
        return applied
            ? DossierDecision.Yes("P2", "De leerling heeft zich bij deze instelling aangemeld.")
            : DossierDecision.No(
                "P2",
                "Een dossier mag pas worden opgevraagd nadat de leerling zich bij de instelling heeft aangemeld (geen selectie aan de " + "poort)."
            );
    }

    /// <summary>Who must consent for this pupil on this date: the pupil from 16, else a parent (P4); unknown birth date means a parent.</summary>
    public static ConsentBy ConsentFrom(DateOnly? birthDate, DateOnly on) =>
        birthDate is { } b && b.AddYears(ConsentAge) <= on ? ConsentBy.Leerling : ConsentBy.Ouder;

    /// <summary>
    /// P4: whether a parent (ouder or verzorger) may see the pupil's own dossier, its shares, its log and the AVG export on
    /// <paramref name="on"/>. Under 16 (or with an unknown birth date) the parent represents the pupil and may; from the 16th
    /// birthday the pupil decides: the parent may only while the latest change the pupil made since turning 16, on or before
    /// that date, is a "given". A withdrawal ends the access at once (same day included).
    /// </summary>
    public static DossierDecision ParentMayRead(DateOnly? birthDate, IEnumerable<ParentAccessChange> changes, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (ConsentFrom(birthDate, on) == ConsentBy.Ouder)
            return DossierDecision.Yes(ParentAccessRule, "Onder de 16 ziet een ouder of verzorger het dossier van het kind.");
        var sixteen = birthDate!.Value.AddYears(ConsentAge);
        var latest = changes.Where(c => c.On >= sixteen && c.On <= on).OrderBy(c => c.On).LastOrDefault();
        return latest is { Given: true }
            ? DossierDecision.Yes(ParentAccessRule, $"De leerling (16 of ouder) gaf een ouder inzage op {latest.On:yyyy-MM-dd}.")
            : DossierDecision.No(
                ParentAccessRule,
                latest is null
                    ? "Vanaf 16 jaar beslist de leerling zelf over het dossier; een ouder ziet het alleen als de leerling dat toestaat."
                    : $"Vanaf 16 jaar beslist de leerling zelf over het dossier; de leerling trok de inzage van een ouder in op {latest.On:yyyy-MM-dd}."
            );
    }

    /// <summary>P4: only a pupil of 16 or older gives or withdraws a parent's access; before that the parent sees the dossier anyway.</summary>
    public static DossierDecision MayChangeParentAccess(DateOnly? birthDate, DateOnly on) =>
        ConsentFrom(birthDate, on) == ConsentBy.Leerling
            ? DossierDecision.Yes(ParentAccessRule, "Vanaf 16 jaar beslist de leerling zelf wie het dossier mag inzien.")
            : DossierDecision.No(ParentAccessRule, "Onder de 16 ziet een ouder of verzorger het dossier al; de leerling beslist erover vanaf 16 jaar.");

    /// <summary>The rule that decides a parent's access to the dossier from the pupil's 16th birthday.</summary>
    public const string ParentAccessRule = "P4";

    /// <summary>
    /// Whether <paramref name="reader"/> (an mbo institution, BRIN4) may read <paramref name="category"/> of the request's
    /// pupil on <paramref name="on"/>: the request must be the reader's own, name the category (purpose binding), not have
    /// expired; an OKR category passes without consent from 1 August 2020 (P3), a care category (and, before that date,
    /// every category) needs the latest consent change for that category and institution to be a "given" by the right
    /// person (P4, P5). A withdrawal takes effect on the next read.
    /// </summary>
    public static DossierDecision MayRead(
        DossierRequest request,
        string reader,
        DossierCategory category,
        IEnumerable<ConsentChange> consents,
        DateOnly? birthDate,
        DateOnly on
    )
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(consents);
        if (!string.Equals(request.Institution, reader, StringComparison.OrdinalIgnoreCase))
            return DossierDecision.No("P2", "Alleen de instelling die het dossier opvroeg, mag het lezen.");
        if (!request.Categories.Contains(category))
            return DossierDecision.No("P1", "Deze categorie hoort niet bij het doel van het verzoek.");
        if (on < request.On)
            return DossierDecision.No("P2", "Het verzoek bestond op die datum nog niet.");
        if (on > request.Expires)
            return DossierDecision.No("P1", $"Het verzoek is verlopen op {request.Expires:yyyy-MM-dd}.");
        if (!NeedsChoice(category, on))
            return DossierDecision.Yes("P3", "Onderwijskundig rapport: wettelijke grondslag sinds 1 augustus 2020; de leerling kan inzien wat gedeeld is.");

        var from = ConsentFrom(birthDate, on);
        var latest = consents
            .Where(c => c.Category == category && string.Equals(c.Institution, request.Institution, StringComparison.OrdinalIgnoreCase) && c.On <= on)
            .OrderBy(c => c.On)
            .LastOrDefault();
        var rule = category.NeedsConsent() ? "P5" : "P3";
        if (latest is null)
            return DossierDecision.No(
                rule,
                category.NeedsConsent()
                    ? "Zorggegevens worden alleen gedeeld met uitdrukkelijke toestemming, en die is er niet."
                    : "Vóór 1 augustus 2020 was toestemming nodig, en die is er niet."
            );
        if (!latest.Given)
            return DossierDecision.No(rule, $"De toestemming is ingetrokken op {latest.On:yyyy-MM-dd}.");
        if (latest.By != from)
            return DossierDecision.No(
                "P4",
                from == ConsentBy.Leerling
                    ? "Vanaf 16 jaar geeft de leerling zelf toestemming; de toestemming van een ouder geldt niet meer."
                    : "Onder de 16 geeft een ouder toestemming, niet de leerling zelf."
            );
        return DossierDecision.Yes(
            rule,
            $"Toestemming gegeven op {latest.On:yyyy-MM-dd} door " + $"{(latest.By == ConsentBy.Leerling ? "de leerling" : "een ouder")}."
        );
    }

    /// <summary>The consent changes recorded in a stream (<see cref="EventKind.ToestemmingGegeven"/>/<see cref="EventKind.ToestemmingIngetrokken"/>, detail
    /// <c>category/by</c>).</summary>
    public static ImmutableArray<ConsentChange> Consents(IEnumerable<TransitionEvent> stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var result = ImmutableArray.CreateBuilder<ConsentChange>();
        foreach (var e in stream)
        {
            if (e.Kind is not (EventKind.ToestemmingGegeven or EventKind.ToestemmingIngetrokken) || e.Institution is not { Length: >= 4 } at)
                continue;
            if (!TryParseDetail(e.Detail, out var category, out var by))
                continue;
            result.Add(new(category, at[..4], e.Kind == EventKind.ToestemmingGegeven, by, e.Date));
        }
        return result.ToImmutable();
    }

    /// <summary>
    /// The detail of a consent event: <c>zorg/leerling</c>, <c>zorg/ouder</c>; the second and later change of the same
    /// category at the same place on one day carry their ordinal (<c>zorg/leerling/2</c>), so that giving consent again on
    /// the day it was withdrawn is a new event, not one the store already holds.
    /// </summary>
    public static string Detail(DossierCategory category, ConsentBy by, int ordinal = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ordinal, 1);
        var detail = $"{Name(category)}/{(by == ConsentBy.Leerling ? "leerling" : "ouder")}";
        return ordinal == 1 ? detail : detail + "/" + ordinal.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The category's name in lower case, as events and the API write it.</summary>
    public static string Name(DossierCategory category) => category.ToString().ToLowerInvariant();

    /// <summary>The category of a lower-case name, if any.</summary>
    public static bool TryCategory(string? name, out DossierCategory category)
    {
        category = default;
        return name is { Length: > 0 } && name.All(char.IsAsciiLetterLower) && Enum.TryParse(name, ignoreCase: true, out category) && Enum.IsDefined(category);
    }

    private static bool TryParseDetail(string? detail, out DossierCategory category, out ConsentBy by)
    {
        category = default;
        by = default;
        var parts = detail?.Split('/');
        if (parts is not ([_, _] or [_, _, _]) || !TryCategory(parts[0], out category))
            return false;
        if (parts.Length == 3 && !(parts[2].Length is > 0 and < 6 && parts[2].All(char.IsAsciiDigit) && parts[2][0] != '0' && parts[2] != "1"))
            return false;
        var who = parts[1];
        switch (who)
        {
            case "leerling":
                by = ConsentBy.Leerling;
                return true;
            case "ouder":
                by = ConsentBy.Ouder;
                return true;
            default:
                return false;
        }
    }
}
