using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

/// <summary>The decaan's and the intake officer's lists read only pupils of their own locations, on both stores.</summary>
public sealed class PupilDirectoryTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    /// <summary>School 01AB (two vestigingen) and 02CD; mbo 25AA (two locations) and 26BB. Four pupils.</summary>
    private static void Seed(TestStore store)
    {
        using (var connection = store.Database.ConnectMigrated())
        {
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur) VALUES
                    ('01AB00', '01AB', 'Het Baken', 'VMBO'), ('01AB01', '01AB', 'Het Baken Noord', 'VMBO'), ('02CD00', '02CD', 'Groen College', 'VMBO');
                INSERT INTO mbo_locatie (brin6, brin4, naam) VALUES ('25AA00', '25AA', 'Techniek'), ('25AA01', '25AA', 'Zorg'), ('26BB00', '26BB', 'Groen');
                """
            );
        }
        static EventRecord E(
            string pupil,
            int y,
            int m,
            int d,
            EventKind kind,
            string at,
            Leerweg lw,
            int? leerjaar = null,
            int? niveau = null,
            int? crebo = null,
            string? detail = null
        ) => new(new TransitionEvent(pupil, new DateOnly(y, m, d), kind, at, lw, leerjaar, niveau, crebo, Detail: detail));
        new EventStore(store.Database).Append([
            // P-1 at 01AB00, exam 2027, applied to 25AA01 and refused.
            E("P-1", 2025, 8, 1, EventKind.Ingeschreven, "01AB00", Leerweg.Kb, leerjaar: 3),
            E("P-1", 2026, 8, 1, EventKind.Bevorderd, "01AB00", Leerweg.Kb, leerjaar: 4),
            E("P-1", 2026, 10, 5, EventKind.Aangemeld, "25AA01", Leerweg.Bol, niveau: 3, crebo: 25259),
            E("P-1", 2026, 11, 2, EventKind.Afgewezen, "25AA01", Leerweg.Bol, niveau: 3, crebo: 25259, detail: "vol"),
            // P-2 at 01AB01 (the other vestiging of the same school), exam 2026.
            E("P-2", 2024, 8, 1, EventKind.Ingeschreven, "01AB01", Leerweg.Tl, leerjaar: 3),
            E("P-2", 2025, 8, 1, EventKind.Bevorderd, "01AB01", Leerweg.Tl, leerjaar: 4),
            // P-3 at the other school, applied to 25AA00.
            E("P-3", 2025, 8, 1, EventKind.Ingeschreven, "02CD00", Leerweg.Bb, leerjaar: 3),
            E("P-3", 2026, 8, 1, EventKind.Bevorderd, "02CD00", Leerweg.Bb, leerjaar: 4),
            E("P-3", 2026, 10, 9, EventKind.Aangemeld, "25AA00", Leerweg.Bol, niveau: 2, crebo: 25258),
            // P-4 at the other school, applied to 26BB only.
            E("P-4", 2026, 8, 1, EventKind.Bevorderd, "02CD00", Leerweg.Gl, leerjaar: 4),
            E("P-4", 2026, 10, 9, EventKind.Aangemeld, "26BB00", Leerweg.Bol, niveau: 4, crebo: 25260),
        ]);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_school_code_covers_its_vestigingen_and_a_vestiging_code_itself(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        Assert.Equal(["01AB00", "01AB01"], PupilDirectory.Locations(store.Database, "01AB"));
        Assert.Equal(["01AB01"], PupilDirectory.Locations(store.Database, "01AB01"));
        Assert.Equal(["25AA00", "25AA01"], PupilDirectory.Locations(store.Database, "25AA"));
        Assert.Empty(PupilDirectory.Locations(store.Database, "99ZZ"));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void A_decaan_lists_only_the_pupils_of_their_school_with_applications_and_signals(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        var school = PupilDirectory.Locations(store.Database, "01AB");

        var all = PupilDirectory.SchoolPupils(store.Database, school, examYear: null, after: null, limit: 10, Today);
        Assert.Equal(["P-1", "P-2"], all.Items.Select(p => p.Key));
        var refused = all.Items[0];
        Assert.Equal(ApplicationStatus.Afgewezen, Assert.Single(refused.Applications).Status);
        Assert.Contains(refused.Signals, s => s.Kind == SignalKind.Afgewezen);
        Assert.Equal([2027, 2026], PupilDirectory.ExamYears(store.Database, school));
        Assert.Equal(["P-2"], PupilDirectory.SchoolPupils(store.Database, school, 2026, null, 10, Today).Items.Select(p => p.Key));
        Assert.Null(PupilDirectory.SchoolPupil(store.Database, school, "P-3", Today));
        Assert.NotNull(PupilDirectory.SchoolPupil(store.Database, school, "P-1", Today));
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Keyset_pages_follow_each_other_without_a_pupil_twice(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        var school = PupilDirectory.Locations(store.Database, "01AB");
        var first = PupilDirectory.SchoolPupils(store.Database, school, null, null, 1, Today);
        Assert.Equal("P-1", Assert.Single(first.Items).Key);
        Assert.Equal("P-1", first.NextAfter);
        var second = PupilDirectory.SchoolPupils(store.Database, school, null, first.NextAfter, 1, Today);
        Assert.Equal("P-2", Assert.Single(second.Items).Key);
        Assert.Null(second.NextAfter);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void An_intake_officer_sees_applicants_to_their_institution_with_only_its_events(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        var mbo = PupilDirectory.Locations(store.Database, "25AA");

        var applicants = PupilDirectory.Applicants(store.Database, mbo, null, 10, Today);
        Assert.Equal(["P-1", "P-3"], applicants.Items.Select(a => a.Key));
        Assert.All(applicants.Items, a => Assert.All(a.Stream, e => Assert.Contains(e.Institution, mbo)));
        Assert.Null(PupilDirectory.Applicant(store.Database, mbo, "P-4", Today));
        Assert.Equal(2, PupilDirectory.Applicant(store.Database, mbo, "P-1", Today)!.Stream.Length);
    }
}
