using System.Collections.Immutable;
using Doorstroom.Domain;
using Doorstroom.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace Doorstroom.Web;

/// <summary>What a dossier call answers: done (with a value), refused by a rule (with why), or not found (nothing leaks).</summary>
public sealed record DossierOutcome<T>(T? Value, DossierDecision? Refusal, bool NotFound);

/// <summary>The three ways a dossier call ends.</summary>
public static class DossierOutcome
{
    public static DossierOutcome<T> Done<T>(T value) => new(value, null, false);

    public static DossierOutcome<T> Refused<T>(DossierDecision why) => new(default, why, false);

    public static DossierOutcome<T> Missing<T>() => new(default, null, true);
}

/// <summary>A category read: the decision (with its rule) and, when allowed, the released entries in clear.</summary>
public sealed record DossierRead(DossierRequest Request, DossierCategory Category, DossierDecision Decision, ImmutableArray<DossierEntry> Entries);

/// <summary>
/// The transfer dossier for every role (rulebook §10, decision 0015): the vo school writes and releases entries, the mbo
/// institution requests after an application and reads per category under the rules, the pupil (or a parent) gives and
/// withdraws consent and reads the audit trail. Every read, write, share, refusal and consent change goes to the
/// hash-chained <see cref="AuditLog"/>. Care entries are sealed with ASP.NET Core Data Protection before they are stored.
/// </summary>
public sealed class DossierService(SiteServices site, IDataProtectionProvider protection)
{
    private readonly IDataProtector seal = protection.CreateProtector("Doorstroom.Dossier.Zorg.v1");

    private Database Database => site.Database;

    /// <summary>A vo decaan or zorgcoördinator writes an entry for a pupil of their own school (care entries sealed).</summary>
    public DossierOutcome<DossierEntry> Write(Caller caller, string pupil, DossierCategory category, string kind, DateOnly on, string body)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!WritesAtSchool(caller) || PupilDirectory.SchoolPupil(Database, site.Locations(caller.Institution!), pupil, site.Today) is null)
            return DossierOutcome.Missing<DossierEntry>();
        var entry = new DossierEntry(
            0,
            pupil,
            category,
            kind,
            on,
            caller.Name,
            caller.Institution!,
            category.NeedsConsent() ? seal.Protect(body) : body,
            Sealed: category.NeedsConsent(),
            Released: false
        );
        // The entry and its audit line are one transaction: never an entry without its "geschreven".
        var id = AuditLog.Write(
            Database,
            (connection, transaction) => DossierStore.AddEntry(connection, transaction, entry),
            id =>
                id is null
                    ? []
                    : [Entry(caller, pupil, kind == DossierStore.WarmHandOver ? "warme overdracht vastgelegd" : "geschreven", category, null, "gedaan", null)]
        );
        if (id is null)
            return DossierOutcome.Missing<DossierEntry>();
        return DossierOutcome.Done<DossierEntry>(entry with { Id = id.Value, Body = body });
    }

    /// <summary>The school releases (or holds back) an entry: only released entries go with a request.</summary>
    public DossierOutcome<bool> Release(Caller caller, string pupil, long entry, bool released)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!WritesAtSchool(caller) || PupilDirectory.SchoolPupil(Database, site.Locations(caller.Institution!), pupil, site.Today) is null)
            return DossierOutcome.Missing<bool>();
        var category = AuditLog.Write(
            Database,
            (connection, transaction) => DossierStore.Release(connection, transaction, pupil, entry, released),
            category => category is { } c ? [Entry(caller, pupil, released ? "vrijgegeven" : "teruggehouden", c, null, "gedaan", null)] : []
        );
        if (category is null)
            return DossierOutcome.Missing<bool>();
        return DossierOutcome.Done<bool>(released);
    }

    /// <summary>The school's view of a pupil's dossier (care entries opened), or null outside the school.</summary>
    public ImmutableArray<DossierEntry>? SchoolView(Caller caller, string pupil)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!WritesAtSchool(caller) || PupilDirectory.SchoolPupil(Database, site.Locations(caller.Institution!), pupil, site.Today) is null)
            return null;
        Audit(caller, pupil, "ingezien door school", null, null, "gedaan", null);
        return [.. DossierStore.Entries(Database, pupil).Select(Open)];
    }

    /// <summary>
    /// An mbo intake officer or zorgcoördinator requests a pupil's dossier for a purpose and categories: refused before the
    /// pupil applied there (P2, refused with the rule: the answer says that the pseudonymous key exists, nothing more;
    /// decision 0015). An unknown key is not found.
    /// </summary>
    public DossierOutcome<DossierRequest> Request(Caller caller, string pupil, string purpose, ImmutableArray<DossierCategory> categories)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!ReadsAsMbo(caller))
            return DossierOutcome.Missing<DossierRequest>();
        var institution = caller.Institution![..4];
        var today = site.Today;
        var stream = new EventStore(Database).Stream(pupil);
        if (stream.Count == 0)
            return DossierOutcome.Missing<DossierRequest>();
        var may = DossierRules.MayRequest(stream, institution, today);
        if (!may.Allowed)
        {
            Audit(caller, pupil, "verzoek", null, purpose, "geweigerd", may.Rule);
            return DossierOutcome.Refused<DossierRequest>(may);
        }
        var expires = DossierRules.DefaultExpiry(today).AddYears(Math.Max(0, site.Options.ShareYears - 1));
        var request = new DossierRequest(Guid.NewGuid().ToString("n"), pupil, institution, purpose, categories.Distinct().ToImmutableArray(), today, expires);
        AuditLog.Write(
            Database,
            (connection, transaction) => DossierStore.AddRequest(connection, transaction, request, caller.Name),
            stored =>
                stored
                    ?
                    [
                        Entry(
                            caller,
                            pupil,
                            "verzoek",
                            null,
                            purpose + " [" + string.Join(", ", request.Categories.Select(DossierRules.Name)) + "]",
                            "gedaan",
                            may.Rule
                        ),
                    ]
                    : []
        );
        return DossierOutcome.Done<DossierRequest>(request);
    }

    /// <summary>The requests the caller's institution made (mbo), oldest first.</summary>
    public ImmutableArray<DossierRequest> RequestsOf(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return ReadsAsMbo(caller) ? DossierStore.RequestsBy(Database, caller.Institution![..4]) : [];
    }

    /// <summary>
    /// Reads one category of a request under the rules on today's date: a request of another institution is not found; a
    /// refusal (no consent, withdrawn, expired, not in the purpose) is audited and returned with its rule.
    /// </summary>
    public DossierOutcome<DossierRead> Read(Caller caller, string requestId, DossierCategory category)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!ReadsAsMbo(caller))
            return DossierOutcome.Missing<DossierRead>();
        var request = DossierStore.Request(Database, requestId);
        var institution = caller.Institution![..4];
        if (request is null || !string.Equals(request.Institution, institution, StringComparison.OrdinalIgnoreCase))
            return DossierOutcome.Missing<DossierRead>();
        var stream = new EventStore(Database).Stream(request.Pupil);
        var birth = PupilBirth(request.Pupil);
        var decision = DossierRules.MayRead(request, institution, category, DossierRules.Consents(stream), birth, site.Today);
        Audit(caller, request.Pupil, "gelezen", category, request.Purpose, decision.Allowed ? "gedaan" : "geweigerd", decision.Rule);
        if (!decision.Allowed)
            return DossierOutcome.Refused<DossierRead>(decision);
        var entries = DossierStore.Entries(Database, request.Pupil).Where(e => e.Category == category && e.Released).Select(Open).ToImmutableArray();
        return DossierOutcome.Done<DossierRead>(new(request, category, decision, entries));
    }

    /// <summary>
    /// The pupil (from 16) or a parent gives or withdraws consent for a category to an institution the pupil applied to
    /// (recorded as an event at that location); the wrong person is refused (P4). A withdrawal counts from the next read.
    /// </summary>
    public DossierOutcome<ConsentChange> Consent(Caller caller, DossierCategory category, string institution, bool given)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role is not (Roles.Leerling or Roles.Ouder) || caller.Pupil is not { } pupil)
            return DossierOutcome.Missing<ConsentChange>();
        var stream = new EventStore(Database).Stream(pupil);
        var location = stream
            .LastOrDefault(e =>
                e.Kind == EventKind.Aangemeld && e.Institution is { Length: >= 4 } at && string.Equals(at[..4], institution, StringComparison.OrdinalIgnoreCase)
            )
            ?.Institution;
        if (location is null)
            return DossierOutcome.Missing<ConsentChange>();
        var today = site.Today;
        var by = caller.Role == Roles.Leerling ? ConsentBy.Leerling : ConsentBy.Ouder;
        var from = DossierRules.ConsentFrom(PupilBirth(pupil), today);
        if (by != from)
        {
            var why = DossierDecision.No(
                "P4",
                from == ConsentBy.Leerling ? "Vanaf 16 jaar geeft de leerling zelf " + "toestemming." : "Onder de 16 geeft een ouder toestemming."
            );
            Audit(caller, pupil, given ? "toestemming gegeven" : "toestemming ingetrokken", category, null, "geweigerd", "P4");
            return DossierOutcome.Refused<ConsentChange>(why);
        }
        var rule = category.NeedsConsent() ? "P5" : "P3";
        var earlier = DossierRules
            .Consents(stream)
            .Where(c => c.Category == category && string.Equals(c.Institution, location[..4], StringComparison.OrdinalIgnoreCase))
            .ToList();
        // Unchanged consent records nothing. A change back to a state recorded earlier today gets the day's next ordinal in its
        // detail: the store keeps an identical event once, and a withdrawal followed by consent again must both count.
        if (earlier.Count > 0 ? earlier[^1].Given == given && earlier[^1].By == by : !given)
            return DossierOutcome.Done<ConsentChange>(new(category, institution[..4], given, by, earlier.Count > 0 ? earlier[^1].On : today));
        var ordinal = 1 + earlier.Count(c => c.On == today);
        var e = new TransitionEvent(
            pupil,
            today,
            given ? EventKind.ToestemmingGegeven : EventKind.ToestemmingIngetrokken,
            location,
            Detail: DossierRules.Detail(category, by, ordinal)
        );
        var record = PupilDirectory.Record(Database, e)!;
        AuditLog.Write(
            Database,
            (connection, transaction) => new EventStore(Database).Append(connection, transaction, [record]),
            _ => [Entry(caller, pupil, given ? "toestemming gegeven" : "toestemming ingetrokken", category, null, "gedaan", rule)]
        );
        return DossierOutcome.Done<ConsentChange>(new(category, institution[..4], given, by, today));
    }

    /// <summary>The audit actions that record a pupil of 16 or older giving or withdrawing a parent's access (P4).</summary>
    public const string ParentAccessGiven = "inzage voor ouder gegeven",
        ParentAccessWithdrawn = "inzage voor ouder ingetrokken";

    /// <summary>The consent changes and requests about the caller's own dossier (pupil, or a parent while P4 lets them).</summary>
    public DossierOutcome<(ImmutableArray<ConsentChange> Consents, ImmutableArray<DossierRequest> Requests)> OwnShares(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Own<(ImmutableArray<ConsentChange>, ImmutableArray<DossierRequest>)>(caller, null, pupil =>
            (DossierRules.Consents(new EventStore(Database).Stream(pupil)), DossierStore.RequestsFor(Database, pupil))
        );
    }

    /// <summary>Who did what with the caller's own dossier, when and why (pupil, or a parent while P4 lets them).</summary>
    public DossierOutcome<ImmutableArray<AuditEntry>> OwnAudit(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Own(caller, null, pupil => AuditLog.ForPupil(Database, pupil));
    }

    /// <summary>
    /// The pupil's own entries as the pupil may read them (released or not; care opened): the right of inspection (P3). A
    /// parent of a pupil of 16 or older is refused (P4) unless the pupil gave them access; the read or refusal is audited.
    /// </summary>
    public DossierOutcome<ImmutableArray<DossierEntry>> OwnEntries(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Own(caller, caller.Role == Roles.Ouder ? "ingezien door ouder" : "ingezien door leerling", pupil =>
        {
            Audit(caller, pupil, caller.Role == Roles.Ouder ? "ingezien door ouder" : "ingezien door leerling", null, null, "gedaan", "P3");
            return ImmutableArray.CreateRange(DossierStore.Entries(Database, pupil).Select(Open));
        });
    }

    /// <summary>Everything the store keeps about the caller's pupil, for the AVG right of access (a parent only while P4 lets them); audited.</summary>
    public DossierOutcome<PupilExport> Export(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return Own(caller, "export", pupil =>
        {
            Audit(caller, pupil, "export", null, "AVG inzage", "gedaan", null);
            return new PupilExport(
                pupil,
                PupilRegister.Personal(Database, pupil),
                [.. new EventStore(Database).Stream(pupil)],
                [.. DossierStore.Entries(Database, pupil).Select(Open)],
                DossierStore.RequestsFor(Database, pupil),
                AuditLog.ForPupil(Database, pupil)
            );
        });
    }

    /// <summary>
    /// Whether a parent may see the pupil's dossier today (P4): always under 16, from 16 only while the pupil's latest change
    /// (recorded in the audit log, as the pupil's own act) is a "given".
    /// </summary>
    public DossierDecision ParentAccess(string pupil)
    {
        var changes = AuditLog
            .ForPupil(Database, pupil, [ParentAccessGiven, ParentAccessWithdrawn])
            .Where(e => e.Role == Roles.Leerling && e.Outcome == "gedaan")
            .Select(e => new ParentAccessChange(e.Action == ParentAccessGiven, DutchTime.DateOf(e.At)));
        return DossierRules.ParentMayRead(PupilBirth(pupil), changes, site.Today);
    }

    /// <summary>True when the caller is a pupil who decides about a parent's access (16 or older, P4).</summary>
    public bool DecidesParentAccess(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role == Roles.Leerling && caller.Pupil is { } pupil && DossierRules.MayChangeParentAccess(PupilBirth(pupil), site.Today).Allowed;
    }

    /// <summary>
    /// A pupil of 16 or older gives (or withdraws) a parent's access to the dossier (P4). The change is one audit entry, so
    /// it is recorded and audited in one write; unchanged access records nothing. A pupil under 16 is refused (the parent
    /// sees the dossier anyway); any other role is not found.
    /// </summary>
    public DossierOutcome<DossierDecision> ChangeParentAccess(Caller caller, bool given)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (caller.Role != Roles.Leerling || caller.Pupil is not { } pupil)
            return DossierOutcome.Missing<DossierDecision>();
        var may = DossierRules.MayChangeParentAccess(PupilBirth(pupil), site.Today);
        if (!may.Allowed)
        {
            Audit(caller, pupil, given ? ParentAccessGiven : ParentAccessWithdrawn, null, null, "geweigerd", may.Rule);
            return DossierOutcome.Refused<DossierDecision>(may);
        }
        if (ParentAccess(pupil).Allowed != given)
            Audit(caller, pupil, given ? ParentAccessGiven : ParentAccessWithdrawn, null, null, "gedaan", may.Rule);
        return DossierOutcome.Done(ParentAccess(pupil));
    }

    /// <summary>
    /// The caller's own pupil: a pupil reads their own dossier; a parent while P4 lets them, else refused (the refusal audited
    /// under <paramref name="action"/> when that is given); any other role is not found.
    /// </summary>
    private DossierOutcome<T> Own<T>(Caller caller, string? action, Func<string, T> read)
    {
        if (caller.Role is not (Roles.Leerling or Roles.Ouder) || caller.Pupil is not { } pupil)
            return DossierOutcome.Missing<T>();
        if (caller.Role == Roles.Ouder && ParentAccess(pupil) is { Allowed: false } refused)
        {
            if (action is not null)
                Audit(caller, pupil, action, null, null, "geweigerd", refused.Rule);
            return DossierOutcome.Refused<T>(refused);
        }
        return DossierOutcome.Done(read(pupil));
    }

    private DossierEntry Open(DossierEntry entry) => entry.Sealed ? entry with { Body = seal.Unprotect(entry.Body), Sealed = false } : entry;

    private DateOnly? PupilBirth(string pupil) => PupilDirectory.Attributes(Database, pupil)?.BirthDate;

    private bool WritesAtSchool(Caller caller) =>
        caller.Role is Roles.Decaan or Roles.Zorgcoordinator && caller.Institution is { Length: >= 4 } i && site.HasVo(i);

    private bool ReadsAsMbo(Caller caller) =>
        caller.Role is Roles.Intake or Roles.Zorgcoordinator && caller.Institution is { Length: >= 4 } i && site.HasMbo(i);

    private void Audit(Caller caller, string pupil, string action, DossierCategory? category, string? purpose, string outcome, string? rule) =>
        AuditLog.Append(Database, Entry(caller, pupil, action, category, purpose, outcome, rule));

    private AuditEntry Entry(Caller caller, string pupil, string action, DossierCategory? category, string? purpose, string outcome, string? rule) =>
        new(
            site.Clock.GetUtcNow(),
            caller.Name,
            caller.Role,
            caller.Institution,
            pupil,
            action,
            category is { } c ? DossierRules.Name(c) : null,
            purpose,
            outcome,
            rule
        );
}

/// <summary>All a pupil's data, for the AVG right of access (JSON).</summary>
public sealed record PupilExport(
    string Pupil,
    PersonalDetails? Personal,
    ImmutableArray<TransitionEvent> Events,
    ImmutableArray<DossierEntry> Dossier,
    ImmutableArray<DossierRequest> Requests,
    ImmutableArray<AuditEntry> Audit
);
