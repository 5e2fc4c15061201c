using System.Collections.Immutable;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// Every read of a named pupil's data outside the dossier (the pupil list, a timeline, the pupils API) goes to the audit log:
/// who (actor, role, institution), which pupil, which view (the entry's purpose, a <see cref="PupilView"/> code) and when,
/// so that the pupil reads it on /mijn-dossier/logboek. A list read is one hash-chained entry that covers the keys it showed
/// (count and digest) plus one narrow row per pupil to find it by: a list of 500 costs one hash and 500 small index rows, not
/// 500 full entries (which measured at a third of the list's own cost).
/// </summary>
public sealed class ReadLog(SiteServices site)
{
    /// <summary>The action of a read outside the dossier.</summary>
    public const string Action = "bekeken";

    /// <summary>One pupil's data was shown to the caller in <paramref name="view"/>: one entry.</summary>
    public void Pupil(Caller caller, string view, string pupil)
    {
        ArgumentNullException.ThrowIfNull(caller);
        AuditLog.Append(site.Database, Entry(caller, view, pupil));
    }

    /// <summary>
    /// A list showed these pupils to the caller in <paramref name="view"/>: one entry for the list and one narrow row per pupil
    /// (<see cref="AuditLog.AppendList"/>), in one transaction; nothing when the list was empty.
    /// </summary>
    public void Pupils(Caller caller, string view, IEnumerable<string> pupils)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(pupils);
        var keys = pupils.ToList();
        if (keys.Count > 0)
            AuditLog.AppendList(site.Database, Entry(caller, view, null), keys);
    }

    private AuditEntry Entry(Caller caller, string view, string? pupil) =>
        new(site.Clock.GetUtcNow(), caller.Name, caller.Role, caller.Institution, pupil, Action, null, view, "gedaan", null);
}

/// <summary>The views a read outside the dossier is logged under (stored as the audit entry's purpose), and their Dutch names.</summary>
public static class PupilView
{
    public const string SchoolList = "leerlingenlijst",
        SchoolTimeline = "tijdlijn school",
        Applicants = "aanmeldingen mbo",
        Applicant = "aanmelding mbo",
        OwnTimeline = "eigen tijdlijn",
        ApiList = "api leerlingen",
        ApiPupil = "api leerling",
        ApiEvents = "api gebeurtenissen",
        SchoolExport = "leerlingenlijst download",
        DossierList = "dossierlijst school",
        MeeloopdagSignUps = "meeloopdag deelnemers";

    /// <summary>The planner filled in from the pupil's record: by the pupil or a parent, by the school's decaan.</summary>
    public const string OwnPlanner = "eigen planner",
        SchoolPlanner = "planner school";

    private static readonly ImmutableDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [SchoolList] = "de leerlingenlijst van de school",
        [SchoolTimeline] = "je tijdlijn, bij de school",
        [Applicants] = "de lijst met aanmeldingen van de mbo-instelling",
        [Applicant] = "je aanmelding en tijdlijn, bij de mbo-instelling",
        [OwnTimeline] = "je eigen tijdlijn",
        [ApiList] = "een leerlingenlijst, via de koppeling (API)",
        [ApiPupil] = "je gegevens, via de koppeling (API)",
        [ApiEvents] = "je gebeurtenissen, via de koppeling (API)",
        [SchoolExport] = "de leerlingenlijst van de school, gedownload (Excel of CSV)",
        [OwnPlanner] = "je gegevens, in de planner",
        [SchoolPlanner] = "je gegevens, in de planner bij de school",
        [DossierList] = "de lijst met overstapdossiers van de school",
        [MeeloopdagSignUps] = "de deelnemerslijst van een meeloopdag, bij de mbo-instelling",
    }.ToImmutableDictionary(StringComparer.Ordinal);

    /// <summary>The view as a pupil reads it in their log; an unknown code as stored.</summary>
    public static string Name(string? view) => view is not null && Names.TryGetValue(view, out var name) ? name : view ?? "–";
}
