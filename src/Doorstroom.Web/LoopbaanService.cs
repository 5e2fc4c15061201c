using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>
/// The loopbaandossier (issue 16, decision 0030): the pupil records LOB activities and the choice so far; a mentor or decaan of
/// the pupil's school reads it and adds a remark; a parent reads it while P4 lets them; an mbo reads what the school released
/// through a dossier request (<see cref="DossierService.Read"/>). Facts go in the stream (<see cref="EventKind.LobActiviteit"/>,
/// <see cref="EventKind.KeuzeVastgelegd"/>), texts in the dossier category loopbaan; the event, its entry and the audit line
/// are one transaction. Anything outside the caller's scope is not found.
/// </summary>
public sealed class LoopbaanService(SiteServices site, DossierService dossier)
{
    private Database Database => site.Database;

    /// <summary>The pupil's own loopbaandossier (a pupil), or a parent's view while P4 lets them (refused with the rule otherwise); audited.</summary>
    public DossierOutcome<Loopbaandossier> Own(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role is not (Roles.Leerling or Roles.Ouder) || caller.Pupil is not { } pupil)
            return DossierOutcome.Missing<Loopbaandossier>();
        var action = caller.Role == Roles.Ouder ? "ingezien door ouder" : "ingezien door leerling";
        if (caller.Role == Roles.Ouder && dossier.ParentAccess(pupil) is { Allowed: false } refused)
        {
            Audit(caller, pupil, action, "geweigerd", refused.Rule);
            return DossierOutcome.Refused<Loopbaandossier>(refused);
        }
        Audit(caller, pupil, action, "gedaan", "P3");
        return DossierOutcome.Done(Full(pupil));
    }

    /// <summary>A pupil's loopbaandossier as a mentor or decaan of the pupil's school reads it; not found outside the school; audited.</summary>
    public DossierOutcome<Loopbaandossier> School(Caller caller, string pupil)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!AtSchool(caller, pupil))
            return DossierOutcome.Missing<Loopbaandossier>();
        Audit(caller, pupil, "ingezien door school", "gedaan", null);
        return DossierOutcome.Done(Full(pupil));
    }

    /// <summary>
    /// The loopbaandossier of <paramref name="pupil"/> for whoever may read it by key: the pupil or a parent their own, a decaan the school's.
    /// </summary>
    public DossierOutcome<Loopbaandossier> Read(Caller caller, string pupil)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role is Roles.Leerling or Roles.Ouder
            ? caller.Pupil == pupil
                ? Own(caller)
                : DossierOutcome.Missing<Loopbaandossier>()
            : School(caller, pupil);
    }

    /// <summary>What the mbo reads in category loopbaan of an allowed request: the released entries with the events they belong to.</summary>
    public Loopbaandossier Released(DossierRead read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return Loopbaandossier.Released(
            read.Request.Pupil,
            new EventStore(Database).Stream(read.Request.Pupil),
            read.Entries,
            InstitutionNames.All(Database),
            ProgrammeNames.All(Database)
        );
    }

    /// <summary>
    /// The pupil records an LOB activity: the <see cref="EventKind.LobActiviteit"/> event, the reflection (entry kind
    /// <c>reflectie</c>, linked to the event) and the audit line in one transaction; any bad field refuses the whole.
    /// </summary>
    public LoopbaanUitkomst RecordActivity(Caller caller, string pupil, string? soort, string? datum, string? waar, string? crebo, string? reflectie)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!IsOwnPupil(caller, pupil))
            return LoopbaanUitkomst.Missing;
        var school = VoSchool(pupil);
        var programmes = ProgrammeNames.All(Database);
        var fouten = LoopbaanInvoer.Activiteit(
            soort,
            datum,
            waar,
            crebo,
            reflectie,
            site.Today,
            place => place == school || InstitutionDirectory.IsMboLocation(Database, place),
            programmes.ContainsKey,
            out var invoer
        );
        if (invoer is null)
            return LoopbaanUitkomst.Refused(fouten);
        var e = new TransitionEvent(pupil, invoer.Datum, EventKind.LobActiviteit, invoer.Waar, Crebo: invoer.Crebo, Detail: JsonSpelling.Of(invoer.Soort));
        return Store(caller, pupil, e, DossierStore.Reflection, invoer.Reflectie, school ?? invoer.Waar, "activiteit vastgelegd");
    }

    /// <summary>
    /// The pupil records the choice so far: the <see cref="EventKind.KeuzeVastgelegd"/> event (first programme's crebo, how sure),
    /// the text (entry kind <c>keuze</c>: the programmes and the motivation) and the audit line in one transaction.
    /// </summary>
    public LoopbaanUitkomst RecordChoice(Caller caller, string pupil, IReadOnlyList<string?> opleidingen, string? motivatie, string? zekerheid, string? datum)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!IsOwnPupil(caller, pupil))
            return LoopbaanUitkomst.Missing;
        var programmes = ProgrammeNames.All(Database);
        var fouten = LoopbaanInvoer.Keuze(opleidingen, motivatie, zekerheid, datum, site.Today, c => programmes.GetValueOrDefault(c), out var invoer);
        var school = VoSchool(pupil);
        if (school is null)
            fouten = fouten.Add(new("Datum", "Er is geen vo-school van je bekend; vraag je decaan om je inschrijving vast te leggen."));
        if (invoer is null || school is null)
            return LoopbaanUitkomst.Refused(fouten);
        var e = new TransitionEvent(
            pupil,
            invoer.Datum,
            EventKind.KeuzeVastgelegd,
            school,
            Crebo: invoer.Opleidingen.FirstOrDefault()?.Crebo,
            Detail: JsonSpelling.Of(invoer.Zekerheid)
        );
        return Store(caller, pupil, e, DossierStore.Choice, KeuzeTekst.Schrijf(invoer.Opleidingen, invoer.Motivatie), school, "keuze vastgelegd");
    }

    /// <summary>A mentor or decaan of the pupil's school adds a remark (entry kind <c>opmerking</c>, not released); audited in the same transaction.</summary>
    public LoopbaanUitkomst AddRemark(Caller caller, string pupil, string? tekst, string? datum)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!AtSchool(caller, pupil))
            return LoopbaanUitkomst.Missing;
        var fouten = LoopbaanInvoer.Opmerking(tekst, datum, site.Today, out var invoer);
        if (invoer is not { } remark)
            return LoopbaanUitkomst.Refused(fouten);
        var entry = new DossierEntry(
            0,
            pupil,
            DossierCategory.Loopbaan,
            DossierStore.Remark,
            remark.Datum,
            caller.Name,
            caller.Institution!,
            remark.Tekst,
            false,
            false
        );
        var id = AuditLog.Write(
            Database,
            (connection, transaction) => DossierStore.AddEntry(connection, transaction, entry),
            id => id is null ? [] : [Entry(caller, pupil, "opmerking geschreven", "gedaan", null)]
        );
        return id is { } stored ? LoopbaanUitkomst.Stored(stored) : LoopbaanUitkomst.Missing;
    }

    /// <summary>The pupil's vo school (the latest vo location in the stream), or null when the stream has none.</summary>
    public string? VoSchool(string pupil) =>
        new EventStore(Database).Stream(pupil).LastOrDefault(e => e.Institution is { Length: 6 } at && site.IsVo(at))?.Institution;

    /// <summary>The mbo locations a pupil may name as the place of an activity, by institution name and place.</summary>
    public ImmutableArray<MboLocatieSummary> MboLocations()
    {
        var all = ImmutableArray.CreateBuilder<MboLocatieSummary>();
        string? after = null;
        do
        {
            var page = InstitutionDirectory.Mbo(Database, after, PupilDirectory.MaxPage);
            all.AddRange(page.Items);
            after = page.NextAfter;
        } while (after is not null);
        return
        [
            .. all.OrderBy(l => l.Instelling, StringComparer.CurrentCulture)
                .ThenBy(l => l.Plaats, StringComparer.CurrentCulture)
                .ThenBy(l => l.Brin6, StringComparer.Ordinal),
        ];
    }

    private LoopbaanUitkomst Store(Caller caller, string pupil, TransitionEvent e, string kind, string body, string institution, string action)
    {
        if (PupilDirectory.Record(Database, e) is not { } record)
            return LoopbaanUitkomst.Missing;
        var entry = new DossierEntry(0, pupil, DossierCategory.Loopbaan, kind, e.Date, caller.Name, institution, body, false, false, EventDigest.Of(e));
        // The fact, its text and the audit line are one transaction: never a reflection without its activity, nor either without "vastgelegd".
        var id = AuditLog.Write(
            Database,
            (connection, transaction) =>
            {
                new EventStore(Database).Append(connection, transaction, [record]);
                return DossierStore.AddEntry(connection, transaction, entry);
            },
            id => id is null ? [] : [Entry(caller, pupil, action, "gedaan", null)]
        );
        return id is { } stored ? LoopbaanUitkomst.Stored(stored) : LoopbaanUitkomst.Missing;
    }

    private Loopbaandossier Full(string pupil) =>
        Loopbaandossier.Full(
            pupil,
            new EventStore(Database).Stream(pupil),
            DossierStore.Entries(Database, pupil),
            InstitutionNames.All(Database),
            ProgrammeNames.All(Database)
        );

    private static bool IsOwnPupil(Caller caller, string pupil) => caller.Role == Roles.Leerling && caller.Pupil is { } own && own == pupil;

    private bool AtSchool(Caller caller, string pupil) =>
        caller.Role == Roles.Decaan
        && caller.Institution is { Length: >= 4 } at
        && site.HasVo(at)
        && PupilDirectory.SchoolPupil(Database, site.Locations(at), pupil, site.Today) is not null;

    private void Audit(Caller caller, string pupil, string action, string outcome, string? rule) =>
        AuditLog.Append(Database, Entry(caller, pupil, action, outcome, rule));

    private AuditEntry Entry(Caller caller, string pupil, string action, string outcome, string? rule) =>
        new(
            site.Clock.GetUtcNow(),
            caller.Name,
            caller.Role,
            caller.Institution,
            pupil,
            "loopbaan: " + action,
            DossierRules.Name(DossierCategory.Loopbaan),
            null,
            outcome,
            rule
        );
}
