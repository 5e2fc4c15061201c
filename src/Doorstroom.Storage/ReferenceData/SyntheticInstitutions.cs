using Dapper;
using Doorstroom.Catalogue;
using Doorstroom.Domain;

namespace Doorstroom.Storage;

/// <summary>
/// Writes a synthetic <see cref="World"/> into the institution tables, for a demo on a machine without the real data.
/// Every name says "synthetisch" so that no one takes these schools for real ones.
/// </summary>
public static class SyntheticInstitutions
{
    /// <summary>The word in every synthetic name.</summary>
    public const string Marker = "synthetisch";

    /// <summary>Adds the world's vo vestigingen (with pupil counts), mbo institutions and locations and kwalificaties, in one transaction.</summary>
    public static void Write(Database database, World world, int schooljaar)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(world);
        using var connection = database.ConnectMigrated();
        using var transaction = connection.BeginTransaction();
        foreach (var v in world.VoVestigingen)
        {
            var naam = $"Vmbo-school {v.Brin6} ({Marker})";
            connection.Execute(
                """
                INSERT INTO vo_vestiging (brin6, brin4, naam, onderwijsstructuur, plaats, leerlingen)
                VALUES (@brin6, @brin4, @naam, 'VMBO', @plaats, @leerlingen) ON CONFLICT (brin6) DO NOTHING
                """,
                new
                {
                    brin6 = v.Brin6,
                    brin4 = v.Brin6[..4],
                    naam,
                    plaats = v.Place,
                    leerlingen = v.Bb + v.Kb + v.Gl + v.Tl,
                },
                transaction
            );
            foreach (var (leerweg, code) in new[] { (Leerweg.Bb, "BL"), (Leerweg.Kb, "KL"), (Leerweg.Gl, "GL"), (Leerweg.Tl, "TL") })
            {
                var aantal = v.Count(leerweg);
                if (aantal == 0)
                    continue;
                connection.Execute(
                    """
                    INSERT INTO vo_leerlingen (brin6, schooljaar, onderwijstype, lwoo, elementcode, leerjaar, geslacht, brin4, naam, plaats, leerweg, sector,
                        aantal)
                    VALUES (@brin6, @schooljaar, 'VMBO', 0, @code, 4, 'totaal', @brin4, @naam, @plaats, @code, @sector, @aantal)
                    ON CONFLICT DO NOTHING
                    """,
                    new
                    {
                        brin6 = v.Brin6,
                        schooljaar,
                        code,
                        brin4 = v.Brin6[..4],
                        naam,
                        plaats = v.Place,
                        sector = v.Green ? "Landbouw" : "Techniek",
                        aantal,
                    },
                    transaction
                );
            }
        }
        foreach (var institution in world.MboLocations.GroupBy(l => l.Brin4))
        {
            connection.Execute(
                """
                INSERT INTO mbo_instelling (brin4, naam, soort, aoc) VALUES (@brin4, @naam, @soort, @aoc) ON CONFLICT (brin4) DO NOTHING
                """,
                new
                {
                    brin4 = institution.Key,
                    naam = $"{(institution.First().Aoc ? "AOC" : "ROC")} {institution.Key} ({Marker})",
                    soort = institution.First().Aoc ? "AOC" : "ROC",
                    aoc = institution.First().Aoc ? 1 : 0,
                },
                transaction
            );
            foreach (var l in institution)
            {
                connection.Execute(
                    """
                    INSERT INTO mbo_locatie (brin6, brin4, naam, plaats, land) VALUES (@brin6, @brin4, @naam, @plaats, 'Nederland') ON CONFLICT (brin6) DO
                        NOTHING
                    """,
                    new
                    {
                        brin6 = l.Brin6,
                        brin4 = l.Brin4,
                        naam = $"Locatie {l.Brin6} ({Marker})",
                        plaats = l.Place,
                    },
                    transaction
                );
            }
        }
        foreach (var q in world.Qualifications)
        {
            connection.Execute(
                """
                INSERT INTO kwalificatie (crebo, naam, niveau, leerwegen, soort, domein) VALUES (@crebo, @naam, @niveau, 'BOL/BBL', @soort, @domein)
                ON CONFLICT (crebo) DO NOTHING
                """,
                new
                {
                    crebo = q.Crebo,
                    naam = $"Kwalificatie {q.Crebo} niveau {(int)q.Niveau} ({Marker})",
                    niveau = (int)q.Niveau,
                    soort = QualificationLoader.SoortOf(q.Niveau),
                    domein = q.Domain,
                },
                transaction
            );
        }
        transaction.Commit();
    }
}
