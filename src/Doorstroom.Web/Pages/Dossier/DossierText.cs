using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Pages.Dossier;

/// <summary>How the dossier pages say things in Dutch: categories, entry kinds, rules, audit moments and institutions.</summary>
public static class DossierText
{
    /// <summary>Every category, in the order the forms show them.</summary>
    public static ImmutableArray<DossierCategory> Categories { get; } = [.. Enum.GetValues<DossierCategory>()];

    /// <summary>The category as a person reads it.</summary>
    public static string Category(DossierCategory category) => DutchText.Category(category);

    /// <summary>A category name as the audit log stores it (lower case), as a person reads it.</summary>
    public static string Category(string? name) => DossierRules.TryCategory(name, out var category) ? Category(category) : name ?? "–";

    /// <summary>The entry kind: notitie, warme overdracht, or (loopbaandossier) reflectie, keuze, opmerking.</summary>
    public static string Kind(string kind) =>
        kind switch
        {
            DossierStore.WarmHandOver => "warme overdracht",
            DossierStore.Reflection => "reflectie",
            DossierStore.Choice => "keuze",
            DossierStore.Remark => "opmerking",
            _ => "notitie",
        };

    /// <summary>
    /// The one line on /mijn-dossier for the categories that go without a choice (P3), to the pupil or to a parent ("je"):
    /// "Je administratieve gegevens, leerresultaten … en advies gaan sinds 1 augustus 2020 zonder toestemming mee …".
    /// </summary>
    public static string WithoutChoice(IReadOnlyList<DossierCategory> categories, bool parent)
    {
        ArgumentNullException.ThrowIfNull(categories);
        var names = categories
            .Select(c => Category(c) is var n && n.Length > 1 && char.IsLower(n[1]) ? char.ToLowerInvariant(n[0]) + n[1..] : Category(c))
            .ToList();
        var list = names.Count > 1 ? string.Join(", ", names.Take(names.Count - 1)) + " en " + names[^1] : string.Join("", names);
        return parent
            ? $"De {list} van je kind gaan sinds 1 augustus 2020 zonder toestemming mee naar een mbo-instelling waar je kind zich aanmeldde (regel P3). "
                + $"Daarvoor hoef je niets te kiezen; wat erin staat, zie je hierboven."
            : $"Je {list} gaan sinds 1 augustus 2020 zonder toestemming mee naar een mbo-instelling waar je je aanmeldde (regel P3). Daarvoor hoef je niets "
                + $"te kiezen; wat erin staat, zie je hierboven.";
    }

    /// <summary>A rule of rulebook §10 with what it is about.</summary>
    public static string Rule(string? rule) =>
        rule switch
        {
            null or "" => "–",
            "P1" => "P1 · doelbinding en bewaartermijn",
            "P2" => "P2 · pas na aanmelding",
            "P3" => "P3 · onderwijskundig rapport",
            "P4" => "P4 · wie toestemming geeft",
            "P5" => "P5 · zorg alleen met toestemming",
            _ => rule,
        };

    /// <summary>
    /// What an audit entry did, as the pupil reads it in the log: a read names who really read (by the entry's role, so a
    /// parent is never called "leerling"), and a refused read says so instead of "gelezen" or "ingezien".
    /// </summary>
    public static string Action(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var refused = entry.Outcome == "geweigerd";
        if (entry.Action == "gelezen")
            return refused ? "lezen geweigerd" : "gelezen";
        if (entry.Action.StartsWith("ingezien door ", StringComparison.Ordinal) && entry.Role is Roles.Leerling or Roles.Ouder)
        {
            var who = entry.Role == Roles.Ouder ? "ouder of verzorger" : "leerling";
            return refused ? $"inzien door {who} geweigerd" : $"ingezien door {who}";
        }
        return entry.Action;
    }

    /// <summary>A dossier's entries for the school's list: "nog leeg", "1 onderdeel, niet vrijgegeven", "3 onderdelen, 2 vrijgegeven", "… alle
    /// vrijgegeven".</summary>
    public static string Entries(DossierStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        if (status.Entries == 0)
            return "nog leeg";
        var count = status.Entries == 1 ? "1 onderdeel" : $"{status.Entries} onderdelen";
        var released =
            status.Released == 0 ? "niet vrijgegeven"
            : status.Released == status.Entries ? (status.Entries == 1 ? "vrijgegeven" : "alle vrijgegeven")
            : $"{status.Released} vrijgegeven";
        return $"{count}, {released}";
    }

    /// <summary>An audit moment in Dutch time: 30 november 2026 om 10:05.</summary>
    public static string Moment(DateTimeOffset at) => DutchFormat.Moment(DutchTime.Of(at));

    /// <summary>The name of an mbo institution (BRIN4) or a location or school (BRIN6), else the code.</summary>
    public static string Institution(Database database, string? code) => string.IsNullOrEmpty(code) ? "–" : InstitutionNames.Of(database, code);
}
