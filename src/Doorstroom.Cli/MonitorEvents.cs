using System.Collections.Immutable;
using System.Text;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary>The transition indicators of <c>monitor</c> and <c>report</c>: names on the command line, and the cube from the store.</summary>
internal static class MonitorEvents
{
    /// <summary>An indicator's name on the command line: its enum name in kebab-case (NieuweVsv → nieuwe-vsv).</summary>
    public static string Name(Indicator indicator) => Kebab(indicator.ToString());

    /// <summary>A dimension's name on the command line (VoVestiging → vo-vestiging).</summary>
    public static string Name(Dimension dimension) => Kebab(dimension.ToString());

    public static ImmutableDictionary<string, Indicator> ByName { get; } = Enum.GetValues<Indicator>().ToImmutableDictionary(Name);

    public static ImmutableDictionary<string, Dimension> DimensionByName { get; } = Enum.GetValues<Dimension>().ToImmutableDictionary(Name);

    internal static string Kebab(string pascal)
    {
        var s = new StringBuilder();
        foreach (var c in pascal)
        {
            if (char.IsUpper(c) && s.Length > 0)
                s.Append('-');
            s.Append(char.ToLowerInvariant(c));
        }

        return s.ToString();
    }

    public static ImmutableArray<Dimension> Dimensions(ImmutableArray<string> names) =>
        [
            .. names.Select(n =>
                DimensionByName.TryGetValue(n, out var d)
                    ? d
                    : throw new BadInputException($"--by: '{n}' is not a dimension; expected {string.Join(", ", DimensionByName.Keys.Order())}")
            ),
        ];

    /// <summary>Every indicator over the store, with what the page or table must say about the data.</summary>
    public static (MonitorCube Cube, MonitorContext Context, long Pupils, long Synthetic) Compute(
        Database database,
        RouteCatalogue catalogue,
        CancellationToken cancellationToken
    )
    {
        var context = EventMonitor.Context(database, catalogue.Domains);
        var skipped = new SkippedRows();
        var (cube, pupils, synthetic, _) = EventMonitor.Compute(database, context, skipped, cancellationToken);
        if (skipped.Note() is { } note)
            Std.Error.WriteLine("doorstroom: warning: " + note);
        if (pupils == 0)
            throw new BadInputException(
                $"monitor: {database.Description} holds no pupil events (import them with 'doorstroom import events "
                    + $"FILE', or simulate: 'doorstroom simulate')"
            );
        return (cube, context, pupils, synthetic);
    }

    /// <summary>A rolled-up indicator table as output, suppressed as DUO does.</summary>
    public static MonitorOutput Output(MonitorTable table, IndicatorDefinition d, MonitorContext context, long pupils, long synthetic, string store)
    {
        var mean = d.Indicator == Indicator.TijdTotStartkwalificatie;
        ImmutableArray<string> columns = [.. table.By.Select(Name), "population", "hits", "rate", .. mean ? ["mean_years"] : Array.Empty<string>()];
        var rows = table
            .Rows.Select(r =>
                (ImmutableArray<object?>)
                    [
                        .. r.Keys,
                        MonitorOutput.Count(r.Population),
                        MonitorOutput.Count(r.Hits),
                        MonitorOutput.Rate(r.Hits, r.Population),
                        .. mean ? [r.Hits < 10 ? null : r.Mean] : Array.Empty<object?>(),
                    ]
            )
            .ToImmutableArray();
        return new MonitorOutput(
            Name(d.Indicator),
            [
                new("definition", $"{d.Id} {d.Name}"),
                new("rule", d.Rule),
                new("peildatum", d.Peildatum),
                new("population", d.Population),
                new("numerator", d.Numerator),
                new("by", string.Join(",", table.By.Select(Name))),
                new("data", Data(store, context, pupils, synthetic)),
            ],
            columns,
            rows,
            [MonitorOutput.SuppressionNote, "No pupil key is ever shown: every row is an aggregate."]
        );
    }

    public static string Data(string store, MonitorContext context, long pupils, long synthetic) =>
        $"{store}: {pupils:N0} pupils, events through {context.Through:yyyy-MM-dd}"
        + (
            synthetic == pupils ? " — SYNTHETIC (simulated) pupils"
            : synthetic > 0 ? $" — of which {synthetic:N0} SYNTHETIC (simulated)"
            : ""
        );
}
