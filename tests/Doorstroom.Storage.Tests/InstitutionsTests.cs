using Dapper;
using Doorstroom.Domain;

namespace Doorstroom.Storage.Tests;

public sealed class InstitutionsTests
{
    /// <summary>Three vo vestigingen (two counted by DUO in two school years), two mbo institutions with locations and events.</summary>
    private static void Seed(TestStore store)
    {
        using (var connection = store.Database.ConnectMigrated())
        {
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur, plaats, leerlingen) VALUES
                    ('01AB00', '01AB', 'Het Baken College', 'VMBO', 'Almere', 900),
                    ('02CD00', '02CD', 'Groen College', 'VMBO/HAVO', 'Zwolle', 1200),
                    ('03EF01', '03EF', 'Stedelijk Lyceum', 'HAVO/VWO', 'Enschede', 700)
                """
            );
            connection.Execute(
                """
                INSERT INTO vo_leerlingen (brin6, schooljaar, onderwijstype, lwoo, elementcode, leerjaar, geslacht, brin4, naam, leerweg, aantal) VALUES
                    ('01AB00', 2023, 'VMBO BL', 0, '0001', 3, 'man', '01AB', 'Het Baken College', 'BL', 99),
                    ('01AB00', 2024, 'VMBO BL', 0, '0001', 3, 'man', '01AB', 'Het Baken College', 'BL', 40),
                    ('01AB00', 2024, 'VMBO BL', 0, '0001', 3, 'vrouw', '01AB', 'Het Baken College', 'BL', 35),
                    ('01AB00', 2024, 'VMBO KL', 0, '0002', 4, 'man', '01AB', 'Het Baken College', 'KL', 20),
                    ('01AB00', 2024, 'VMBO 12', 0, '0003', 1, 'man', '01AB', 'Het Baken College', NULL, 500),
                    ('02CD00', 2024, 'VMBO TL', 0, '0004', 4, 'man', '02CD', 'Groen College', 'TL', 60)
                """
            );
            connection.Execute(
                """
                INSERT INTO mbo_instelling (brin4, naam, soort, aoc) VALUES ('25AA', 'ROC Midden', 'ROC', 0), ('26BB', 'Groenhorst', 'AOC', 1);
                INSERT INTO mbo_locatie (brin6, brin4, naam, plaats) VALUES
                    ('25AA00', '25AA', 'ROC Midden Techniek', 'Utrecht'), ('25AA01', '25AA', 'ROC Midden Zorg', 'Amersfoort'),
                    ('26BB00', '26BB', 'Groenhorst Barneveld', 'Barneveld')
                """
            );
        }
        new EventStore(store.Database).Append([
            new EventRecord(new TransitionEvent("P-1", new DateOnly(2025, 3, 1), EventKind.Aangemeld, "25AA01", Leerweg.Bol, Niveau: 2, Crebo: 25258)),
            new EventRecord(new TransitionEvent("P-1", new DateOnly(2025, 8, 1), EventKind.Ingeschreven, "25AA01", Leerweg.Bol, Niveau: 2, Crebo: 25258)),
            new EventRecord(new TransitionEvent("P-2", new DateOnly(2025, 3, 2), EventKind.Aangemeld, "25AA01", Leerweg.Bol, Niveau: 3, Crebo: 25259)),
            new EventRecord(new TransitionEvent("P-3", new DateOnly(2025, 3, 3), EventKind.Aangemeld, "26BB00", Leerweg.Bbl, Niveau: 2, Crebo: 25258)),
        ]);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Vo_search_matches_name_or_plaats_case_insensitively_and_counts_vmbo_pupils_of_the_newest_year_per_leerweg(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);

        var byPlaats = Institutions.Vo(store.Database, "ALMERE", 1);
        var baken = Assert.Single(byPlaats.Items);
        Assert.Equal("01AB00", baken.Brin6);
        Assert.Equal(1, byPlaats.Total);
        Assert.Equal(2024, baken.Schooljaar);
        Assert.Equal(75, baken.Of("BL"));
        Assert.Equal(20, baken.Of("KL"));
        Assert.Equal(0, baken.Of("TL"));

        Assert.Equal(["02CD00"], Institutions.Vo(store.Database, "groen", 1).Items.Select(v => v.Brin6));
        Assert.Equal(3, Institutions.Vo(store.Database, "  ", 1).Total);
        Assert.Null(Institutions.VoVestiging(store.Database, "99ZZ00"));
        Assert.Equal("Almere", Institutions.VoVestiging(store.Database, "01ab00")?.Institution.Plaats);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Percent_underscore_and_backslash_in_a_search_are_matched_literally_not_as_wildcards(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);
        using (var connection = store.Database.ConnectMigrated())
        {
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur, plaats, leerlingen) VALUES
                    ('04GH00', '04GH', 'School 100% Praktijk', 'VMBO', 'Delft', 10),
                    ('05IJ00', '05IJ', 'Het_Lyceum', 'HAVO', 'Delft', 5),
                    ('06KL00', '06KL', 'A\B College', 'VMBO', 'Delft', 5)
                """
            );
        }

        Assert.Equal(["04GH00"], Institutions.Vo(store.Database, "%", 1).Items.Select(v => v.Brin6));
        Assert.Equal(["04GH00"], Institutions.Vo(store.Database, "100%", 1).Items.Select(v => v.Brin6));
        Assert.Equal(["05IJ00"], Institutions.Vo(store.Database, "_", 1).Items.Select(v => v.Brin6));
        Assert.Equal(["06KL00"], Institutions.Vo(store.Database, "\\", 1).Items.Select(v => v.Brin6));
        Assert.Equal(6, Institutions.Vo(store.Database, "", 1).Total);
        Assert.Equal(0, Institutions.Mbo(store.Database, "%", 1).Total);
        Assert.Equal(0, Institutions.Mbo(store.Database, "_", 1).Total);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Mbo_institutions_are_found_by_a_location_plaats_and_count_applications_and_enrolments_per_location(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        Seed(store);

        var midden = Assert.Single(Institutions.Mbo(store.Database, "amersfoort", 1).Items);
        Assert.Equal("25AA", midden.Brin4);
        Assert.False(midden.Aoc);
        Assert.Equal(2, midden.Locations.Length);
        var zorg = midden.Locations.Single(l => l.Brin6 == "25AA01");
        Assert.Equal((2, 1), (zorg.Aanmeldingen, zorg.Inschrijvingen));
        Assert.Equal((2, 1), (midden.Aanmeldingen, midden.Inschrijvingen));

        var groen = Institutions.MboInstelling(store.Database, "26BB");
        Assert.NotNull(groen);
        Assert.True(groen.Aoc);
        Assert.Equal(1, groen.Aanmeldingen);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Pages_hold_fifty_rows_and_the_last_page_the_rest(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using (var connection = store.Database.ConnectMigrated())
        {
            for (var i = 0; i < 53; i++)
                connection.Execute(
                    "INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur, plaats) VALUES (@brin6, @brin4, @naam, 'VMBO', 'Delft')",
                    new
                    {
                        brin6 = $"{i:D2}XX00",
                        brin4 = $"{i:D2}XX",
                        naam = $"School {i:D2}",
                    }
                );
        }
        var first = Institutions.Vo(store.Database, null, 1);
        var second = Institutions.Vo(store.Database, null, 2);
        Assert.Equal((50, 3, 2), (first.Items.Length, second.Items.Length, first.Pages));
        Assert.Empty(first.Items.Select(v => v.Brin6).Intersect(second.Items.Select(v => v.Brin6)));
        Assert.Equal("School 52", second.Items[^1].Naam);
    }
}
