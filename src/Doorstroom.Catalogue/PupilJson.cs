using System.Collections.Immutable;
using System.Text.Json;
using Doorstroom.Domain;

namespace Doorstroom.Catalogue;

/// <summary>A parsed pupil, or the one problem that stops it (file, line, field, what was expected).</summary>
public sealed record PupilParse(Situation? Situation, Problem? Problem);

/// <summary>
/// The pupil JSON of the public contract (docs/pupil-and-plan-json.md). Only "on" and "school" are required;
/// unknown fields are refused so that a typo never silently means "unknown".
/// </summary>
public static class PupilJson
{
    private static readonly string[] Fields =
    [
        "on",
        "birthDate",
        "school",
        "leerweg",
        "leerjaar",
        "niveau",
        "sector",
        "diplomas",
        "goal",
        "wantsSector",
        "mboLeerweg",
        "sureOfChoice",
        "atRiskOfNoDiploma",
        "appliedOn",
    ];
    private static readonly string[] DiplomaFields = ["kind", "year", "sector", "subjects", "extraVak"];

    /// <param name="source">The file name for messages (or "stdin").</param>
    /// <param name="lineOffset">For JSON Lines: the line number of this record minus one.</param>
    public static PupilParse Parse(ReadOnlySpan<byte> utf8, string source, int lineOffset = 0)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(utf8.ToArray());
        }
        catch (JsonException e)
        {
            var message = e.Message;
            var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
            if (cut > 0)
                message = message[..cut];
            return new PupilParse(null, new Problem(source, (int)(e.LineNumber ?? 0) + 1 + lineOffset, "", "malformed JSON: " + message));
        }
        using (doc)
        {
            var lines = JsonLines.Map(utf8);
            var reader = new Reader(source, lines, lineOffset);
            try
            {
                return new PupilParse(reader.Situation(doc.RootElement), null);
            }
            catch (BadInput bad)
            {
                return new PupilParse(null, bad.Problem);
            }
        }
    }

    private sealed class BadInput(Problem problem) : Exception(problem.ToString())
    {
        public Problem Problem { get; } = problem;
    }

    private sealed class Reader(string source, Dictionary<string, int> lines, int lineOffset)
    {
        private BadInput Bad(string pointer, string field, string message) =>
            new(new Problem(source, (JsonLines.LineFor(lines, pointer) ?? 1) + lineOffset, field, message));

        public Situation Situation(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
                throw Bad("", "", "a pupil must be a JSON object");
            foreach (var p in root.EnumerateObject())
            {
                if (!Fields.Contains(p.Name))
                    throw Bad("/" + p.Name, p.Name, $"unknown field; expected one of {string.Join(", ", Fields)}");
            }
            var on = Date(root, "on") ?? throw Bad("", "on", "is required (the date the question is about, YYYY-MM-DD)");
            if (!ContractDates.OnInRange(on))
                throw Bad("/on", "on", OutOfRange(on));
            var school = Enum(root, "school", "a school type", JsonSpelling.Schools)
                ?? throw Bad("", "school", $"is required; expected one of " + $"{JsonSpelling.Expected(JsonSpelling.Schools)}");
            var leerweg = Enum(root, "leerweg", "a leerweg", JsonSpelling.Leerwegen);
            var leerjaar = Int(root, "leerjaar");
            var niveau = Int(root, "niveau");

            if (leerweg is { } lw)
            {
                if (school == SchoolType.Vmbo && !lw.IsVmboLeerweg())
                    throw Bad("/leerweg", "leerweg", $"'{JsonSpelling.Of(lw)}' is not a vmbo leerweg; " + $"expected bb, kb, gl or tl");
                if (school == SchoolType.Mbo && lw.IsVmboLeerweg())
                    throw Bad("/leerweg", "leerweg", $"'{JsonSpelling.Of(lw)}' is not an mbo leerweg; " + $"expected bol or bbl");
                if (school is not (SchoolType.Vmbo or SchoolType.Mbo))
                    throw Bad("/leerweg", "leerweg", $"a leerweg belongs to vmbo or mbo, not to school " + $"'{JsonSpelling.Of(school)}'");
            }
            if (leerjaar is { } lj)
            {
                var max = school switch
                {
                    SchoolType.Vmbo or SchoolType.Mbo => 4,
                    SchoolType.Havo => 5,
                    SchoolType.Vwo or SchoolType.Praktijkonderwijs => 6,
                    _ => 0,
                };
                if (max == 0)
                    throw Bad("/leerjaar", "leerjaar", $"a pupil with school '{JsonSpelling.Of(school)}' has no leerjaar");
                if (lj < 1 || lj > max)
                    throw Bad("/leerjaar", "leerjaar", $"{lj} is out of range; {JsonSpelling.Of(school)} has leerjaar 1 to {max}");
            }
            if (niveau is { } nv)
            {
                if (school != SchoolType.Mbo)
                    throw Bad("/niveau", "niveau", "a niveau belongs to a pupil in mbo");
                if (nv < 1 || nv > 4)
                    throw Bad("/niveau", "niveau", $"{nv} is out of range; expected 1 to 4");
            }
            var birth = Date(root, "birthDate");
            if (birth is { } b && b < ContractDates.EarliestBirthDate)
                throw Bad(
                    "/birthDate",
                    "birthDate",
                    $"'{PlanJson.Iso(b)}' is too early; expected a birth date from " + $"{PlanJson.Iso(ContractDates.EarliestBirthDate)}"
                );
            if (birth is { } b2 && b2 >= on)
                throw Bad("/birthDate", "birthDate", "must lie before 'on'");
            var applied = Date(root, "appliedOn");
            if (applied is { } a && !ContractDates.OnInRange(a))
                throw Bad("/appliedOn", "appliedOn", OutOfRange(a));

            var diplomas = ImmutableArray.CreateBuilder<Diploma>();
            if (root.TryGetProperty("diplomas", out var ds) && ds.ValueKind != JsonValueKind.Null)
            {
                if (ds.ValueKind != JsonValueKind.Array)
                    throw Bad("/diplomas", "diplomas", "must be an array of diplomas");
                var i = 0;
                foreach (var d in ds.EnumerateArray())
                {
                    diplomas.Add(DiplomaOf(d, $"/diplomas/{i}", $"diplomas[{i}]"));
                    i++;
                }
            }

            return new Situation(on, school)
            {
                BirthDate = birth,
                Leerweg = leerweg,
                Leerjaar = leerjaar,
                Niveau = niveau,
                Sector = Enum(root, "sector", "a sector or profiel", JsonSpelling.Sectors),
                Diplomas = diplomas.ToImmutable(),
                Goal = Enum(root, "goal", "a goal", JsonSpelling.Goals) ?? Goal.Startkwalificatie,
                WantsSector = Enum(root, "wantsSector", "a sector or profiel", JsonSpelling.Sectors),
                MboLeerweg = MboLeerweg(root),
                SureOfChoice = Bool(root, "sureOfChoice"),
                AtRiskOfNoDiploma = Bool(root, "atRiskOfNoDiploma"),
                AppliedOn = applied,
            };
        }

        private Leerweg? MboLeerweg(JsonElement root)
        {
            var lw = Enum(root, "mboLeerweg", "an mbo leerweg", JsonSpelling.Leerwegen);
            if (lw is { } l && l.IsVmboLeerweg())
                throw Bad("/mboLeerweg", "mboLeerweg", $"'{JsonSpelling.Of(l)}' is not an mbo leerweg; expected bol or bbl");
            return lw;
        }

        private Diploma DiplomaOf(JsonElement d, string pointer, string field)
        {
            if (d.ValueKind != JsonValueKind.Object)
                throw Bad(pointer, field, "a diploma must be an object with at least 'kind'");
            foreach (var p in d.EnumerateObject())
            {
                if (!DiplomaFields.Contains(p.Name))
                    throw Bad($"{pointer}/{p.Name}", $"{field}.{p.Name}", $"unknown field; expected one of " + $"{string.Join(", ", DiplomaFields)}");
            }
            var kind = Enum(d, "kind", "a diploma kind", JsonSpelling.Diplomas, pointer, field)
                ?? throw Bad(pointer, field + ".kind", $"is required; " + $"expected one of {JsonSpelling.Expected(JsonSpelling.Diplomas)}");
            var year = Int(d, "year", pointer, field);
            if (year is { } y && (y < ContractDates.EarliestDiplomaYear || y > ContractDates.LatestDiplomaYear))
                throw Bad(
                    pointer + "/year",
                    field + ".year",
                    $"{y} is not a plausible diploma year; expected {ContractDates.EarliestDiplomaYear} to " + $"{ContractDates.LatestDiplomaYear}"
                );
            var subjects = ImmutableArray.CreateBuilder<string>();
            if (d.TryGetProperty("subjects", out var s) && s.ValueKind != JsonValueKind.Null)
            {
                if (s.ValueKind != JsonValueKind.Array)
                    throw Bad(pointer + "/subjects", field + ".subjects", "must be an array of subject names");
                foreach (var x in s.EnumerateArray())
                {
                    if (x.ValueKind != JsonValueKind.String)
                        throw Bad(pointer + "/subjects", field + ".subjects", "subject names must be strings");
                    subjects.Add(x.GetString()!.Trim().ToLowerInvariant());
                }
            }
            return new Diploma(
                kind,
                year,
                Enum(d, "sector", "a sector or profiel", JsonSpelling.Sectors, pointer, field),
                subjects.ToImmutable(),
                Bool(d, "extraVak", pointer, field) ?? false
            );
        }

        private static string OutOfRange(DateOnly d) => $"'{PlanJson.Iso(d)}' is outside the dates the planner answers for; expected {ContractDates.OnRange}";

        private static bool Absent(JsonElement o, string name, out JsonElement v) => !o.TryGetProperty(name, out v) || v.ValueKind == JsonValueKind.Null;

        private DateOnly? Date(JsonElement o, string name, string pointer = "", string field = "")
        {
            if (Absent(o, name, out var v))
                return null;
            var f = Join(field, name);
            if (v.ValueKind != JsonValueKind.String)
                throw Bad($"{pointer}/{name}", f, "must be a date string YYYY-MM-DD");
            if (PlanJson.TryIso(v.GetString(), out var d))
                return d;
            throw Bad($"{pointer}/{name}", f, $"'{v.GetString()}' is not a date; expected YYYY-MM-DD (e.g. 2011-12-31)");
        }

        private int? Int(JsonElement o, string name, string pointer = "", string field = "")
        {
            if (Absent(o, name, out var v))
                return null;
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetInt32(out var i))
                throw Bad($"{pointer}/{name}", Join(field, name), $"'{v.GetRawText()}' is " + $"not a whole number");
            return i;
        }

        private bool? Bool(JsonElement o, string name, string pointer = "", string field = "")
        {
            if (Absent(o, name, out var v))
                return null;
            return v.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Bad($"{pointer}/{name}", Join(field, name), $"'{v.GetRawText()}' is not true or false"),
            };
        }

        private T? Enum<T>(JsonElement o, string name, string what, IReadOnlyDictionary<string, T> map, string pointer = "", string field = "")
            where T : struct
        {
            if (Absent(o, name, out var v))
                return null;
            var f = Join(field, name);
            if (v.ValueKind == JsonValueKind.String && map.TryGetValue(v.GetString()!.Trim().ToLowerInvariant(), out var value))
                return value;
            throw Bad(
                $"{pointer}/{name}",
                f,
                $"'{(v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())}' is not {what}; expected one of " + $"{JsonSpelling.Expected(map)}"
            );
        }

        private static string Join(string field, string name) => field.Length == 0 ? name : field + "." + name;
    }

    /// <summary>
    /// The pupil JSON of a situation (the contract of docs/pupil-and-plan-json.md), unknown facts left out, so that
    /// <see cref="Parse"/> reads back the same situation. For programs that call the API and for the API benchmark.
    /// </summary>
    public static string Write(Situation situation)
    {
        ArgumentNullException.ThrowIfNull(situation);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("on", PlanJson.Iso(situation.On));
            w.WriteString("school", JsonSpelling.Of(situation.School));
            if (situation.BirthDate is { } birth)
                w.WriteString("birthDate", PlanJson.Iso(birth));
            if (situation.Leerweg is { } leerweg)
                w.WriteString("leerweg", JsonSpelling.Of(leerweg));
            if (situation.Leerjaar is { } leerjaar)
                w.WriteNumber("leerjaar", leerjaar);
            if (situation.Niveau is { } niveau)
                w.WriteNumber("niveau", niveau);
            if (situation.Sector is { } sector)
                w.WriteString("sector", JsonSpelling.Of(sector));
            if (!situation.Diplomas.IsEmpty)
            {
                w.WriteStartArray("diplomas");
                foreach (var d in situation.Diplomas)
                {
                    w.WriteStartObject();
                    w.WriteString("kind", JsonSpelling.Of(d.Kind));
                    if (d.Year is { } year)
                        w.WriteNumber("year", year);
                    if (d.Sector is { } ds)
                        w.WriteString("sector", JsonSpelling.Of(ds));
                    if (!d.Subjects.IsEmpty)
                    {
                        w.WriteStartArray("subjects");
                        foreach (var subject in d.Subjects)
                            w.WriteStringValue(subject);
                        w.WriteEndArray();
                    }
                    if (d.ExtraVak)
                        w.WriteBoolean("extraVak", true);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
            }
            w.WriteString("goal", JsonSpelling.Of(situation.Goal));
            if (situation.WantsSector is { } wants)
                w.WriteString("wantsSector", JsonSpelling.Of(wants));
            if (situation.MboLeerweg is { } mbo)
                w.WriteString("mboLeerweg", JsonSpelling.Of(mbo));
            if (situation.SureOfChoice is { } sure)
                w.WriteBoolean("sureOfChoice", sure);
            if (situation.AtRiskOfNoDiploma is { } risk)
                w.WriteBoolean("atRiskOfNoDiploma", risk);
            if (situation.AppliedOn is { } applied)
                w.WriteString("appliedOn", PlanJson.Iso(applied));
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}
