using System.Text;
using System.Text.Json;

namespace Doorstroom.Cli.Tests;

/// <summary><c>monitor signals</c> on a small hand-made store: rates, relative risk, interval and suppression computed by hand.</summary>
public sealed class MonitorSignalsTests
{
    private static string Line(
        string pupil,
        string date,
        string type,
        string institution,
        string? leerweg = null,
        int? leerjaar = null,
        int? niveau = null,
        int? crebo = null,
        string? detail = null
    ) =>
        JsonSerializer.Serialize(
            new Dictionary<string, object?>
            {
                ["pupil"] = pupil,
                ["date"] = date,
                ["type"] = type,
                ["institution"] = institution,
                ["leerweg"] = leerweg,
                ["leerjaar"] = leerjaar,
                ["niveau"] = niveau,
                ["crebo"] = crebo,
                ["route"] = null,
                ["detail"] = detail,
                ["voids"] = null,
                ["synthetic"] = true,
                ["birth_date"] = null,
            }
        );

    /// <summary>
    /// 30 bb pupils of exam year 2027 who all apply in January and go to mbo-2 bol on 1 August 2027. Pupils 0–9 record no
    /// LOB activity in the exam year (S3 holds on 1 February 2027); 10–29 went to an open dag in October 2026. Pupils 0–4 and
    /// 10–14 switch from niveau 2 to 3 in January 2028 (D6: from niveau 2 any change of niveau). Pupils 10–12 applied to
    /// niveau 1, below bb's usual 2 (A1). One more pupil in leerjaar 1 in 2029 carries the data to October 2029.
    /// </summary>
    private static string Store()
    {
        var lines = new StringBuilder();
        for (var i = 0; i < 30; i++)
        {
            var p = $"P{i:00}";
            lines.AppendLine(Line(p, "2025-08-01", "Ingeschreven", "01AB00", "bb", 3));
            lines.AppendLine(Line(p, "2026-08-01", "Bevorderd", "01AB00", "bb", 4));
            if (i >= 10)
                lines.AppendLine(Line(p, "2026-10-01", "LobActiviteit", "01AB00", detail: "open-dag"));
            var lower = i is >= 10 and <= 12;
            lines.AppendLine(Line(p, "2027-01-15", "Aangemeld", "25PJ00", "bol", niveau: lower ? 1 : 2, crebo: lower ? 25100 : 25200));
            lines.AppendLine(Line(p, "2027-06-15", "DiplomaBehaald", "01AB00", "bb"));
            lines.AppendLine(Line(p, "2027-07-31", "Uitgeschreven", "01AB00", detail: "diploma"));
            lines.AppendLine(Line(p, "2027-08-01", "Ingeschreven", "25PJ00", "bol", niveau: 2, crebo: 25200));
            if (i is < 5 or (>= 10 and < 15))
                lines.AppendLine(Line(p, "2028-01-15", "Geswitcht", "25PJ00", "bol", niveau: 3, crebo: 25300));
        }
        lines.AppendLine(Line("Z", "2029-10-01", "Ingeschreven", "01AB00", "bb", 1));
        return lines.ToString();
    }

    private static JsonElement Row(JsonElement json, string signal, string outcome) =>
        json.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("signal").GetString() == signal && r.GetProperty("outcome").GetString() == outcome);

    [Fact]
    public async Task Switch_rates_relative_risk_and_Katz_interval_by_hand_with_small_cells_suppressed()
    {
        using var cli = new Doorstroom();
        Expect.Done(await cli.Run("import", "events", cli.Write("events.jsonl", Store()), "--db", "s.db"));
        var r = await cli.Run("monitor", "signals", "--format", "json", "--db", "s.db");
        Expect.Done(r);
        var json = JsonDocument.Parse(r.Stdout).RootElement;

        // S3 (geen-lob) against switch: with 5 of 10 (0,5), without 5 of 20 (0,25): RR = 0,5/0,25 = 2,00.
        // SE(ln RR) = √(1/5 − 1/10 + 1/5 − 1/20) = √0,25 = 0,5; ln 2 ± 1,96 · 0,5 = 0,693147 ± 0,979982:
        // exp(−0,286835) = 0,75 and exp(1,673129) = 5,33.
        var lob = Row(json, "geen-lob", "switch");
        Assert.Equal("S3", lob.GetProperty("rule").GetString());
        Assert.Equal(10, lob.GetProperty("with_population").GetInt64());
        Assert.Equal(5, lob.GetProperty("with_hits").GetInt64());
        Assert.Equal(0.5, lob.GetProperty("with_rate").GetDouble(), 6);
        Assert.Equal(20, lob.GetProperty("without_population").GetInt64());
        Assert.Equal(0.25, lob.GetProperty("without_rate").GetDouble(), 6);
        Assert.Equal("2.00", lob.GetProperty("relative_risk").GetString());
        Assert.Equal("0.75", lob.GetProperty("rr_low").GetString());
        Assert.Equal("5.33", lob.GetProperty("rr_high").GetString());

        // A1 (lager-niveau): 3 pupils with it, shown as <5; no rate, no ratio beside it.
        var lower = Row(json, "lager-niveau", "switch");
        Assert.Equal("<5", lower.GetProperty("with_population").GetString());
        Assert.Equal(JsonValueKind.Null, lower.GetProperty("with_rate").ValueKind);
        Assert.Equal(JsonValueKind.Null, lower.GetProperty("relative_risk").ValueKind);
        Assert.Equal(27, lower.GetProperty("without_population").GetInt64());

        // Nobody left without a startkwalificatie: 0 vsv'ers both ways, so no ratio (a group without a hit).
        var vsv = Row(json, "geen-lob", "nieuwe-vsv");
        Assert.Equal(0, vsv.GetProperty("with_hits").GetInt64());
        Assert.Equal(JsonValueKind.Null, vsv.GetProperty("relative_risk").ValueKind);

        // The pupils are synthetic: the output says what it measures, and that it is an association.
        Assert.Contains("simulator's assumptions", json.GetProperty("data").GetString(), StringComparison.Ordinal);
        Assert.Contains("ASSOCIATION, NOT EFFECT", json.GetProperty("reading").GetString(), StringComparison.Ordinal);
        Assert.Contains("Katz", json.GetProperty("method").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_choice_day_that_is_no_day_is_bad_input()
    {
        using var cli = new Doorstroom();
        Expect.BadInput(await cli.Run("monitor", "signals", "--choice-day", "05-01", "--db", "x.db"), "--choice-day", "before 1 April");
    }
}
