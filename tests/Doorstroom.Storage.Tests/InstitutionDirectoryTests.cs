using Dapper;

namespace Doorstroom.Storage.Tests;

public sealed class InstitutionDirectoryTests
{
    [Theory, ClassData(typeof(BothStores))]
    public void Vo_pages_continue_after_the_last_brin6_with_the_pupils_of_the_newest_school_year(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using (var connection = store.Database.ConnectMigrated())
        {
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur, plaats, leerlingen) VALUES
                    ('03EF01', '03EF', 'Stedelijk Lyceum', 'HAVO/VWO', 'Enschede', 700),
                    ('01AB00', '01AB', 'Het Baken College', 'VMBO', 'Almere', 900),
                    ('02CD00', '02CD', 'Groen College', 'VMBO/HAVO', NULL, 1200);
                INSERT INTO vo_leerlingen (brin6, schooljaar, onderwijstype, lwoo, elementcode, leerjaar, geslacht, brin4, naam, leerweg, aantal) VALUES
                    ('01AB00', 2023, 'VMBO BL', 0, '0001', 3, 'man', '01AB', 'Het Baken College', 'BL', 99),
                    ('01AB00', 2024, 'VMBO BL', 0, '0001', 3, 'man', '01AB', 'Het Baken College', 'BL', 40),
                    ('01AB00', 2024, 'VMBO 12', 0, '0003', 1, 'vrouw', '01AB', 'Het Baken College', NULL, 500);
                """
            );
        }

        var first = InstitutionDirectory.Vo(store.Database, after: null, limit: 2);
        Assert.Equal(["01AB00", "02CD00"], first.Items.Select(v => v.Brin6));
        Assert.Equal("02CD00", first.NextAfter);
        Assert.Equal(new VoVestigingSummary("01AB00", "01AB", "Het Baken College", "Almere", 540, 2024), first.Items[0]);
        Assert.Equal(new VoVestigingSummary("02CD00", "02CD", "Groen College", null, null, null), first.Items[1]);

        var last = InstitutionDirectory.Vo(store.Database, first.NextAfter, limit: 2);
        Assert.Equal(["03EF01"], last.Items.Select(v => v.Brin6));
        Assert.Null(last.NextAfter);
    }

    [Theory, ClassData(typeof(BothStores))]
    public void Mbo_locations_carry_their_institution_and_only_they_are_mbo_locations(StoreKind kind)
    {
        using var store = TestStore.Create(kind);
        using (var connection = store.Database.ConnectMigrated())
        {
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur, plaats, leerlingen) VALUES ('01AB00', '01AB', 'Het Baken College', 'VMBO',
                    'Almere', 900);
                INSERT INTO mbo_instelling (brin4, naam, soort, aoc) VALUES ('25AA', 'ROC Midden', 'ROC', 0), ('26BB', 'Groenhorst', 'AOC', 1);
                INSERT INTO mbo_locatie (brin6, brin4, naam, plaats) VALUES
                    ('26BB00', '26BB', 'Groenhorst Barneveld', 'Barneveld'), ('25AA01', '25AA', 'ROC Midden Zorg', 'Amersfoort'), ('25AA00', '25AA',
                        'ROC Midden Techniek', 'Utrecht');
                """
            );
        }

        var page = InstitutionDirectory.Mbo(store.Database, after: "25AA00", limit: 5);
        Assert.Equal(
            [
                new MboLocatieSummary("25AA01", "25AA", "ROC Midden Zorg", "Amersfoort", "ROC Midden"),
                new MboLocatieSummary("26BB00", "26BB", "Groenhorst Barneveld", "Barneveld", "Groenhorst"),
            ],
            page.Items
        );
        Assert.Null(page.NextAfter);
        Assert.True(InstitutionDirectory.IsMboLocation(store.Database, "25AA00"));
        Assert.False(InstitutionDirectory.IsMboLocation(store.Database, "01AB00"));
        Assert.False(InstitutionDirectory.IsMboLocation(store.Database, "99ZZ99"));
    }
}
