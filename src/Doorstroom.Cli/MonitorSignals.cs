using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary>A ratio or a number of years as the monitor shows it: two decimals, never a percentage.</summary>
internal sealed record Decimal2(double Value)
{
    public override string ToString() => Value.ToString("0.00", CultureInfo.InvariantCulture);

    public static Decimal2? Of(double? value) => value is { } v ? new(v) : null;
}

/// <summary>
/// <c>doorstroom monitor signals</c> (issue 16 item 3): per doubt signal, the switch rate, the new vsv rate and the time to a
/// startkwalificatie of the pupils with and without it, with the relative risk and its 95 % interval, suppressed as the
/// monitor is. An association in the data loaded, not an effect.
/// </summary>
internal static class MonitorSignals
{
    /// <summary>A signal's name on the command line: its enum name in kebab-case (GeenLob → geen-lob).</summary>
    public static string Name(DoubtKind kind) => MonitorEvents.Kebab(kind.ToString());

    public static MonitorOutput Output(Database database, RouteCatalogue catalogue, DoubtSettings settings, CancellationToken cancellationToken)
    {
        var context = EventMonitor.Context(database, catalogue.Domains);
        var skipped = new SkippedRows();
        var cube = SignalMonitor.Compute(database, context, settings, skipped, cancellationToken);
        if (skipped.Note() is { } note)
            Std.Error.WriteLine("doorstroom: warning: " + note);
        if (cube.Pupils == 0)
            throw new BadInputException(
                $"monitor signals: {database.Description} holds no pupil with a vmbo exam year whose signals can be evaluated by "
                    + $"{context.Through:yyyy-MM-dd} (import events with 'doorstroom import events FILE', or simulate: 'doorstroom simulate')"
            );
        var rows = cube.Comparisons()
            .Select(c =>
                (ImmutableArray<object?>)
                    [
                        Name(c.Kind),
                        DoubtSignals.Rule(c.Kind).Rule,
                        MonitorEvents.Name(c.Outcome),
                        MonitorOutput.Count(c.With.Population),
                        MonitorOutput.Count(c.With.Hits),
                        MonitorOutput.Rate(c.With.Hits, c.With.Population),
                        MonitorOutput.Count(c.Without.Population),
                        MonitorOutput.Count(c.Without.Hits),
                        MonitorOutput.Rate(c.Without.Hits, c.Without.Population),
                        Decimal2.Of(c.Risk?.Ratio),
                        Decimal2.Of(c.Risk?.Low),
                        Decimal2.Of(c.Risk?.High),
                        Decimal2.Of(c.Years?.MeanWith),
                        Decimal2.Of(c.Years?.MeanWithout),
                        Decimal2.Of(c.Years?.Difference),
                        Decimal2.Of(c.Years?.Low),
                        Decimal2.Of(c.Years?.High),
                    ]
            )
            .ToImmutableArray();
        return new MonitorOutput(
            "signals",
            [
                new("definition", "doubt signals S1-S4 and A1, each evaluated on its reference date in the pupil's vmbo exam year"),
                new(
                    "reference_dates",
                    $"geen-keuze {settings.KeuzeUiterlijk}, geen-lob {settings.LobUiterlijk} (MM-dd in the exam year); the others 31 July of the exam year"
                ),
                new(
                    "outcomes",
                    "the monitor's own: switch (D6, the first mbo year), nieuwe-vsv (D2, any cohort from the exam year's 1 October on), "
                        + "tijd-tot-startkwalificatie (rate: reached by the data's end; years from leaving vmbo)"
                ),
                new("method", "relative risk with a 95% interval by the Katz log method; difference of mean years (with - without) with a 95% Welch interval"),
                new("reading", "ASSOCIATION, NOT EFFECT: pupils with a signal differ in more than the signal"),
                new("data", Data(database.Description, context, cube)),
            ],
            [
                "signal",
                "rule",
                "outcome",
                "with_population",
                "with_hits",
                "with_rate",
                "without_population",
                "without_hits",
                "without_rate",
                "relative_risk",
                "rr_low",
                "rr_high",
                "mean_years_with",
                "mean_years_without",
                "difference_years",
                "difference_low",
                "difference_high",
            ],
            rows,
            [
                MonitorOutput.SuppressionNote,
                "No relative risk or difference is shown beside a suppressed rate, nor where a group has no hit; "
                    + "means need 10 pupils who reached a startkwalificatie.",
                "No pupil key is ever shown: every row is an aggregate.",
            ]
        );
    }

    /// <summary>What the data is; on synthetic pupils, that the numbers measure the simulator's assumptions.</summary>
    public static string Data(string store, MonitorContext context, SignalMeasureCube cube) =>
        $"{store}: {cube.Pupils:N0} pupils with a vmbo exam year, events through {context.Through:yyyy-MM-dd}"
        + (
            cube.SyntheticPupils == cube.Pupils ? " — SYNTHETIC (simulated) pupils: this measures the simulator's assumptions, not the world"
            : cube.SyntheticPupils > 0
                ? $" — of which {cube.SyntheticPupils:N0} SYNTHETIC (simulated): those measure the simulator's assumptions, not the world"
            : ""
        );
}
