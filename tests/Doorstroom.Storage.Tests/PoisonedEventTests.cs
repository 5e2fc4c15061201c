using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>
/// Issue 12, finding 5: one event dated 0001-01-01 or 9998-09-01 broke a whole school. Every input path refuses a date
/// outside <see cref="ContractDates"/>, and every read skips (and counts) a stored row it cannot interpret.
/// </summary>
public sealed class PoisonedEventTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly DateOnly Today = new(2026, 11, 30);

    private static EventRecord E(
        string pupil,
        string date,
        EventKind kind,
        string at,
        Leerweg lw,
        int? leerjaar = null,
        int? niveau = null,
        int? crebo = null
    ) =>
        new(
            new TransitionEvent(
                pupil,
                DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                kind,
                at,
                lw,
                leerjaar,
                niveau,
                crebo
            ),
            BirthDate: new DateOnly(2010, 3, 1)
        );

    private static void Seed(TestStore store)
    {
        using (var connection = store.Database.ConnectMigrated())
        {
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur) VALUES ('01AB00', '01AB', 'Het Baken', 'VMBO');
                INSERT INTO mbo_locatie (brin6, brin4, naam) VALUES ('25AA00', '25AA', 'Techniek');
                """
            );
        }
        new EventStore(store.Database).Append(
            [
                E("P-1", "2025-08-01", EventKind.Ingeschreven, "01AB00", Leerweg.Kb, leerjaar: 3),
                E("P-1", "2026-08-01", EventKind.Bevorderd, "01AB00", Leerweg.Kb, leerjaar: 4),
                E("P-1", "2026-10-05", EventKind.Aangemeld, "25AA00", Leerweg.Bol, niveau: 3, crebo: 25259),
                E("P-2", "2025-08-01", EventKind.Ingeschreven, "01AB00", Leerweg.Tl, leerjaar: 4),
            ],
            cancellationToken: Ct
        );
    }

    /// <summary>Puts rows in as SQL would, past every check: the events of P-1 the importer would never have let in.</summary>
    private static void Poison(TestStore store, params string[] values)
    {
        using var connection = store.Database.ConnectMigrated();
        var pupil = connection.ExecuteScalar<long>("SELECT id FROM pupil WHERE pkey = 'P-1'");
        var digest = 1;
        foreach (var value in values)
        {
            connection.Execute(
                $"INSERT INTO event (pupil_id, kind, on_date, institution, leerweg, leerjaar, digest) VALUES (@pupil, {value}, @digest)",
                new { pupil, digest = digest++ }
            );
        }
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_import_with_an_event_outside_the_contract_dates_is_refused_whole(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var temp = new TempDirectory();
        var csv = Path.Combine(temp.Path, "poison.csv");
        File.WriteAllText(
            csv,
            """
            pupil;date;type;institution;leerweg;leerjaar;birth_date
            Q1;2024-08-01;Ingeschreven;01AB00;kb;3;2010-01-01
            Q1;0001-01-01;Bevorderd;01AB00;kb;4;2010-01-01
            Q2;9998-09-01;Ingeschreven;01AB00;kb;3;
            Q3;2024-08-01;Ingeschreven;01AB00;kb;3;0001-01-01
            """
        );
        var jsonl = Path.Combine(temp.Path, "poison.jsonl");
        File.WriteAllText(
            jsonl,
            """
            {"pupil":"Q1","date":"1996-07-31","type":"Ingeschreven","institution":"01AB00"}
            {"pupil":"Q2","date":"2100-07-31","type":"Ingeschreven","institution":"01AB00"}
            {"pupil":"Q3","date":"2100-08-01","type":"Ingeschreven","institution":"01AB00"}
            """
        );

        var refusedCsv = Assert.IsType<Refused>(new EventImporter().Run(store.Database, csv, TimeProvider.System, cancellationToken: Ct));
        var refusedJson = Assert.IsType<Refused>(new EventImporter().Run(store.Database, jsonl, TimeProvider.System, cancellationToken: Ct));

        Assert.Equal(
            [
                "poison.csv:3: date: a date from 1996-08-01 to 2100-07-31 (found 0001-01-01)",
                "poison.csv:4: date: a date from 1996-08-01 to 2100-07-31 (found 9998-09-01)",
                "poison.csv:5: birth_date: a birth date from 1900-01-01 to 2100-07-31 (found 0001-01-01)",
            ],
            refusedCsv.Problems.Select(p => p.ToString())
        );
        Assert.Equal(
            [
                "poison.jsonl:1: date: a date from 1996-08-01 to 2100-07-31 (found 1996-07-31)",
                "poison.jsonl:3: date: a date from 1996-08-01 to 2100-07-31 (found 2100-08-01)",
            ],
            refusedJson.Problems.Select(p => p.ToString())
        );
        Assert.Equal(0, new EventStore(store.Database).Count());
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Appending_an_event_outside_the_contract_dates_stores_nothing(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        var events = new EventStore(store.Database);

        var refused = Assert.Throws<ArgumentException>(() =>
            events.Append(
                [
                    E("Q1", "2024-08-01", EventKind.Ingeschreven, "01AB00", Leerweg.Kb, leerjaar: 3),
                    E("Q1", "9998-09-01", EventKind.Bevorderd, "01AB00", Leerweg.Kb, leerjaar: 4),
                ],
                cancellationToken: Ct
            )
        );

        Assert.StartsWith("event 2: date: a date from 1996-08-01 to 2100-07-31", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, events.Count());
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_school_list_and_the_pupil_skip_a_stored_event_they_cannot_interpret_and_say_so(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        Poison(
            store,
            "'Bevorderd', '0001-01-01', '01AB00', 'kb', 4",
            "'Bevorderd', '9998-09-01', '01AB00', 'kb', 4",
            "'Verhuisd', '2026-09-01', '01AB00', 'kb', 4"
        );
        var school = PupilDirectory.Locations(store.Database, "01AB");

        var list = PupilDirectory.SchoolPupils(store.Database, school, null, null, 10, Today);
        var pupil = PupilDirectory.SchoolPupil(store.Database, school, "P-1", Today);
        var stream = new EventStore(store.Database).Read("P-1");

        Assert.Equal(["P-1", "P-2"], list.Items.Select(p => p.Key));
        Assert.Equal((3, 3), (list.Items[0].Stream.Length, list.Items[0].Skipped));
        Assert.Equal(2027, pupil!.ExamYear);
        Assert.Equal(3, pupil.Skipped);
        Assert.Equal((3, 3), (stream.Events.Length, stream.Skipped));
        Assert.Equal([2027, 2026], PupilDirectory.ExamYears(store.Database, school));
        var applicant = PupilDirectory.Applicant(store.Database, PupilDirectory.Locations(store.Database, "25AA"), "P-1", Today);
        Assert.Single(applicant!.Stream);
    }

    [Fact]
    public void A_date_that_does_not_parse_is_skipped_too()
    {
        // Only SQLite keeps a DATE as text, so only there can a row hold a date that is not one.
        using var store = TestStore.Create(StoreKind.Sqlite);
        Seed(store);
        Poison(
            store,
            "'Bevorderd', 'gisteren', '01AB00', 'kb', 4",
            "'Bevorderd', '2026-02-30', '01AB00', 'kb', " + "4",
            "'Bevorderd', '2026-13-45', '01AB00', 'kb', 4"
        );

        var stream = new EventStore(store.Database).Read("P-1");
        var pupil = PupilDirectory.SchoolPupil(store.Database, PupilDirectory.Locations(store.Database, "01AB"), "P-1", Today);

        Assert.Equal((3, 3), (stream.Events.Length, stream.Skipped));
        Assert.Equal(3, pupil!.Skipped);
        Assert.Equal([2027, 2026], PupilDirectory.ExamYears(store.Database, PupilDirectory.Locations(store.Database, "01AB")));
        Assert.Equal(new DateOnly(2026, 10, 5), EventMonitor.Context(store.Database, new Dictionary<string, DomainDirection>()).Through);
    }

    [Fact]
    public void A_birth_date_that_does_not_parse_reads_as_unknown_and_an_import_for_that_pupil_still_runs()
    {
        using var store = TestStore.Create(StoreKind.Sqlite);
        Seed(store);
        using (var connection = store.Database.ConnectMigrated())
            connection.Execute("UPDATE pupil SET birth_date = 'ooit' WHERE pkey = 'P-1'");

        var attributes = PupilDirectory.Attributes(store.Database, "P-1");
        var appended = new EventStore(store.Database).Append(
            [new EventRecord(new TransitionEvent("P-1", new DateOnly(2026, 11, 2), EventKind.Gedoubleerd, "01AB00", Leerweg.Kb, 4))],
            cancellationToken: Ct
        );

        Assert.Equal((false, (DateOnly?)null), attributes);
        Assert.Equal(1, appended.Inserted);
        Assert.Equal(4, new EventStore(store.Database).Stream("P-1").Count);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_monitor_skips_a_stored_event_it_cannot_interpret_and_counts_it(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        Poison(store, "'Ingeschreven', '0001-01-01', '01AB00', 'kb', 4", "'Bevorderd', '9998-09-01', '01AB00', 'kb', 4");

        var context = EventMonitor.Context(store.Database, new Dictionary<string, DomainDirection>());
        var monitor = EventMonitor.Compute(store.Database, context, Ct);

        Assert.Equal(new DateOnly(2026, 10, 5), context.Through);
        Assert.Equal((2L, 2L), (monitor.Pupils, monitor.Skipped));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_export_skips_a_stored_event_it_cannot_interpret_and_counts_it(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        Poison(store, "'Verhuisd', '2026-09-01', '01AB00', 'kb', 4", "'Bevorderd', '9998-09-01', '01AB00', 'kb', 4");
        var skipped = new SkippedRows();

        using var output = new MemoryStream();
        var written = EventExport.WriteJsonLines(new EventStore(store.Database).ReadAll(skipped, Ct), output);

        Assert.Equal((4L, 2L), (written, skipped.Count));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_voided_event_no_longer_counts_for_the_school_the_pupil_or_the_monitor_and_the_void_is_audited(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        var events = new EventStore(store.Database);
        var school = PupilDirectory.Locations(store.Database, "01AB");
        var wrong = events.Stream("P-1").Single(e => e.Kind == EventKind.Aangemeld);
        var monitorBefore = EventMonitor.Compute(store.Database, EventMonitor.Context(store.Database, new Dictionary<string, DomainDirection>()), Ct);

        var outcome = EventCorrections.Void(
            store.Database,
            "P-1",
            EventNames.Identity(EventDigest.Of(wrong)),
            "aangemeld bij de verkeerde opleiding",
            Today,
            new Corrector("beheer", "beheerder", null),
            DateTimeOffset.UnixEpoch
        );

        var voided = Assert.IsType<Voided>(outcome);
        Assert.Equal(wrong, voided.Target);
        Assert.DoesNotContain(events.Stream("P-1"), e => e.Kind is EventKind.Aangemeld or EventKind.Vervallen);
        Assert.Empty(PupilDirectory.SchoolPupil(store.Database, school, "P-1", Today)!.Applications);
        Assert.Null(PupilDirectory.Applicant(store.Database, PupilDirectory.Locations(store.Database, "25AA"), "P-1", Today));
        Assert.Equal(4, events.Raw("P-1").Events.Length); // the three seeded, the wrong one kept, and the correction
        var entry = Assert.Single(AuditLog.ForPupil(store.Database, "P-1"));
        Assert.Equal((EventCorrections.AuditAction, "Aangemeld", "aangemeld bij de verkeerde opleiding"), (entry.Action, entry.Category, entry.Purpose));
        Assert.True(AuditLog.Verify(store.Database).Intact);
        var again = Assert.IsType<VoidRefused>(
            EventCorrections.Void(
                store.Database,
                "P-1",
                EventNames.Identity(EventDigest.Of(wrong)),
                "twice",
                Today,
                new Corrector("beheer", "beheerder", null),
                DateTimeOffset.UnixEpoch
            )
        );
        Assert.Equal("id", again.Field);
        Assert.Equal(
            monitorBefore.Pupils,
            EventMonitor.Compute(store.Database, EventMonitor.Context(store.Database, new Dictionary<string, DomainDirection>()), Ct).Pupils
        );
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_void_of_an_unknown_event_or_without_a_reason_stores_nothing(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        var by = new Corrector("beheer", "beheerder", null);
        var some = EventNames.Identity(EventDigest.Of(new EventStore(store.Database).Stream("P-1")[0]));

        Assert.Equal(("id", true), Refusal(EventCorrections.Void(store.Database, "P-1", "0123456789abcdef", "fout", Today, by, DateTimeOffset.UnixEpoch)));
        Assert.Equal(("id", false), Refusal(EventCorrections.Void(store.Database, "P-1", "42", "fout", Today, by, DateTimeOffset.UnixEpoch)));
        Assert.Equal(("pupil", true), Refusal(EventCorrections.Void(store.Database, "P-9", some, "fout", Today, by, DateTimeOffset.UnixEpoch)));
        Assert.Equal(("reason", false), Refusal(EventCorrections.Void(store.Database, "P-1", some, " ", Today, by, DateTimeOffset.UnixEpoch)));
        Assert.Equal(("date", false), Refusal(EventCorrections.Void(store.Database, "P-1", some, "fout", new DateOnly(1, 1, 1), by, DateTimeOffset.UnixEpoch)));
        Assert.Equal(4, new EventStore(store.Database).Count());
        Assert.Empty(AuditLog.ForPupil(store.Database, "P-1"));

        static (string, bool) Refusal(VoidOutcome outcome) => Assert.IsType<VoidRefused>(outcome) is var r ? (r.Field, r.NotFound) : default;
    }
}

/// <summary>Issue 12, finding 10: the event files' smaller hardening (formula cells, a byte-order mark, a line without end).</summary>
public sealed class EventFileHardeningTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, ClassData(typeof(BothStores))]
    public void Csv_cells_a_spreadsheet_would_run_are_neutralised_and_import_back_unchanged(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var temp = new TempDirectory();
        EventRecord E(string pupil, string? route, string detail) =>
            new(new TransitionEvent(pupil, new DateOnly(2024, 8, 1), EventKind.Afgewezen, "25PJ00", Route: null, Detail: detail) with { Route = route });
        EventRecord[] events =
        [
            new(new TransitionEvent("=cmd|'/c calc'!A0", new DateOnly(2024, 8, 1), EventKind.Ingeschreven, "25PJ00", Route: "+route")),
            E("@P2", null, "-1+1"),
            E("P3", null, "'al een apostrof"),
            E("P4", null, "\tmet tab"),
            E("P5", null, "=HYPERLINK(\"http://x\";\"klik\")"),
        ];
        new EventStore(store.Database).Append(events, cancellationToken: Ct);
        var csv = Path.Combine(temp.Path, "events.csv");
        using (var file = File.Create(csv))
            EventExport.WriteCsv(store.Database, file, Ct);
        var cells = File.ReadAllLines(csv).Skip(1).SelectMany(l => l.Split(';')).Select(c => c.TrimStart('"')).ToList();
        using var copy = TestStore.Create(kind);

        Expect.Imported(new EventImporter().Run(copy.Database, csv, TimeProvider.System, cancellationToken: Ct));

        Assert.DoesNotContain(cells, c => c.Length > 0 && c[0] is '=' or '+' or '-' or '@' or '\t');
        Assert.Contains("'=cmd|'/c calc'!A0", cells);
        Assert.Contains("''al een apostrof", cells);
        Assert.Equal(new EventStore(store.Database).ReadAll(Ct), new EventStore(copy.Database).ReadAll(Ct));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_json_lines_file_with_a_byte_order_mark_imports_like_a_csv_with_one(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var temp = new TempDirectory();
        var jsonl = Path.Combine(temp.Path, "bom.jsonl");
        File.WriteAllText(
            jsonl,
            "\uFEFF{\"pupil\":\"B1\",\"date\":\"2024-08-01\",\"type\":\"Ingeschreven\",\"institution\":\"25PJ00\"}\n",
            new System.Text.UTF8Encoding(false)
        );

        Expect.Imported(new EventImporter().Run(store.Database, jsonl, TimeProvider.System, cancellationToken: Ct));

        Assert.Equal([new TransitionEvent("B1", new DateOnly(2024, 8, 1), EventKind.Ingeschreven, "25PJ00")], new EventStore(store.Database).Stream("B1"));
    }

    [Theory]
    [InlineData("huge.jsonl")]
    [InlineData("huge.csv")]
    public void A_50_MB_line_is_refused_naming_file_and_line_without_holding_it_in_memory(string name)
    {
        using var store = TestStore.Create(StoreKind.Sqlite);
        using var temp = new TempDirectory();
        var path = Path.Combine(temp.Path, name);
        using (var file = new StreamWriter(path, false, new System.Text.UTF8Encoding(false)))
        {
            file.Write(
                name.EndsWith(".csv", StringComparison.Ordinal)
                    ? "pupil;date;type;institution\nP1;2024-08-01;Ingeschreven;25PJ00\nP2;2024-08-01;Ingeschreven;"
                    : "{\"pupil\":\"P1\",\"date\":\"2024-08-01\",\"type\":\"Ingeschreven\",\"institution\":\"25PJ00\"}\n{\"pupil\":\"P2\",\"detail\":\""
            );
            var block = new string('x', 1 << 20);
            for (var i = 0; i < 50; i++)
                file.Write(block);
            file.Write("\n");
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        var refused = Assert.IsType<Refused>(new EventImporter().Run(store.Database, path, TimeProvider.System, cancellationToken: Ct));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        var problem = Assert.Single(refused.Problems).ToString();
        Assert.StartsWith($"{name}:{(name.EndsWith(".csv", StringComparison.Ordinal) ? 3 : 2)}: ", problem, StringComparison.Ordinal);
        Assert.Contains("a line of at most 65,536 characters", problem, StringComparison.Ordinal);
        Assert.True(allocated < 8 << 20, $"the import allocated {allocated:N0} bytes for a 50 MB line");
        Assert.Equal(0, new EventStore(store.Database).Count());
    }
}
