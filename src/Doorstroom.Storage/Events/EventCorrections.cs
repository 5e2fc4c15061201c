using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// A beheerder voids a wrong event by appending a <see cref="EventKind.Vervallen"/> that names it (the stream stays
/// append-only), with a reason, and the audit entry in the same transaction: both or neither.
/// </summary>
public static class EventCorrections
{
    /// <summary>The audit action of a correction.</summary>
    public const string AuditAction = "gebeurtenis vervallen";

    /// <summary>
    /// Voids the pupil's event with the id <paramref name="id"/> (its digest as 16 hex digits, <see cref="EventNames.Identity"/>)
    /// on <paramref name="on"/>. Refused (nothing stored) for an unknown pupil or event, a correction, an event already
    /// voided, an empty or too long reason, a date outside the contract.
    /// </summary>
    public static VoidOutcome Void(Database database, string pupil, string id, string? reason, DateOnly on, Corrector by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(pupil);
        ArgumentNullException.ThrowIfNull(by);
        if (!EventNames.TryIdentity(id, out var digest))
            return new VoidRefused("id", $"{EventNames.IdentityExpected} (found '{Shorten(id)}')");
        if (string.IsNullOrWhiteSpace(reason))
            return new VoidRefused("reason", "why the event is wrong (required)");
        if (reason.Length > EventShapes.MaxTextLength)
            return new VoidRefused("reason", $"a reason of at most {EventShapes.MaxTextLength} characters");

        using var connection = database.ConnectMigrated();
        using var transaction = AuditLog.BeginWrite(connection);
        var pupilId = connection.ExecuteScalar<long?>("SELECT id FROM pupil WHERE pkey = @pupil", new { pupil }, transaction);
        if (pupilId is null)
            return new VoidRefused("pupil", $"a pupil in the store (found no pupil {Shorten(pupil)})", NotFound: true);
        TransitionEvent? target = null;
        var voided = false;
        foreach (var e in EventStore.Raw(pupil, connection, transaction).Events)
        {
            if (target is null && EventDigest.Of(e.Event) == digest)
                target = e.Event;
            if (e.Event.Kind == EventKind.Vervallen && e.Event.Voids == digest)
                voided = true;
        }
        if (target is null)
            return new VoidRefused("id", $"the id of an event of pupil {pupil} (found no event {id})", NotFound: true);
        if (target.Kind == EventKind.Vervallen)
            return new VoidRefused("id", "an event that is not itself a correction");
        if (voided)
            return new VoidRefused("id", "an event not voided before (this one already is)");

        var correction = new TransitionEvent(pupil, on, EventKind.Vervallen, Detail: reason, Voids: digest);
        if (EventShapes.Check(correction) is [var (field, expected), ..])
            return new VoidRefused(field, expected);
        connection.Execute(
            """
            INSERT INTO event (pupil_id, kind, on_date, detail, digest, voids) VALUES (@pupilId, @kind, @on, @reason, @own, @digest)
            """,
            new
            {
                pupilId,
                kind = EventNames.Kind(EventKind.Vervallen),
                on,
                reason,
                own = EventDigest.Of(correction),
                digest,
            },
            transaction
        );
        var audit = AuditLog.Append(
            transaction,
            new AuditEntry(at, by.Actor, by.Role, by.Institution, pupil, AuditAction, EventNames.Kind(target.Kind), reason, "vastgelegd", null)
        );
        transaction.Commit();
        return new Voided(target, correction, audit);
    }

    private static string Shorten(string text) => text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;
}
