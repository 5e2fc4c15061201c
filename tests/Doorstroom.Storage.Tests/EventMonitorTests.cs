using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

public sealed class EventMonitorTests
{
    private static EventRecord E(
        string pupil,
        string date,
        EventKind kind,
        string institution,
        Leerweg? leerweg = null,
        int? leerjaar = null,
        int? niveau = null,
        int? crebo = null,
        string? detail = null
    ) =>
        new(
            new TransitionEvent(
                pupil,
                DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture),
                kind,
                institution,
                leerweg,
                leerjaar,
                niveau,
                crebo,
                kind == EventKind.Uitgeschreven ? null : "normale-route",
                detail
            ),
            BirthDate: new DateOnly(2003, 5, 1)
        );

    /// <summary>
    /// Two kb pupils leave vmbo in July 2019 and start mbo-3 bol on 1 August 2019 (directly from vo: D6 population 2). One
    /// switches to another domain in February 2020 (C29's shape): switch rate 1 of 2. Stored, read back and observed the
    /// same on both stores.
    /// </summary>
    [Theory, ClassData(typeof(BothStores))]
    public void The_stored_streams_give_the_indicators_on_both_stores(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        EventRecord[] events =
        [
            E("P1", "2018-08-01", EventKind.Ingeschreven, "01AA00", Leerweg.Kb, leerjaar: 4),
            E("P1", "2019-07-15", EventKind.Uitgeschreven, "01AA00", Leerweg.Kb, leerjaar: 4, detail: "diploma"),
            E("P1", "2019-08-01", EventKind.Ingeschreven, "25LG01", Leerweg.Bol, niveau: 3, crebo: 25101),
            E("P1", "2020-02-01", EventKind.Geswitcht, "25LG01", Leerweg.Bol, niveau: 2, crebo: 25201),
            E("P2", "2018-08-01", EventKind.Ingeschreven, "01AA00", Leerweg.Kb, leerjaar: 4),
            E("P2", "2019-07-15", EventKind.Uitgeschreven, "01AA00", Leerweg.Kb, leerjaar: 4, detail: "diploma"),
            E("P2", "2019-08-01", EventKind.Ingeschreven, "25LG01", Leerweg.Bol, niveau: 3, crebo: 25101),
        ];
        new EventStore(store.Database).Append(events, cancellationToken: TestContext.Current.CancellationToken);
        using (var connection = store.Database.ConnectMigrated())
        {
            Dapper.SqlMapper.Execute(
                connection,
                "INSERT INTO kwalificatie (crebo, naam, niveau, leerwegen) VALUES (25101, 'A', 3, 'BOL/BBL'), (25201, 'B', " + "2, 'BOL/BBL')"
            );
            Dapper.SqlMapper.Execute(
                connection,
                "UPDATE kwalificatie SET domein = CASE crebo WHEN 25101 THEN 'Voedsel, natuur en leefomgeving' ELSE 'Handel " + "en ondernemerschap' END"
            );
        }

        var context = EventMonitor.Context(store.Database, new Dictionary<string, DomainDirection>());
        Assert.Equal(new DateOnly(2020, 2, 1), context.Through);
        Assert.Equal(2, context.Crebos.Count);
        var (cube, pupils, synthetic, _) = EventMonitor.Compute(
            store.Database,
            context with
            {
                Through = new DateOnly(2021, 12, 31),
            },
            TestContext.Current.CancellationToken
        );
        Assert.Equal((2L, 0L), (pupils, synthetic));
        var row = Assert.Single(cube.Table(Indicator.Switch, [Dimension.Cohort]).Rows);
        Assert.Equal(("2019", 2L, 1L), (row.Keys[0], row.Population, row.Hits));
        var flow = Assert.Single(cube.Table(Indicator.DoorstroomVoMbo, [Dimension.VoVestiging, Dimension.MboInstelling]).Rows);
        Assert.Equal(("01AA00", "25LG", 2L, 2L), (flow.Keys[0], flow.Keys[1], flow.Population, flow.Hits));
    }
}
