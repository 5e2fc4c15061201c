using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// The bestuurlijke verbinding is derived from the reference data, not typed in: a vo vestiging whose BRIN6 lies under the
/// BRIN4 of an mbo institution is run by the same instelling and so by one board (the aoc: green vmbo and mbo under one
/// board, as "Aeres VMBO Velp" 25GV.. lies under Aeres MBO 25GV). The register shows these beside the entered ones.
/// </summary>
public static class BoardConnections
{
    /// <summary>The source every derived connection names.</summary>
    public const string Source =
        "Afgeleid uit de gegevens: de BRIN4 van de vo-vestiging (DUO-vestigingenbestand) is die van de mbo-instelling (KiesMBO-instellingen); "
        + "aoc volgens catalogue aocs.json";

    /// <summary>The id of the derived connection between a vo vestiging and an mbo institution.</summary>
    public static string IdOf(string voVestiging, string mboBrin4) => $"bestuurlijk-{voVestiging}-{mboBrin4}";

    /// <summary>
    /// The derived bestuurlijke verbindingen: one per vo vestiging whose BRIN4 is an mbo institution's. They hold from the
    /// earliest contract date (the data says they hold, not since when) and end never.
    /// </summary>
    /// <param name="voVestigingen">Each vo vestiging's BRIN6 and the BRIN4 of the instelling it belongs to.</param>
    /// <param name="mboInstitutions">Each mbo institution by BRIN4: its name and whether it is an aoc.</param>
    public static ImmutableArray<Connection> Derive(
        IEnumerable<(string Brin6, string Brin4)> voVestigingen,
        IReadOnlyDictionary<string, (string Name, bool Aoc)> mboInstitutions
    )
    {
        ArgumentNullException.ThrowIfNull(voVestigingen);
        ArgumentNullException.ThrowIfNull(mboInstitutions);
        return
        [
            .. voVestigingen
                .Where(v => mboInstitutions.ContainsKey(v.Brin4))
                .OrderBy(v => v.Brin6, StringComparer.Ordinal)
                .Select(v =>
                {
                    var (name, aoc) = mboInstitutions[v.Brin4];
                    var description =
                        $"Eén bestuur: de vo-vestiging {v.Brin6} valt onder dezelfde instelling (BRIN4 {v.Brin4}) als {name}" + (aoc ? ", een aoc." : ".");
                    return new Connection(
                        IdOf(v.Brin6, v.Brin4),
                        v.Brin6,
                        v.Brin4,
                        ConnectionForm.Bestuurlijk,
                        ContractDates.Earliest,
                        null,
                        description,
                        Source
                    );
                }),
        ];
    }

    /// <summary>
    /// Why a hand-entered bestuurlijke verbinding is refused, or null when it is not (or is not bestuurlijk). It is refused when
    /// the data already derives it, and when the data knows both sides under different BRIN4s (then it contradicts the data).
    /// It is accepted, with its own source, only where the data does not know one of the two.
    /// </summary>
    /// <param name="entered">The connection as entered.</param>
    /// <param name="voBrin4">The BRIN4 the reference data gives the vo vestiging, or null when the vestiging is not in it.</param>
    /// <param name="mboKnown">True when the reference data has the mbo institution.</param>
    public static string? Refusal(Connection entered, string? voBrin4, bool mboKnown)
    {
        ArgumentNullException.ThrowIfNull(entered);
        if (entered.Form != ConnectionForm.Bestuurlijk || voBrin4 is null || !mboKnown)
            return null;
        return voBrin4 == entered.MboInstitution
            ? $"Deze bestuurlijke verbinding staat al in het register: ze is afgeleid uit de gegevens ({entered.VoVestiging} valt onder {voBrin4})."
            : $"Een bestuurlijke verbinding wordt afgeleid uit de gegevens, en die zeggen dat {entered.VoVestiging} onder instelling {voBrin4} valt, "
                + $"niet onder {entered.MboInstitution}.";
    }
}
