using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

public sealed class EventFormatTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly TimeProvider Clock = TimeProvider.System;

    private static string Write(string directory, string name, string text)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static byte[] Export(Database database, EventFormat format)
    {
        using var output = new MemoryStream();
        if (format == EventFormat.Csv)
            EventExport.WriteCsv(database, output, Ct);
        else
            EventExport.WriteJsonLines(database, output, Ct);
        return output.ToArray();
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Export_then_import_is_lossless(StoreKind kind)
    {
        using var source = TestStore.Create(kind);
        var sample = EventSamples.Streams(6);
        new EventStore(source.Database).Append(sample, cancellationToken: Ct);
        using var temp = new TempDirectory();
        var directory = temp.Path;
        foreach (var format in new[] { EventFormat.JsonLines, EventFormat.Csv })
        {
            var exported = Export(source.Database, format);
            var path = Path.Combine(directory, format == EventFormat.Csv ? "events.csv" : "events.jsonl");
            File.WriteAllBytes(path, exported);
            using var target = TestStore.Create(kind);

            var outcome = Assert.IsType<Imported>(new EventImporter().Run(target.Database, path, Clock, cancellationToken: Ct));

            Assert.Equal(sample.Count, outcome.Changed);
            Assert.Equal(exported, Export(target.Database, format));
            Assert.Equal(sample, new EventStore(target.Database).ReadAll(Ct));
        }
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_bad_line_refuses_the_whole_file_and_leaves_the_store_as_it_was(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var temp = new TempDirectory();
        var directory = temp.Path;
        var events = new EventStore(store.Database);
        events.Append(EventSamples.Streams(1), cancellationToken: Ct);
        var before = Export(store.Database, EventFormat.JsonLines);
        var csv = Write(
            directory,
            "bad.csv",
            """
            pupil;date;type;institution;leerweg;niveau;crebo;detail
            Q1;2024-08-01;Ingeschreven;25PJ00;bol;2;25258;
            Q1;2024-13-01;Ingeschreven;25PJ00;bol;2;25258;
            Q2;2024-08-01;Verhuisd;25PJ00;;;;
            Q3;2024-08-01;Aangemeld;25PJ00;mavo;;;
            Q4;2024-08-01;Afgewezen;25PJ00;;;;
            Q5;2024-08-01;Ingeschreven;25PJ00;;two;;
            """
        );
        var jsonl = Write(
            directory,
            "bad.jsonl",
            """
            {"pupil":"Q1","date":"2024-08-01","type":"Ingeschreven","institution":"25PJ00"}
            {"pupil":"Q2","date":"2024-08-01","type":"Ingeschreven","institution":"25PJ00","niveau":"2"}
            {"pupil":"Q3","date":"2024-08-01","type":"Ingeschreven","institution":"25PJ00","colour":"blue"}
            {"pupil":"Q4","date":"2024-08-01","type":"Ingeschreven"
            """
        );

        var refusedCsv = Assert.IsType<Refused>(new EventImporter().Run(store.Database, csv, Clock, cancellationToken: Ct));
        var refusedJson = Assert.IsType<Refused>(new EventImporter().Run(store.Database, jsonl, Clock, cancellationToken: Ct));

        Assert.Equal(
            [
                "bad.csv:3: date: a date as yyyy-MM-dd (found '2024-13-01')",
                "bad.csv:4: type: an event type: one of " + string.Join(", ", Enum.GetNames<EventKind>()) + " (found 'Verhuisd')",
                "bad.csv:5: leerweg: a leerweg: one of bb, kb, gl, tl, bol, bbl (found 'mavo')",
                "bad.csv:6: detail: a detail (required for Afgewezen)",
                "bad.csv:7: niveau: a whole number (found 'two')",
            ],
            refusedCsv.Problems.Select(p => p.ToString())
        );
        Assert.Equal(
            ["bad.jsonl:2: niveau: a whole number", "bad.jsonl:3: colour: one of the properties " + string.Join(", ", EventColumns.All)],
            refusedJson.Problems.Take(2).Select(p => p.ToString())
        );
        Assert.StartsWith("bad.jsonl:4: well-formed JSON", refusedJson.Problems[2].ToString(), StringComparison.Ordinal);
        Assert.Equal(before, Export(store.Database, EventFormat.JsonLines));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void The_same_file_twice_is_imported_once_and_an_overlapping_file_adds_only_new_events(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var temp = new TempDirectory();
        var directory = temp.Path;
        var sample = EventSamples.Streams(3);
        string Save(string name, IEnumerable<EventRecord> records)
        {
            var path = Path.Combine(directory, name);
            using var file = File.Create(path);
            EventExport.WriteJsonLines(records, file);
            return path;
        }

        var first = Save("first.jsonl", sample.Take(30));
        var overlapping = Save("second.jsonl", sample.Skip(20));
        var progress = new List<ImportProgress>();

        var imported = Assert.IsType<Imported>(new EventImporter().Run(store.Database, first, Clock, new SyncProgress(progress), cancellationToken: Ct));
        Assert.IsType<AlreadyImported>(new EventImporter().Run(store.Database, first, Clock, cancellationToken: Ct));
        var again = Assert.IsType<Imported>(new EventImporter().Run(store.Database, overlapping, Clock, cancellationToken: Ct));

        Assert.Equal(30, imported.Changed);
        Assert.Equal(sample.Count - 30, again.Changed);
        Assert.Contains("10 events were already in their pupil's stream (or repeated in the file) and were skipped", again.Notes);
        Assert.Equal(sample.Count, new EventStore(store.Database).Count());
        Assert.Equal(new ImportProgress("storing", 30, 30), progress[^1]);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_first_import_builds_the_indexes_at_the_end_and_stores_an_event_repeated_in_the_file_once(StoreKind kind)
    {
        // Into an empty event table the importer loads, then indexes (DeferredIndexes): the result must be what the
        // row-by-row path gives, the unique index and the foreign key included.
        using var store = TestStore.Create(kind);
        using var temp = new TempDirectory();
        var sample = EventSamples.Streams(3);
        var path = Path.Combine(temp.Path, "events.jsonl");
        using (var file = File.Create(path))
            EventExport.WriteJsonLines([.. sample, sample[4], sample[0]], file);
        var before = Indexes(store.Database);
        var progress = new List<ImportProgress>();

        var imported = Assert.IsType<Imported>(new EventImporter().Run(store.Database, path, Clock, new SyncProgress(progress), cancellationToken: Ct));

        Assert.Contains(progress, p => p.Stage == "building the indexes");
        Assert.Equal(sample.Count, imported.Changed);
        Assert.Contains("2 events were already in their pupil's stream (or repeated in the file) and were skipped", imported.Notes);
        Assert.Equal(sample, new EventStore(store.Database).ReadAll(Ct));
        Assert.Equal(before, Indexes(store.Database));
        Assert.Contains(before, i => i.Contains("event_identity", StringComparison.Ordinal));
        Assert.DoesNotContain(before, i => i.EndsWith(" INVALID", StringComparison.Ordinal));
        Assert.Contains(before, i => i.Contains("FOREIGN KEY", StringComparison.Ordinal) || i.Contains("foreign key", StringComparison.Ordinal));
        Assert.Equal(0, new EventStore(store.Database).Append([sample[1]], cancellationToken: Ct).Inserted);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_refused_first_import_leaves_the_indexes_as_they_were(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var temp = new TempDirectory();
        var sample = EventSamples.Streams(2);
        var path = Path.Combine(temp.Path, "events.jsonl");
        using (var file = File.Create(path))
            EventExport.WriteJsonLines(sample, file);
        File.AppendAllText(path, "{\"not\": \"an event\"}\n");
        var before = Indexes(store.Database);

        Assert.IsType<Refused>(new EventImporter().Run(store.Database, path, Clock, cancellationToken: Ct));

        Assert.Equal(before, Indexes(store.Database));
        Assert.Equal(0, new EventStore(store.Database).Count());
    }

    /// <summary>The event table's indexes and foreign keys, each as the store describes it.</summary>
    private static List<string> Indexes(Database database)
    {
        using var connection = database.ConnectMigrated();
        using var command = connection.CreateCommand();
        command.CommandText =
            database.Dialect == Dialect.Sqlite
                ? "SELECT name || ' ' || coalesce(sql, '') FROM sqlite_master WHERE tbl_name = 'event' UNION ALL "
                    + "SELECT 'FOREIGN KEY ' || \"from\" || ' ' || \"table\" FROM pragma_foreign_key_list('event') ORDER BY 1"
                // The partitions' indexes too, and whether each is valid: an index built on the partitioned parent alone is not.
                : "SELECT i.indexrelid::regclass || ' ' || pg_get_indexdef(i.indexrelid) || CASE WHEN i.indisvalid THEN '' ELSE ' INVALID' END "
                    + "FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid WHERE t.relname ~ '^event(_p[0-9]+)?$' UNION ALL "
                    + "SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'event'::regclass ORDER BY 1";
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
            list.Add(reader.GetString(0));
        return list;
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_school_extract_with_only_some_columns_loads(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using var temp = new TempDirectory();
        var directory = temp.Path;
        var csv = Write(
            directory,
            "sis.csv",
            "\uFEFFtype;pupil;date;institution;leerweg;leerjaar\r\nIngeschreven;A1;2023-08-01;25PJ00;kb;3\r\nBevorderd;A1;2024-07-12;25PJ00;kb;4\r\n"
        );

        Assert.IsType<Imported>(new EventImporter().Run(store.Database, csv, Clock, cancellationToken: Ct));

        Assert.Equal(
            [
                new TransitionEvent("A1", new DateOnly(2023, 8, 1), EventKind.Ingeschreven, "25PJ00", Leerweg.Kb, 3),
                new TransitionEvent("A1", new DateOnly(2024, 7, 12), EventKind.Bevorderd, "25PJ00", Leerweg.Kb, 4),
            ],
            new EventStore(store.Database).Stream("A1")
        );
    }

    [Fact]
    public void A_file_that_is_neither_jsonl_nor_csv_is_refused()
    {
        var path = Path.GetTempFileName();
        try
        {
            var refused = Assert.IsType<Refused>(new EventImporter().Run(Database.Open(path + ".db"), path, Clock, cancellationToken: Ct));
            Assert.Contains("*.jsonl", refused.Problems[0].Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private sealed class SyncProgress(List<ImportProgress> into) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => into.Add(value);
    }
}
