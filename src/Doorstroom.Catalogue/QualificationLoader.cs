using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Catalogue;

public sealed record QualificationLoad(ImmutableArray<Qualification> Qualifications, ImmutableArray<Problem> Problems)
{
    public bool Ok => Problems.IsEmpty;

    public Qualification? Find(string crebo) => Qualifications.FirstOrDefault(q => q.Crebo == crebo);
}

/// <summary>
/// Reads the real kwalificatiestructuur 2015 (Bijlage 1 of the Regeling vaststelling kwalificatiedossiers 2015,
/// as CSV: see shared/data/real/PROVENANCE.md). The file is never copied into the repository.
/// </summary>
public static class QualificationLoader
{
    public const string RelativePath = "mbo-kwalificaties/kwalificatiestructuur-2015-bijlage1.csv";

    private static readonly string[] Required =
    [
        "opleidingsdomein",
        "opleidingsdomein_crebo",
        "kwalificatiedossier",
        "kwalificatie_crebo",
        "kwalificatie",
        "niveau",
        "soort_opleiding",
        "leerweg",
        "dossier_crebo_ingevuld",
    ];

    /// <summary>The soorten opleiding of the kwalificatiestructuur and the level each stands for (M9).</summary>
    private static readonly (string Soort, MboLevel Level)[] Soorten =
    [
        ("entreeopleiding", MboLevel.Entree),
        ("basisberoepsopleiding", MboLevel.Basisberoeps),
        ("vakopleiding", MboLevel.Vak),
        ("middenkaderopleiding", MboLevel.Middenkader),
        ("specialistenopleiding", MboLevel.Specialist),
    ];

    /// <summary>The level of a soort opleiding (<c>vakopleiding</c> → <see cref="MboLevel.Vak"/>), or null for an unknown one.</summary>
    public static MboLevel? LevelOf(string soort) => Array.Find(Soorten, s => s.Soort == soort) is { Soort: not null } found ? found.Level : null;

    /// <summary>The soort opleiding of a level (<see cref="MboLevel.Vak"/> → <c>vakopleiding</c>).</summary>
    public static string SoortOf(MboLevel level) =>
        Array.Find(Soorten, s => s.Level == level).Soort ?? throw new ArgumentOutOfRangeException(nameof(level), level, "not an mbo level");

    public static QualificationLoad Load(string path)
    {
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
            return new QualificationLoad([], [new Problem(path, null, "", "file not found")]);
        var lines = File.ReadAllLines(path, System.Text.Encoding.UTF8);
        if (lines.Length == 0)
            return new QualificationLoad([], [new Problem(name, 1, "", "file is empty")]);
        var header = lines[0].TrimStart('\uFEFF').Split(';');
        var problems = new List<Problem>();
        foreach (var column in Required.Where(c => !header.Contains(c)))
        {
            problems.Add(new Problem(name, 1, column, "column is missing"));
        }
        if (problems.Count > 0)
            return new QualificationLoad([], [.. problems]);
        int Col(string c) => Array.IndexOf(header, c);

        var result = ImmutableArray.CreateBuilder<Qualification>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 1; i < lines.Length; i++)
        {
            var lineNo = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i]))
                continue;
            var f = lines[i].Split(';');
            if (f.Length != header.Length)
            {
                problems.Add(new Problem(name, lineNo, "", $"has {f.Length} fields, expected {header.Length}"));
                continue;
            }
            // The source has one crebo with a stray dot ("25.080", PROVENANCE.md): a crebo is five digits.
            var crebo = f[Col("kwalificatie_crebo")].Replace(".", "", StringComparison.Ordinal).Trim();
            if (crebo.Length != 5 || !crebo.All(char.IsAsciiDigit))
            {
                problems.Add(new Problem(name, lineNo, "kwalificatie_crebo", $"'{f[Col("kwalificatie_crebo")]}' is not a five-digit crebo"));
                continue;
            }
            if (!seen.Add(crebo))
                problems.Add(new Problem(name, lineNo, "kwalificatie_crebo", $"crebo {crebo} appears twice"));
            var soort = f[Col("soort_opleiding")].Trim();
            var level = LevelOf(soort);
            if (level is null)
            {
                problems.Add(
                    new Problem(
                        name,
                        lineNo,
                        "soort_opleiding",
                        $"'{soort}' is not a soort opleiding (entree-, basisberoeps-, vak-, middenkader- " + $"or specialistenopleiding)"
                    )
                );
                continue;
            }
            var niveau = f[Col("niveau")].Trim();
            var expectedNiveau = level == MboLevel.Specialist ? "4" : ((int)level).ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (niveau != expectedNiveau)
                problems.Add(new Problem(name, lineNo, "niveau", $"'{niveau}' does not match {soort} (expected {expectedNiveau})"));
            var leerwegText = f[Col("leerweg")].Trim();
            ImmutableArray<Leerweg> leerwegen = leerwegText switch
            {
                "BOL/BBL" => [Leerweg.Bol, Leerweg.Bbl],
                "BOL" => [Leerweg.Bol],
                "BBL" => [Leerweg.Bbl],
                _ => [],
            };
            if (leerwegen.IsEmpty)
            {
                problems.Add(new Problem(name, lineNo, "leerweg", $"'{leerwegText}' is not BOL, BBL or BOL/BBL"));
                continue;
            }
            var domainCrebo = f[Col("opleidingsdomein_crebo")].Trim();
            result.Add(
                new Qualification(
                    crebo,
                    f[Col("kwalificatie")].Trim(),
                    level.Value,
                    leerwegen,
                    f[Col("opleidingsdomein")].Trim(),
                    domainCrebo is "" or "---" ? null : domainCrebo,
                    f[Col("kwalificatiedossier")].Trim(),
                    f[Col("dossier_crebo_ingevuld")].Trim()
                )
            );
        }
        return new QualificationLoad(problems.Count > 0 ? [] : result.ToImmutable(), [.. problems]);
    }
}
