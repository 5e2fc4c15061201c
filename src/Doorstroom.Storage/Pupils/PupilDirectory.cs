using System.Collections.Immutable;
using System.Data.Common;
using System.Globalization;
using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// The lists behind the decaan's and the intake officer's pages, scoped to the BRIN6 locations of one institution.
/// The scope is applied in SQL: a pupil outside it is never read. See decision 0013 for what each role may read.
/// </summary>
public static class PupilDirectory
{
    /// <summary>The greatest page a caller may ask for.</summary>
    public const int MaxPage = 500;

    /// <summary>
    /// The BRIN6 codes an institution code covers: a BRIN6 itself; a BRIN4 every vo vestiging and mbo location of it.
    /// Empty when the store knows none.
    /// </summary>
    public static ImmutableArray<string> Locations(Database database, string institution)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrWhiteSpace(institution);
        using var connection = database.ConnectMigrated();
        if (institution.Length == 6)
            return
                connection.ExecuteScalar<long>(
                    "SELECT (SELECT COUNT(*) FROM vo_vestiging WHERE brin6 = @institution) + (SELECT COUNT(*) FROM mbo_locatie "
                        + "WHERE brin6 = @institution)",
                    new { institution }
                ) > 0
                ? [institution]
                : [];
        return
        [
            .. connection.Query<string>(
                """
                SELECT brin6 FROM vo_vestiging WHERE brin4 = @institution
                UNION SELECT brin6 FROM mbo_locatie WHERE brin4 = @institution
                ORDER BY 1
                """,
                new { institution }
            ),
        ];
    }

    /// <summary>True when the BRIN6 is a vo vestiging the store knows (not an mbo location).</summary>
    public static bool IsVo(Database database, string brin6)
    {
        ArgumentNullException.ThrowIfNull(database);
        using var connection = database.ConnectMigrated();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM vo_vestiging WHERE brin6 = @brin6", new { brin6 }) > 0;
    }

    /// <summary>The exam years of the pupils enrolled in vmbo leerjaar 4 at the locations, newest first.</summary>
    public static ImmutableArray<int> ExamYears(Database database, IReadOnlyCollection<string> locations)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(locations);
        if (locations.Count == 0)
            return [];
        using var connection = database.ConnectMigrated();
        // Read the column as the store gives it (text or date): Query<object> would hand back whole rows.
        using var reader = connection.ExecuteReader(
            $"""
            SELECT DISTINCT on_date FROM event
            WHERE {Database.InList(connection, "institution", "locations")} AND leerjaar = 4 AND kind IN ('Ingeschreven', 'Bevorderd', 'Gedoubleerd')
            """,
            new { locations = locations.ToArray() }
        );
        var years = new HashSet<int>();
        while (reader.Read())
        {
            // A date put in by SQL past the checks (not a date, or outside the contract) names no exam year.
            if (EventStore.TryDate(reader.GetValue(0), out var date) && ContractDates.Contains(date))
                years.Add(SchoolYear.StartOf(date).Year + 1);
        }
        return [.. years.OrderDescending()];
    }

    /// <summary>A stored pupil's synthetic flag and birth date, which every appended event must repeat; null for an unknown key.</summary>
    public static (bool Synthetic, DateOnly? BirthDate)? Attributes(Database database, string pupil)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(pupil);
        using var connection = database.ConnectMigrated();
        using var reader = connection.ExecuteReader("SELECT synthetic, birth_date FROM pupil WHERE pkey = @pupil", new { pupil });
        if (!reader.Read())
            return null;
        // A birth date put in past the checks that is not a date reads as unknown, as in every other read.
        return (
            Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture) != 0,
            !reader.IsDBNull(1) && EventStore.TryDate(reader.GetValue(1), out var birth) ? birth : null
        );
    }

    /// <summary>
    /// An event as a record of its pupil as stored (synthetic flag and birth date), ready to append; null when the
    /// pupil is not in the store. Appending needs both to match what the store has.
    /// </summary>
    public static EventRecord? Record(Database database, TransitionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Attributes(database, e.Pupil) is { } a ? new(e, a.Synthetic, a.BirthDate) : null;
    }

    /// <summary>
    /// The pupils enrolled in vo at the locations (in leerjaar 4 in the school year ending in <paramref name="examYear"/>, when
    /// given), by key, after <paramref name="after"/>, at most <paramref name="limit"/>. Each pupil's stream is cut at
    /// 1 August of the year after the exam year: the school follows the pupil into the first mbo year and no further.
    /// <paramref name="warnFrom"/> is the day a pupil without an application is signalled from (see <see cref="Applications.Signals"/>).
    /// </summary>
    public static KeyPage<SchoolPupil> SchoolPupils(
        Database database,
        IReadOnlyCollection<string> locations,
        int? examYear,
        string? after,
        int limit,
        DateOnly today,
        MonthDay? warnFrom = null
    ) => SchoolPage(database, locations, examYear, after, only: null, limit, today, warnFrom);

    /// <summary>The pupil as the school sees them, or null when the pupil was never enrolled in vo at the locations.</summary>
    public static SchoolPupil? SchoolPupil(Database database, IReadOnlyCollection<string> locations, string pupil, DateOnly today, MonthDay? warnFrom = null)
    {
        ArgumentNullException.ThrowIfNull(pupil);
        return SchoolPage(database, locations, null, null, pupil, 1, today, warnFrom).Items.FirstOrDefault();
    }

    private static KeyPage<SchoolPupil> SchoolPage(
        Database database,
        IReadOnlyCollection<string> locations,
        int? examYear,
        string? after,
        string? only,
        int limit,
        DateOnly today,
        MonthDay? warnFrom
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPage);
        if (locations.Count == 0)
            return new([], null);
        using var connection = database.ConnectMigrated();
        var window = examYear is { } y
            ? "AND e.leerjaar = 4 AND e.kind IN ('Ingeschreven', 'Bevorderd', 'Gedoubleerd') AND e.on_date >= @from AND e.on_date < @to"
            : "AND e.leerjaar IS NOT NULL";
        var pupils = connection
            .Query<PupilRow>(
                $"""
                SELECT p.id AS Id, p.pkey AS Pkey, p.synthetic AS Synthetic, d.given_name AS GivenName, d.family_name AS FamilyName
                FROM pupil p LEFT JOIN pupil_personal d ON d.pupil_id = p.id
                WHERE p.id IN (SELECT e.pupil_id FROM event e WHERE {Database.InList(connection, "e.institution", "locations")} {window})
                  AND p.pkey > @after {(only is null ? "" : "AND p.pkey = @only")}
                ORDER BY p.pkey
                LIMIT @take
                """,
                new
                {
                    only,
                    locations = locations.ToArray(),
                    from = examYear is { } a ? new DateOnly(a - 1, 8, 1) : default,
                    to = examYear is { } b ? new DateOnly(b, 8, 1) : default,
                    after = after ?? "",
                    take = limit + 1,
                }
            )
            .ToList();
        var more = pupils.Count > limit;
        if (more)
            pupils.RemoveAt(limit);
        var streams = Streams(connection, pupils.Select(p => p.Id), locations: null);

        var items = ImmutableArray.CreateBuilder<SchoolPupil>(pupils.Count);
        foreach (var p in pupils)
        {
            var (full, skipped) = streams.GetValueOrDefault(p.Id, ([], 0));
            var exam = Applications.ExamYear(full);
            var cut = new DateOnly((exam ?? today.Year) + 1, 8, 1);
            var stream = full.Where(e => e.Date < cut).ToImmutableArray();
            var seen = stream.Where(e => e.Date <= today).ToImmutableArray();
            items.Add(
                new(
                    p.Pkey,
                    p.Synthetic != 0,
                    p.Name,
                    exam,
                    seen.LastOrDefault(e => e.Leerweg is { } l && l.IsVmboLeerweg())?.Leerweg,
                    Applications.Of(seen),
                    Applications.Signals(seen, today, warnFrom),
                    stream
                )
                {
                    Skipped = skipped,
                }
            );
        }
        return new(items.MoveToImmutable(), more ? pupils[^1].Pkey : null);
    }

    /// <summary>
    /// The pupils who applied to the locations, by key, after <paramref name="after"/>: each with only the events at
    /// the locations (the intake officer sees no vo history and no other institution).
    /// </summary>
    public static KeyPage<Applicant> Applicants(Database database, IReadOnlyCollection<string> locations, string? after, int limit, DateOnly today) =>
        ApplicantPage(database, locations, after, only: null, limit, today);

    /// <summary>The applicant as the institution sees them, or null when the pupil never applied to the locations.</summary>
    public static Applicant? Applicant(Database database, IReadOnlyCollection<string> locations, string pupil, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(pupil);
        return ApplicantPage(database, locations, null, pupil, 1, today).Items.FirstOrDefault();
    }

    private static KeyPage<Applicant> ApplicantPage(
        Database database,
        IReadOnlyCollection<string> locations,
        string? after,
        string? only,
        int limit,
        DateOnly today
    )
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(locations);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxPage);
        if (locations.Count == 0)
            return new([], null);
        using var connection = database.ConnectMigrated();
        var pupils = connection
            .Query<PupilRow>(
                $"""
                SELECT p.id AS Id, p.pkey AS Pkey, p.synthetic AS Synthetic, d.given_name AS GivenName, d.family_name AS FamilyName
                FROM pupil p LEFT JOIN pupil_personal d ON d.pupil_id = p.id
                WHERE p.id IN (SELECT e.pupil_id FROM event e WHERE {Database.InList(connection, "e.institution", "locations")} AND e.kind = 'Aangemeld' AND
                    e.on_date <= @today)
                  AND p.pkey > @after {(only is null ? "" : "AND p.pkey = @only")}
                ORDER BY p.pkey
                LIMIT @take
                """,
                new
                {
                    locations = locations.ToArray(),
                    today,
                    only,
                    after = after ?? "",
                    take = limit + 1,
                }
            )
            .ToList();
        var more = pupils.Count > limit;
        if (more)
            pupils.RemoveAt(limit);
        var streams = Streams(connection, pupils.Select(p => p.Id), locations);
        var items = pupils
            .Select(p =>
            {
                var (events, skipped) = streams.GetValueOrDefault(p.Id, ([], 0));
                var stream = events.Where(e => e.Date <= today).ToImmutableArray();
                return new Applicant(p.Pkey, p.Synthetic != 0, p.Name, Applications.Of(stream), stream) { Skipped = skipped };
            })
            .Where(a => a.Stream.Any(e => e.Kind == EventKind.Aangemeld))
            .ToImmutableArray(); // an application voided since is none
        return new(items, more ? pupils[^1].Pkey : null);
    }

    /// <summary>
    /// Each pupil's stream as it counts (<see cref="EventStore.Stream"/>), with the number of stored rows that could not be
    /// read. With <paramref name="locations"/> only the events there; a correction counts wherever it was recorded.
    /// </summary>
    private static Dictionary<long, (ImmutableArray<TransitionEvent> Stream, int Skipped)> Streams(
        DbConnection connection,
        IEnumerable<long> pupils,
        IReadOnlyCollection<string>? locations
    )
    {
        var ids = pupils.ToArray();
        var result = new Dictionary<long, (ImmutableArray<TransitionEvent>, int)>();
        if (ids.Length == 0)
            return result;
        using var command = connection.CreateCommand();
        var names = Parameters(command, "p", ids.Select(id => (object)id));
        var scope = locations is null ? "" : $" AND (e.institution IN ({Parameters(command, "l", locations)}) OR e.kind = 'Vervallen')";
        command.CommandText = $"""
            SELECT e.pupil_id, {EventStore.EventColumns} FROM event e JOIN pupil p ON p.id = e.pupil_id
            WHERE e.pupil_id IN ({names}){scope}
            ORDER BY e.pupil_id, e.on_date, e.id
            """;
        using var reader = command.ExecuteReader();
        long current = -1;
        var builder = ImmutableArray.CreateBuilder<StoredEvent>();
        var skipped = new SkippedRows();
        while (reader.Read())
        {
            var id = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
            if (id != current && current >= 0)
                Done();
            current = id;
            if (EventStore.TryReadEvent(reader, offset: 1, skipped) is { } record)
                builder.Add(new StoredEvent(0, record.Event));
        }
        if (current >= 0)
            Done();
        return result;

        void Done()
        {
            result[current] = (EventStore.Counted(builder.ToImmutable()), (int)skipped.Count);
            builder.Clear();
            skipped = new SkippedRows();
        }
    }

    /// <summary>Adds one parameter per value (@p0, @p1, … for prefix p) and returns their names joined for an IN list.</summary>
    private static string Parameters(DbCommand command, string prefix, IEnumerable<object> values)
    {
        var names = new List<string>();
        foreach (var value in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@" + prefix + names.Count.ToString(CultureInfo.InvariantCulture);
            parameter.Value = value;
            command.Parameters.Add(parameter);
            names.Add(parameter.ParameterName);
        }
        return string.Join(", ", names);
    }

    private sealed class PupilRow
    {
        public long Id { get; set; }
        public string Pkey { get; set; } = "";
        public long Synthetic { get; set; }
        public string? GivenName { get; set; }
        public string? FamilyName { get; set; }
        public string? Name => GivenName is null && FamilyName is null ? null : $"{GivenName} {FamilyName}".Trim();
    }
}
