using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Doorstroom.Domain;
using Npgsql;

namespace Doorstroom.Storage;

/// <summary>
/// Meeloopdagen (issue 16, item 2): the days mbo locations publish, and the pupils' sign-ups with a waiting list. Every change
/// is one write transaction (<see cref="AuditLog.BeginWrite"/>: SQLite <c>BEGIN IMMEDIATE</c>, PostgreSQL the audit lock and then
/// the day's row <c>FOR UPDATE</c>) holding the day's new state, the meeloopdag events in the pupils' streams and the audit
/// entries: all of them or none. Two pupils racing for the last place are served one after the other: one gets it, the other waits.
/// </summary>
public static class MeeloopdagStore
{
    /// <summary>The audit actions of meeloopdagen.</summary>
    public const string Published = "meeloopdag gepubliceerd",
        CancelledDay = "meeloopdag geannuleerd",
        SignedUp = "meeloopdag aangemeld",
        Waiting = "meeloopdag wachtlijst",
        SignedOff = "meeloopdag afgemeld",
        Promoted = "meeloopdag plaats van wachtlijst",
        Came = "meeloopdag bijgewoond",
        Absent = "meeloopdag niet verschenen";

    private const string Active = "('aangemeld', 'wachtlijst')";
    private const string Holding = "('aangemeld', 'bijgewoond', 'niet-verschenen')";

    /// <summary>Publishes a well-formed day (<see cref="Meeloopdag.Check"/> is the caller's to apply first), audited; refused when the id is taken.</summary>
    public static MeeloopChange Publish(Database database, Meeloopdag day, MeeloopActor by, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(day);
        return Write(database, (connection, transaction, events, audit) =>
        {
            var stored = connection.Execute(
                """
                INSERT INTO meeloopdag (id, location, crebo, on_date, places, time_of_day, description, cancelled, published_by, published_at)
                VALUES (@Id, @Location, @Crebo, @On, @Places, @Time, @Description, 0, @by, @at)
                ON CONFLICT (id) DO NOTHING
                """,
                new
                {
                    day.Id,
                    day.Location,
                    day.Crebo,
                    day.On,
                    day.Places,
                    day.Time,
                    day.Description,
                    by = by.Name,
                    at = Stamp(at),
                },
                transaction
            );
            if (stored == 0)
                return MeeloopChange.No(MeeloopRefusal.DuplicateId);
            audit.Add(Entry(by, at, null, Published, day.Id));
            return new MeeloopChange(null, null, null);
        });
    }

    /// <summary>
    /// The mbo cancels a day at one of its <paramref name="locations"/>: every pupil with a place or on the waiting list is
    /// signed off (a <see cref="EventKind.MeeloopdagAfgemeld"/> each). A day elsewhere is not found; a past or cancelled day is closed.
    /// </summary>
    public static MeeloopChange CancelDay(
        Database database,
        string id,
        IReadOnlyCollection<string> locations,
        MeeloopActor by,
        DateOnly today,
        DateTimeOffset at
    ) => Write(database, (connection, transaction, events, audit) =>
        {
            var day = Lock(connection, transaction, id);
            if (day is null || !locations.Contains(day.Location, StringComparer.OrdinalIgnoreCase))
                return MeeloopChange.No(MeeloopRefusal.NoSuchDay);
            if (!day.OpenOn(today))
                return MeeloopChange.No(MeeloopRefusal.DayClosed);
            connection.Execute("UPDATE meeloopdag SET cancelled = 1 WHERE id = @id", new { id }, transaction);
            var signedUp = connection
                .Query<PupilRow>(
                    $"""
                    SELECT p.id AS Id, p.pkey AS PKey, p.synthetic AS Synthetic, p.birth_date AS BirthDate
                    FROM meeloopdag_signup s JOIN pupil p ON p.id = s.pupil_id
                    WHERE s.meeloopdag_id = @id AND s.status IN {Active} ORDER BY s.seq
                    """,
                    new { id },
                    transaction
                )
                .ToList();
            connection.Execute(
                $"UPDATE meeloopdag_signup SET status = 'afgemeld', changed_on = @today WHERE meeloopdag_id = @id AND status IN {Active}",
                new { id, today },
                transaction
            );
            audit.Add(Entry(by, at, null, CancelledDay, id));
            foreach (var pupil in signedUp)
            {
                events.Add(pupil.Record(day, EventKind.MeeloopdagAfgemeld, today));
                audit.Add(Entry(by, at, pupil.PKey, SignedOff, id));
            }
            return new MeeloopChange(MeeloopStatus.Afgemeld, null, null);
        });

    /// <summary>
    /// Signs a pupil up for a day (the caller has checked that it may: the pupil themself, or the decaan of the pupil's school): a
    /// place while one is free, else the waiting list. Refused for a closed day, a pupil already signed up, or one who cancelled
    /// for this day today.
    /// </summary>
    public static MeeloopChange SignUp(Database database, string id, string pupil, MeeloopActor by, DateOnly today, DateTimeOffset at) =>
        Write(database, (connection, transaction, events, audit) =>
        {
            var day = Lock(connection, transaction, id);
            if (day is null)
                return MeeloopChange.No(MeeloopRefusal.NoSuchDay);
            if (!day.OpenOn(today))
                return MeeloopChange.No(MeeloopRefusal.DayClosed);
            var who = Pupil(connection, transaction, pupil);
            if (who is null)
                return MeeloopChange.No(MeeloopRefusal.NoSuchPupil);
            var existing = Existing(connection, transaction, id, who.Id);
            if (existing is { } e && e.Status != MeeloopStatus.Afgemeld)
                return MeeloopChange.No(MeeloopRefusal.AlreadySignedUp);
            // The stream keeps one copy of an identical fact: a second sign-up on the day of a cancellation would vanish from it.
            if (existing is { } cancelled && cancelled.On == today)
                return MeeloopChange.No(MeeloopRefusal.CancelledToday);
            var taken = connection.ExecuteScalar<long>(
                $"SELECT COUNT(*) FROM meeloopdag_signup WHERE meeloopdag_id = @id AND status IN {Holding}",
                new { id },
                transaction
            );
            var status = day.NewSignUp((int)taken);
            var seq = connection.ExecuteScalar<long>(
                "SELECT COALESCE(MAX(seq), 0) + 1 FROM meeloopdag_signup WHERE meeloopdag_id = @id",
                new { id },
                transaction
            );
            connection.Execute(
                """
                INSERT INTO meeloopdag_signup (meeloopdag_id, pupil_id, seq, status, changed_on) VALUES (@id, @pupil, @seq, @status, @today)
                ON CONFLICT (meeloopdag_id, pupil_id) DO UPDATE SET seq = excluded.seq, status = excluded.status, changed_on = excluded.changed_on
                """,
                new
                {
                    id,
                    pupil = who.Id,
                    seq,
                    status = Spell(status),
                    today,
                },
                transaction
            );
            var waiting = status == MeeloopStatus.Wachtlijst ? WaitingPlace(connection, transaction, id, seq) : (int?)null;
            events.Add(who.Record(day, status == MeeloopStatus.Aangemeld ? EventKind.MeeloopdagAangemeld : EventKind.MeeloopdagWachtlijst, today));
            audit.Add(Entry(by, at, pupil, status == MeeloopStatus.Aangemeld ? SignedUp : Waiting, id));
            return new MeeloopChange(status, waiting, null);
        });

    /// <summary>
    /// Cancels a pupil's place or place on the waiting list (the caller has checked that it may). A freed place goes to the first
    /// pupil on the waiting list, who gets a <see cref="EventKind.MeeloopdagAangemeld"/> (named in <see cref="MeeloopChange.Promoted"/>).
    /// </summary>
    public static MeeloopChange SignOff(Database database, string id, string pupil, MeeloopActor by, DateOnly today, DateTimeOffset at) =>
        Write(database, (connection, transaction, events, audit) =>
        {
            var day = Lock(connection, transaction, id);
            if (day is null)
                return MeeloopChange.No(MeeloopRefusal.NoSuchDay);
            if (!day.OpenOn(today))
                return MeeloopChange.No(MeeloopRefusal.DayClosed);
            var who = Pupil(connection, transaction, pupil);
            if (who is null)
                return MeeloopChange.No(MeeloopRefusal.NoSuchPupil);
            if (Existing(connection, transaction, id, who.Id) is not { Status: MeeloopStatus.Aangemeld or MeeloopStatus.Wachtlijst } existing)
                return MeeloopChange.No(MeeloopRefusal.NotSignedUp);
            Set(connection, transaction, id, who.Id, MeeloopStatus.Afgemeld, today);
            events.Add(who.Record(day, EventKind.MeeloopdagAfgemeld, today));
            audit.Add(Entry(by, at, pupil, SignedOff, id));
            string? promoted = null;
            if (existing.Status == MeeloopStatus.Aangemeld)
            {
                var next = connection.QueryFirstOrDefault<PupilRow>(
                    """
                    SELECT p.id AS Id, p.pkey AS PKey, p.synthetic AS Synthetic, p.birth_date AS BirthDate
                    FROM meeloopdag_signup s JOIN pupil p ON p.id = s.pupil_id
                    WHERE s.meeloopdag_id = @id AND s.status = 'wachtlijst' ORDER BY s.seq LIMIT 1
                    """,
                    new { id },
                    transaction
                );
                if (next is not null)
                {
                    Set(connection, transaction, id, next.Id, MeeloopStatus.Aangemeld, today);
                    events.Add(next.Record(day, EventKind.MeeloopdagAangemeld, today));
                    audit.Add(Entry(by, at, next.PKey, Promoted, id));
                    promoted = next.PKey;
                }
            }
            return new MeeloopChange(MeeloopStatus.Afgemeld, null, null, promoted);
        });

    /// <summary>
    /// The mbo records whether a pupil with a place came to a day at one of its <paramref name="locations"/> (on or after the day;
    /// once). The event carries the day's date.
    /// </summary>
    public static MeeloopChange RecordAttendance(
        Database database,
        string id,
        IReadOnlyCollection<string> locations,
        string pupil,
        bool came,
        MeeloopActor by,
        DateOnly today,
        DateTimeOffset at
    ) => Write(database, (connection, transaction, events, audit) =>
        {
            var day = Lock(connection, transaction, id);
            if (day is null || !locations.Contains(day.Location, StringComparer.OrdinalIgnoreCase))
                return MeeloopChange.No(MeeloopRefusal.NoSuchDay);
            if (day.On > today)
                return MeeloopChange.No(MeeloopRefusal.NotYet);
            var who = Pupil(connection, transaction, pupil);
            if (who is null || Existing(connection, transaction, id, who.Id) is not { } existing)
                return MeeloopChange.No(MeeloopRefusal.NotSignedUp);
            if (existing.Status is MeeloopStatus.Bijgewoond or MeeloopStatus.NietVerschenen)
                return MeeloopChange.No(MeeloopRefusal.AlreadyRecorded);
            if (existing.Status != MeeloopStatus.Aangemeld)
                return MeeloopChange.No(MeeloopRefusal.NotSignedUp);
            var status = came ? MeeloopStatus.Bijgewoond : MeeloopStatus.NietVerschenen;
            Set(connection, transaction, id, who.Id, status, today);
            events.Add(who.Record(day, came ? EventKind.MeeloopdagBijgewoond : EventKind.MeeloopdagNietVerschenen, day.On));
            audit.Add(Entry(by, at, pupil, came ? Came : Absent, id));
            return new MeeloopChange(status, null, null);
        });

    /// <summary>One day with its counts, or null.</summary>
    public static MeeloopdagView? Day(Database database, string id)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.QueryFirstOrDefault<DayRow>($"{DaySelect} WHERE d.id = @id", new { id })?.ToView();
    }

    /// <summary>The days the filter asks for, by date, location, crebo and id.</summary>
    public static ImmutableArray<MeeloopdagView> Days(Database database, MeeloopFilter filter)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Locations is { IsEmpty: true })
            return [];
        using var connection = database.ConnectMigrated();
        var where = new List<string> { "1 = 1" };
        if (filter.Locations is not null)
            where.Add(Database.InList(connection, "d.location", "locations"));
        if (filter.Crebo is not null)
            where.Add("d.crebo = @crebo");
        if (filter.From is not null)
            where.Add("d.on_date >= @from");
        if (filter.Until is not null)
            where.Add("d.on_date <= @until");
        if (!filter.WithCancelled)
            where.Add("d.cancelled = 0");
        return
        [
            .. connection
                .Query<DayRow>(
                    $"{DaySelect} WHERE {string.Join(" AND ", where)} ORDER BY d.on_date, d.location, d.crebo, d.id",
                    new
                    {
                        locations = filter.Locations?.Select(l => l.ToUpperInvariant()).ToArray(),
                        crebo = filter.Crebo,
                        from = filter.From,
                        until = filter.Until,
                    }
                )
                .Select(r => r.ToView()),
        ];
    }

    /// <summary>
    /// Who signed up for a day, with their names (for the mbo that runs it): pupils with a place (or who came) first, then the
    /// waiting list in order, then those who cancelled.
    /// </summary>
    public static ImmutableArray<MeeloopSignUp> SignUps(Database database, string id)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        var rows = connection.Query<SignUpRow>(
            """
            SELECT s.meeloopdag_id AS Day, p.pkey AS Pupil, s.status AS Status, s.seq AS Seq, d.given_name AS GivenName, d.family_name AS FamilyName
            FROM meeloopdag_signup s JOIN pupil p ON p.id = s.pupil_id LEFT JOIN pupil_personal d ON d.pupil_id = p.id
            WHERE s.meeloopdag_id = @id ORDER BY s.seq
            """,
            new { id }
        );
        var waiting = 0;
        return
        [
            .. rows.Select(r => r.ToSignUp(Parse(r.Status) == MeeloopStatus.Wachtlijst ? ++waiting : null))
                .OrderBy(s =>
                    s.Status switch
                    {
                        MeeloopStatus.Wachtlijst => 1,
                        MeeloopStatus.Afgemeld => 2,
                        _ => 0,
                    }
                ),
        ];
    }

    /// <summary>A pupil's sign-ups (every status), with the place on the waiting list while waiting; by the day's date.</summary>
    public static ImmutableArray<(MeeloopdagView Day, MeeloopSignUp SignUp)> OfPupil(Database database, string pupil)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        var rows = connection
            .Query<SignUpRow>(
                """
                SELECT s.meeloopdag_id AS Day, p.pkey AS Pupil, s.status AS Status, s.seq AS Seq,
                       (SELECT COUNT(*) FROM meeloopdag_signup w WHERE w.meeloopdag_id = s.meeloopdag_id AND w.status = 'wachtlijst'
                        AND w.seq <= s.seq) AS Place
                FROM meeloopdag_signup s JOIN pupil p ON p.id = s.pupil_id WHERE p.pkey = @pupil
                """,
                new { pupil }
            )
            .ToList();
        if (rows.Count == 0)
            return [];
        var days = connection
            .Query<DayRow>($"{DaySelect} WHERE {Database.InList(connection, "d.id", "ids")}", new { ids = rows.Select(r => r.Day).ToArray() })
            .ToDictionary(d => d.Id, d => d.ToView(), StringComparer.Ordinal);
        return
        [
            .. rows.Select(r => (Day: days[r.Day], SignUp: r.ToSignUp(Parse(r.Status) == MeeloopStatus.Wachtlijst ? (int)r.Place : null)))
                .OrderBy(x => x.Day.Day.On)
                .ThenBy(x => x.Day.Day.Id, StringComparer.Ordinal),
        ];
    }

    /// <summary>The stored spelling of a status.</summary>
    public static string Spell(MeeloopStatus status) =>
        status switch
        {
            MeeloopStatus.Aangemeld => "aangemeld",
            MeeloopStatus.Wachtlijst => "wachtlijst",
            MeeloopStatus.Afgemeld => "afgemeld",
            MeeloopStatus.Bijgewoond => "bijgewoond",
            MeeloopStatus.NietVerschenen => "niet-verschenen",
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };

    private static MeeloopStatus Parse(string stored) =>
        stored switch
        {
            "aangemeld" => MeeloopStatus.Aangemeld,
            "wachtlijst" => MeeloopStatus.Wachtlijst,
            "afgemeld" => MeeloopStatus.Afgemeld,
            "bijgewoond" => MeeloopStatus.Bijgewoond,
            "niet-verschenen" => MeeloopStatus.NietVerschenen,
            _ => throw new InvalidDataException($"unknown meeloopdag status '{stored}' in the store"),
        };

    // One write: the state change, the events in the pupils' streams and the audit entries in one transaction, or nothing.
    private static MeeloopChange Write(Database database, Func<DbConnection, DbTransaction, List<EventRecord>, List<AuditEntry>, MeeloopChange> change)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        using var transaction = AuditLog.BeginWrite(connection);
        var events = new List<EventRecord>();
        var audit = new List<AuditEntry>();
        var result = change(connection, transaction, events, audit);
        if (!result.Done)
            return result;
        if (events.Count > 0)
            new EventStore(database).Append(connection, transaction, events);
        AuditLog.Append(transaction, audit);
        transaction.Commit();
        return result;
    }

    private const string DaySelect = $"""
        SELECT d.id AS Id, d.location AS Location, d.crebo AS Crebo, d.on_date AS OnDate, d.places AS Places, d.time_of_day AS TimeOfDay,
               d.description AS Description, d.cancelled AS Cancelled,
               (SELECT COUNT(*) FROM meeloopdag_signup s WHERE s.meeloopdag_id = d.id AND s.status IN {Holding}) AS Taken,
               (SELECT COUNT(*) FROM meeloopdag_signup s WHERE s.meeloopdag_id = d.id AND s.status = 'wachtlijst') AS Waiting
        FROM meeloopdag d
        """;

    // The day's row, locked until the commit: on PostgreSQL FOR UPDATE (the audit lock already serialises writers; this keeps the
    // day safe should that change); on SQLite the write transaction (BEGIN IMMEDIATE) holds the whole store.
    private static Meeloopdag? Lock(DbConnection connection, DbTransaction transaction, string id) =>
        connection
            .QueryFirstOrDefault<DayRow>(
                """
                SELECT id AS Id, location AS Location, crebo AS Crebo, on_date AS OnDate, places AS Places, time_of_day AS TimeOfDay,
                       description AS Description, cancelled AS Cancelled FROM meeloopdag WHERE id = @id
                """ + (connection is NpgsqlConnection ? " FOR UPDATE" : ""),
                new { id },
                transaction
            )
            ?.ToDay();

    private static PupilRow? Pupil(DbConnection connection, DbTransaction transaction, string pupil) =>
        connection.QueryFirstOrDefault<PupilRow>(
            "SELECT id AS Id, pkey AS PKey, synthetic AS Synthetic, birth_date AS BirthDate FROM pupil WHERE pkey = @pupil",
            new { pupil },
            transaction
        );

    private static (MeeloopStatus Status, DateOnly On)? Existing(DbConnection connection, DbTransaction transaction, string id, long pupil)
    {
        var row = connection.QueryFirstOrDefault<(string Status, object On)?>(
            "SELECT status, changed_on FROM meeloopdag_signup WHERE meeloopdag_id = @id AND pupil_id = @pupil",
            new { id, pupil },
            transaction
        );
        return row is { } r ? (Parse(r.Status), EventStore.Date(r.On)) : null;
    }

    private static void Set(DbConnection connection, DbTransaction transaction, string id, long pupil, MeeloopStatus status, DateOnly today) =>
        connection.Execute(
            "UPDATE meeloopdag_signup SET status = @status, changed_on = @today WHERE meeloopdag_id = @id AND pupil_id = @pupil",
            new
            {
                id,
                pupil,
                status = Spell(status),
                today,
            },
            transaction
        );

    private static int WaitingPlace(DbConnection connection, DbTransaction transaction, string id, long seq) =>
        (int)
            connection.ExecuteScalar<long>(
                "SELECT COUNT(*) FROM meeloopdag_signup WHERE meeloopdag_id = @id AND status = 'wachtlijst' AND seq <= @seq",
                new { id, seq },
                transaction
            );

    private static AuditEntry Entry(MeeloopActor by, DateTimeOffset at, string? pupil, string action, string day) =>
        new(at, by.Name, by.Role, by.Institution, pupil, action, null, "meeloopdag " + day, "gedaan", null);

    private static string Stamp(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private sealed class PupilRow
    {
        public long Id { get; set; }
        public string PKey { get; set; } = "";
        public long Synthetic { get; set; }
        public object? BirthDate { get; set; }

        public EventRecord Record(Meeloopdag day, EventKind kind, DateOnly on) =>
            new(
                new TransitionEvent(PKey, on, kind, day.Location, Crebo: day.Crebo, Detail: day.Id),
                Synthetic != 0,
                BirthDate is null or DBNull ? null : EventStore.Date(BirthDate)
            );
    }

    private sealed class DayRow
    {
        public string Id { get; set; } = "";
        public string Location { get; set; } = "";
        public long Crebo { get; set; }
        public object OnDate { get; set; } = "";
        public long Places { get; set; }
        public string? TimeOfDay { get; set; }
        public string? Description { get; set; }
        public long Cancelled { get; set; }
        public long Taken { get; set; }
        public long Waiting { get; set; }

        public Meeloopdag ToDay() => new(Id, Location, (int)Crebo, EventStore.Date(OnDate), (int)Places, TimeOfDay, Description, Cancelled != 0);

        public MeeloopdagView ToView() => new(ToDay(), (int)Taken, (int)Waiting);
    }

    private sealed class SignUpRow
    {
        public string Day { get; set; } = "";
        public string Pupil { get; set; } = "";
        public string Status { get; set; } = "";
        public long Seq { get; set; }
        public long Place { get; set; }
        public string? GivenName { get; set; }
        public string? FamilyName { get; set; }

        public MeeloopSignUp ToSignUp(int? waitingPlace)
        {
            var name = string.Join(' ', new[] { GivenName, FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)));
            return new(Day, Pupil, Parse(Status), waitingPlace, name.Length == 0 ? null : name);
        }
    }
}
