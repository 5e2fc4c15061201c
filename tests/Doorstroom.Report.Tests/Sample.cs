using Doorstroom.Domain;

namespace Doorstroom.Report.Tests;

/// <summary>Small hand-made monitor tables: no pupils, only aggregates, with some cells small enough to be suppressed.</summary>
internal static class Sample
{
    public static readonly IndicatorDefinition Doorstroom = new(
        Indicator.DoorstroomVoMbo,
        "D-VOMBO",
        "Doorstroom vo→mbo",
        "regelboek §9.7: direct ingeschreven in mbo",
        "1 oktober t",
        "vmbo-verlaters in schooljaar t",
        "ingeschreven in mbo op 1 oktober t"
    );

    public static readonly IndicatorDefinition Switch = new(
        Indicator.Switch,
        "D6",
        "Switch in het eerste jaar",
        "regelboek §9.3",
        "1 augustus t+1",
        "bol-studenten niveau 2+ direct uit vo",
        "switch naar ander opleidingsdomein"
    );

    /// <summary>Flows A→X 6, A→Y 2, A→Z 2, B→X 3, C→Y 5 (hand-computed in the tests).</summary>
    public static readonly Flow[] SmallFlows = [new("A", "X", 6), new("A", "Y", 2), new("A", "Z", 2), new("B", "X", 3), new("C", "Y", 5)];

    public static MonitorRow Row(long population, long hits, params string[] keys) => new([.. keys], population, hits, null);

    /// <summary>By [Route, Cohort], with a suppressed count (3 → "&lt;5") and suppressed rates (population under 10).</summary>
    public static MonitorTable Trend(IndicatorDefinition definition) =>
        new(
            definition.Indicator,
            [Dimension.Route, Dimension.Cohort],
            [
                .. new[] { "normale-route", "vm2", "leerwerktraject" }.SelectMany(
                    (route, r) =>
                        Enumerable
                            .Range(2019, 4)
                            .Select(year =>
                                Row(
                                    route == "vm2" && year == 2019 ? 3 : 40 + 10 * r + year - 2019,
                                    route == "vm2" && year == 2019 ? 2 : 30 + r + 2 * (year - 2019),
                                    route,
                                    year.ToString(System.Globalization.CultureInfo.InvariantCulture)
                                )
                            )
                ),
            ]
        );

    /// <summary>By [MboInstelling]: 20 institutions, one of them small (8 pupils, rate suppressed).</summary>
    public static MonitorTable Institutions(IndicatorDefinition definition) =>
        new(
            definition.Indicator,
            [Dimension.MboInstelling],
            [.. Enumerable.Range(1, 20).Select(i => Row(i == 20 ? 8 : 20 + 5 * i, i == 20 ? 4 : 10 + 3 * i, $"{i:00}MB"))]
        );

    /// <summary>By [VoVestiging, MboInstelling]: 12 vestigingen sending to 7 institutions.</summary>
    public static MonitorTable Flows() =>
        new(
            Doorstroom.Indicator,
            [Dimension.VoVestiging, Dimension.MboInstelling],
            [
                .. Enumerable
                    .Range(1, 12)
                    .SelectMany(v =>
                        Enumerable.Range(1, 7).Where(m => (v + m) % 3 != 0).Select(m => Row(5 + (v * m) % 11, 3 + (v * m) % 11, $"{v:00}VO00", $"{m:00}MB"))
                    ),
            ]
        );

    public static ReportInput Input(bool synthetic = true) =>
        new(
            "Doorstroommonitor — testrapport",
            new DateOnly(2026, 11, 29),
            "handgemaakte testtabellen",
            synthetic,
            [Trend(Doorstroom), Institutions(Switch)],
            [Trend(Doorstroom), Trend(Switch)],
            [Institutions(Switch)],
            Flows(),
            [Doorstroom, Switch]
        );
}
