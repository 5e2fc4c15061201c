using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web.Pages.Leerlingen;

/// <summary>
/// Where a pupil stands with their applications, as the decaan counts them: the furthest any application got. Ordered
/// so that the pupils who need the decaan come first.
/// </summary>
public enum PupilStatus
{
    /// <summary>No application at all.</summary>
    NietAangemeld,

    /// <summary>Refused, and no application open or admitted.</summary>
    Afgewezen,

    /// <summary>Withdrew every application.</summary>
    Ingetrokken,

    /// <summary>Applied; no intake yet.</summary>
    Aangemeld,

    /// <summary>An intake was held; no decision yet.</summary>
    IntakeGedaan,

    /// <summary>Admitted or placed somewhere.</summary>
    Toegelaten,
}

/// <summary>The orders the list can be sorted in.</summary>
public enum PupilSort
{
    Naam,
    Nummer,
    Status,
    Instelling,
    Signaal,
}

/// <summary>
/// What the decaan asked for: a search text (name or pupil number), a status, an mbo institution (BRIN4) and a programme
/// (crebo) applied to, only pupils with a signal, and an order. Every part is optional.
/// </summary>
public sealed record PupilQuery(
    string? Search = null,
    PupilStatus? Status = null,
    string? Institution = null,
    int? Crebo = null,
    bool OnlySignals = false,
    PupilSort Sort = PupilSort.Naam
);

/// <summary>
/// The filtered, sorted pupils and the counts per status. The counts cover the pupils the search and the other filters
/// leave, before the status filter: they say how the pupils in view are spread, and each is a way into the list.
/// </summary>
public sealed record PupilListResult(ImmutableArray<SchoolPupil> Pupils, int InScope, ImmutableDictionary<PupilStatus, int> Counts);

/// <summary>A choice in a filter: the value in the query string and the name shown.</summary>
public sealed record PupilChoice(string Value, string Name);

/// <summary>
/// The decaan's working list as a pure function of the school's pupils and the query: filter, sort, count. The page, the
/// print view and the exports all show what this returns, so they always agree.
/// </summary>
public static class PupilList
{
    private static readonly StringComparer Text = StringComparer.OrdinalIgnoreCase;

    /// <summary>The furthest any of the pupil's applications got (<see cref="PupilStatus"/>).</summary>
    public static PupilStatus StatusOf(SchoolPupil pupil)
    {
        ArgumentNullException.ThrowIfNull(pupil);
        var statuses = pupil.Applications.Select(a => a.Status).ToHashSet();
        if (statuses.Count == 0)
            return PupilStatus.NietAangemeld;
        if (statuses.Contains(ApplicationStatus.Toegelaten) || statuses.Contains(ApplicationStatus.Geplaatst))
            return PupilStatus.Toegelaten;
        if (statuses.Contains(ApplicationStatus.IntakeGehouden))
            return PupilStatus.IntakeGedaan;
        if (statuses.Contains(ApplicationStatus.Aangemeld))
            return PupilStatus.Aangemeld;
        return statuses.Contains(ApplicationStatus.Afgewezen) ? PupilStatus.Afgewezen : PupilStatus.Ingetrokken;
    }

    /// <summary>Filters, sorts and counts the pupils as the query asks.</summary>
    /// <param name="names">Institution names by BRIN4 (for sorting by institution).</param>
    public static PupilListResult Apply(IEnumerable<SchoolPupil> pupils, PupilQuery query, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(pupils);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(names);
        var search = query.Search?.Trim();
        var scope = pupils
            .Where(p =>
                (
                    string.IsNullOrEmpty(search)
                    || p.Key.Contains(search, StringComparison.OrdinalIgnoreCase)
                    || (p.Name?.Contains(search, StringComparison.OrdinalIgnoreCase) ?? false)
                )
                && (!query.OnlySignals || !p.Signals.IsEmpty)
                && (
                    query.Institution is null && query.Crebo is null
                    || p.Applications.Any(a =>
                        (query.Institution is null || InstitutionOf(a) == query.Institution || a.Institution == query.Institution)
                        && (query.Crebo is null || a.Crebo == query.Crebo)
                    )
                )
            )
            .ToList();
        var counts = Enum.GetValues<PupilStatus>().ToImmutableDictionary(s => s, _ => 0).ToBuilder();
        foreach (var p in scope)
            counts[StatusOf(p)]++;
        var shown = query.Status is { } status ? scope.Where(p => StatusOf(p) == status) : scope;
        return new([.. Sort(shown, query.Sort, names)], scope.Count, counts.ToImmutable());
    }

    private static IOrderedEnumerable<SchoolPupil> Sort(IEnumerable<SchoolPupil> pupils, PupilSort sort, IReadOnlyDictionary<string, string> names)
    {
        var sorted = sort switch
        {
            PupilSort.Nummer => pupils.OrderBy(p => p.Key, StringComparer.Ordinal),
            PupilSort.Status => pupils.OrderBy(StatusOf).ThenBy(SortName, Text),
            PupilSort.Instelling => pupils
                .OrderBy(p => FirstInstitution(p, names) is null)
                .ThenBy(p => FirstInstitution(p, names) ?? "", Text)
                .ThenBy(SortName, Text),
            PupilSort.Signaal => pupils
                .OrderBy(p => p.Signals.IsEmpty)
                .ThenBy(p => p.Signals.IsEmpty ? "" : Label(p.Signals[0].Kind), Text)
                .ThenBy(SortName, Text),
            _ => pupils.OrderBy(SortName, Text),
        };
        return sorted.ThenBy(p => p.Key, StringComparer.Ordinal);
    }

    // Family name first, as a class list is read; a pupil without a name by number.
    private static string SortName(SchoolPupil p) =>
        p.Name is { } name && name.LastIndexOf(' ') is var space and > 0 ? name[(space + 1)..] + " " + name[..space] : p.Name ?? p.Key;

    private static string? FirstInstitution(SchoolPupil p, IReadOnlyDictionary<string, string> names) =>
        (p.Applications.FirstOrDefault(a => a.Active) ?? p.Applications.FirstOrDefault()) is { } a ? InstitutionName(InstitutionOf(a), names) : null;

    /// <summary>The mbo institution (BRIN4) of an application's location.</summary>
    public static string InstitutionOf(Application application)
    {
        ArgumentNullException.ThrowIfNull(application);
        return application.Institution.Length >= 4 ? application.Institution[..4] : application.Institution;
    }

    /// <summary>The institution's name, or its code when the store does not know it.</summary>
    public static string InstitutionName(string code, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        return names.GetValueOrDefault(code, code);
    }

    /// <summary>Where an application went: the location's name, behind the institution's when the location's does not say it.</summary>
    public static string Where(Application application, IReadOnlyDictionary<string, string> names)
    {
        ArgumentNullException.ThrowIfNull(application);
        var location = EventText.Where(application.Institution, names);
        var institution = InstitutionName(InstitutionOf(application), names);
        return institution == InstitutionOf(application) || location.Contains(institution, StringComparison.OrdinalIgnoreCase)
            ? location
            : $"{institution}, {location}";
    }

    /// <summary>The programme by its name from the kwalificatiestructuur, with niveau and crebo: "Verzorgende IG (niveau 3, crebo 25491)".</summary>
    public static string Programme(Application application, IReadOnlyDictionary<int, string> programmes)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(programmes);
        var detail = new List<string>(2);
        if (application.Niveau is { } n)
            detail.Add("niveau " + n.ToString(CultureInfo.InvariantCulture));
        if (application.Crebo is { } c)
            detail.Add("crebo " + c.ToString(CultureInfo.InvariantCulture));
        var name = application.Crebo is { } crebo && programmes.TryGetValue(crebo, out var known) ? known : null;
        return name is null ? (detail.Count == 0 ? "opleiding onbekend" : string.Join(", ", detail))
            : detail.Count == 0 ? name
            : $"{name} ({string.Join(", ", detail)})";
    }

    /// <summary>The institutions and programmes the school's pupils applied to, by name, for the filters.</summary>
    public static (ImmutableArray<PupilChoice> Institutions, ImmutableArray<PupilChoice> Programmes) Choices(
        IEnumerable<SchoolPupil> pupils,
        IReadOnlyDictionary<string, string> names,
        IReadOnlyDictionary<int, string> programmes
    )
    {
        ArgumentNullException.ThrowIfNull(pupils);
        var applications = pupils.SelectMany(p => p.Applications).ToList();
        var institutions = applications
            .Select(InstitutionOf)
            .Distinct(StringComparer.Ordinal)
            .Select(code => new PupilChoice(code, InstitutionName(code, names)))
            .OrderBy(c => c.Name, Text)
            .ThenBy(c => c.Value, StringComparer.Ordinal);
        var offered = applications
            .Where(a => a.Crebo is not null)
            .GroupBy(a => a.Crebo!.Value)
            .Select(g => new PupilChoice(g.Key.ToString(CultureInfo.InvariantCulture), Programme(g.First(), programmes)))
            .OrderBy(c => c.Name, Text);
        return ([.. institutions], [.. offered]);
    }

    /// <summary>The status as a word in a sentence ("niet aangemeld", "intake gedaan").</summary>
    public static string Label(PupilStatus status) =>
        status switch
        {
            PupilStatus.NietAangemeld => "niet aangemeld",
            PupilStatus.Afgewezen => "afgewezen",
            PupilStatus.Ingetrokken => "ingetrokken",
            PupilStatus.Aangemeld => "aangemeld",
            PupilStatus.IntakeGedaan => "intake gedaan",
            PupilStatus.Toegelaten => "toegelaten",
            _ => status.ToString(),
        };

    /// <summary>The status's value in the query string (<c>?status=niet-aangemeld</c>).</summary>
    public static string Value(PupilStatus status) => Label(status).Replace(' ', '-');

    /// <summary>The status a query-string value names, or null (also for an unknown value: then no status filter).</summary>
    public static PupilStatus? ParseStatus(string? value) => Enum.GetValues<PupilStatus>().Cast<PupilStatus?>().FirstOrDefault(s => Value(s!.Value) == value);

    /// <summary>The order a query-string value names; by name when none or unknown.</summary>
    public static PupilSort ParseSort(string? value) => Enum.GetValues<PupilSort>().FirstOrDefault(s => Value(s) == value);

    /// <summary>The order's value in the query string (<c>?sorteer=status</c>).</summary>
    public static string Value(PupilSort sort) => sort.ToString().ToLowerInvariant();

    /// <summary>Each signal's own short label, so that the decaan tells them apart at a glance (and never by colour alone).</summary>
    public static string Label(SignalKind kind) =>
        kind switch
        {
            SignalKind.NogNietAangemeld => "Nog niet aangemeld",
            SignalKind.GeenAanmelding => "Geen toelatingsrecht",
            SignalKind.Afgewezen => "Afgewezen, niets anders",
            SignalKind.Ingetrokken => "Ingetrokken, niets open",
            SignalKind.LagerNiveau => "Lager niveau dan gebruikelijk",
            _ => kind.ToString(),
        };
}
