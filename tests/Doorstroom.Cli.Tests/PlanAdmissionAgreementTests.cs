using System.Text.Json.Nodes;
using Doorstroom.Domain;

namespace Doorstroom.Cli.Tests;

/// <summary>
/// `doorstroom plan` and `doorstroom admission` give one answer (decision 0003: the planner only takes admissible
/// steps): for every pathway's first mbo step after the pupil's current school, the admission command, asked about a
/// real qualification of that niveau in that leerweg, starts on the same day and admits.
/// </summary>
public sealed class PlanAdmissionAgreementTests : IDisposable
{
    private readonly Doorstroom cli = new();

    public void Dispose() => cli.Dispose();

    public static TheoryData<string> Pupils() =>
        [
            // A bbl wish before full leerplicht ends (M6): bol first.
            """{ "on": "2019-03-15", "birthDate": "2003-10-01", "school": "vmbo", "leerweg": "kb", "leerjaar": 4, "mboLeerweg": "bbl", "goal": "mbo-3" }""",
            // havo 4 with the overgangsbewijs implied by the leerjaar (A12).
            """{ "on": "2018-06-10", "school": "havo", "leerjaar": 4, "goal": "mbo-3" }""",
            // A vmbo-bb diploma holder, applied on time (A10).
            """{ "on": "2021-03-01", "school": "none", "appliedOn": "2021-02-15", "diplomas": [ { "kind": "vmbo-bb", "year": 2020 } ] }""",
            // An application after 1 August dates the first mbo programme a year later.
            """{ "on": "2020-06-28", "school": "none", "appliedOn": "2020-08-28", "diplomas": [ { "kind": "vmbo-gl", "year": 2020 } ] }""",
            // A tl pupil in leerjaar 3, before the toelatingsrecht (A11).
            """{ "on": "2016-10-01", "birthDate": "2001-05-05", "school": "vmbo", "leerweg": "tl", "leerjaar": 3, "goal": "mbo-4" }""",
        ];

    [Theory]
    [MemberData(nameof(Pupils))]
    public async Task Every_first_mbo_step_of_the_plan_is_admissible_by_the_admission_command_on_the_same_day(string pupil)
    {
        var qualifications = TestQualifications.Load;
        cli.Write("pupil.json", pupil);
        var r = await cli.Run("plan", "--pupil", "pupil.json", "--format", "json");
        Expect.Done(r);
        var plan = JsonNode.Parse(r.Stdout)!;
        var asked = new HashSet<(string, string, string)>();
        foreach (var pathway in plan["pathways"]!.AsArray())
        {
            var steps = pathway!["steps"]!.AsArray();
            var first = steps.FirstOrDefault(s => (string?)s!["school"] == "mbo" && s["admission"] is not null);
            // The admission command asks about the step right after the current school: leaving now, or after the rest of vmbo.
            if (first is null || steps.IndexOf(first) > 1 || (steps.IndexOf(first) == 1 && (string?)steps[0]!["school"] != "vmbo"))
                continue;
            var (niveau, leerweg, from) = ((string)first["niveau"]!.ToString(), (string)first["leerweg"]!, (string)first["from"]!);
            if (!asked.Add((niveau, leerweg, from)))
                continue;
            var q = qualifications.Qualifications.First(x =>
                (int)x.Level == int.Parse(niveau, System.Globalization.CultureInfo.InvariantCulture)
                && x.Leerwegen.Contains(leerweg == "bbl" ? Leerweg.Bbl : Leerweg.Bol)
            );
            var a = await cli.Run(
                "admission",
                "--pupil",
                "pupil.json",
                "--crebo",
                q.Crebo,
                "--leerweg",
                leerweg,
                "--format",
                "json",
                "--data",
                TestQualifications.Folder
            );
            Expect.Done(a);
            var admission = JsonNode.Parse(a.Stdout)!;
            Assert.True(from == (string?)admission["start"], $"plan starts niveau {niveau} {leerweg} on {from}, admission on {admission["start"]}\n{pupil}");
            Assert.Contains((string?)admission["outcome"], new[] { "admissible", "admissible-not-entitled" });
        }
        Assert.NotEmpty(asked);
    }
}
