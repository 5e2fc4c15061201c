using System.Collections.Immutable;
using System.CommandLine;
using Doorstroom.Domain;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary><c>doorstroom monitor</c>: the real DUO aggregates and the transition indicators, with DUO's suppression.</summary>
internal static class MonitorCommand
{
    private static readonly ImmutableArray<string> RealKinds = ["exam-candidates", "pupils"];

    internal static Command Create(Func<ParseResult, RouteCatalogue> catalogue)
    {
        var indicator = new Argument<string>("indicator")
        {
            Description =
                "A transition indicator ("
                + string.Join(", ", MonitorEvents.ByName.Keys.Order())
                + "), network (vmbo → mbo flows), signals (doubt signals against switch, vsv and time to startkwalificatie), "
                + "or exam-candidates / pupils (real DUO aggregates)",
        };
        var cohort = new Option<string?>("--cohort") { Description = "Only these cohort years, comma-separated (e.g. 2019,2020)" };
        var compare = new Option<string?>("--compare")
        {
            Description = "Compare this route with --against on comparable pupils (same vmbo leerweg and " + "sector), e.g. vm2",
        };
        var against = new Option<string>("--against") { Description = "The reference route of --compare", DefaultValueFactory = _ => "normale-route" };
        var by = new Option<string?>("--by") { Description = "Dimensions to break down by, comma-separated (e.g. leerweg,sector)" };
        var year = new Option<int?>("--year") { Description = "School year of the real aggregates, by its first calendar year (2016 = 2016-2017)" };
        var type = new Option<string>("--onderwijstype") { Description = "exam-candidates: vmbo, havo, vwo or all", DefaultValueFactory = _ => "vmbo" };
        var format = new Option<string>("--format") { Description = "table, csv or json", DefaultValueFactory = _ => "table" };
        var choiceDay = new Option<string>("--choice-day")
        {
            Description = "signals: the day of the exam year (MM-dd) by which a pupil has made a choice (S1)",
            DefaultValueFactory = _ => DoubtSettings.Default.KeuzeUiterlijk.ToString(),
        };
        var lobDay = new Option<string>("--lob-day")
        {
            Description = "signals: the day of the exam year (MM-dd) by which a pupil took part in an LOB activity (S3)",
            DefaultValueFactory = _ => DoubtSettings.Default.LobUiterlijk.ToString(),
        };
        var db = StoreCommands.DbOption();
        var cmd = new Command(
            "monitor",
            "Indicators per route, cohort, school, institution, leerweg and sector, and the real DUO aggregates; counts under 5 "
                + "shown as <5, rates on fewer than 10 suppressed."
        )
        {
            indicator,
            by,
            cohort,
            compare,
            against,
            year,
            type,
            format,
            choiceDay,
            lobDay,
            db,
        };
        cmd.SetAction(
            (parse, cancellationToken) =>
            {
                var f = parse.GetValue(format)!;
                if (f is not ("table" or "csv" or "json"))
                    throw new BadInputException($"--format: '{f}' is not a format; expected table, csv or json");
                var name = parse.GetValue(indicator)!;
                var dims = Split(parse.GetValue(by));
                var database = StoreCommands.OpenStore(parse, db);
                var output = name switch
                {
                    "exam-candidates" => Exams(database, parse.GetValue(year), parse.GetValue(type)!, dims.IsEmpty ? ["leerweg"] : dims),
                    "pupils" => Pupils(database, parse.GetValue(year), dims.IsEmpty ? ["leerweg", "leerjaar"] : dims),
                    "signals" => MonitorSignals.Output(database, catalogue(parse), Days(parse.GetValue(choiceDay), parse.GetValue(lobDay)), cancellationToken),
                    "network" => NetworkOutput(database, catalogue(parse), Cohorts(parse.GetValue(cohort)), dims, cancellationToken),
                    _ when MonitorEvents.ByName.TryGetValue(name, out var which) && parse.GetValue(compare) is { } route => Comparison(
                        database,
                        catalogue(parse),
                        which,
                        route,
                        parse.GetValue(against)!,
                        Cohorts(parse.GetValue(cohort)),
                        cancellationToken
                    ),
                    _ when MonitorEvents.ByName.TryGetValue(name, out var which) => Indicator(
                        database,
                        catalogue(parse),
                        which,
                        MonitorEvents.Dimensions(dims.IsEmpty ? ["cohort"] : dims),
                        Cohorts(parse.GetValue(cohort)),
                        cancellationToken
                    ),
                    _ => throw new BadInputException(
                        $"monitor: '{name}' is not an indicator; expected one of "
                            + string.Join(", ", MonitorEvents.ByName.Keys.Order().Concat(["network", "signals", .. RealKinds]))
                    ),
                };
                output.Write(f);
                return Task.FromResult(ExitCodes.Done);
            }
        );
        return cmd;
    }

    private static DoubtSettings Days(string? choice, string? lob)
    {
        var (c, cp) = MonthDay.Parse(choice);
        if (cp is not null)
            throw new BadInputException("--choice-day: " + cp);
        var (l, lp) = MonthDay.Parse(lob);
        if (lp is not null)
            throw new BadInputException("--lob-day: " + lp);
        return new DoubtSettings(c!.Value, l!.Value);
    }

    private static ImmutableHashSet<int>? Cohorts(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var years = ImmutableHashSet.CreateBuilder<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (
                !int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var y)
                || y is < 1990 or > 2100
            )
                throw new BadInputException($"--cohort: '{part}' is not a cohort year; expected years such as 2019,2020");
            years.Add(y);
        }

        return years.ToImmutable();
    }

    private static MonitorOutput Indicator(
        Database database,
        RouteCatalogue catalogue,
        Indicator indicator,
        ImmutableArray<Dimension> by,
        ImmutableHashSet<int>? cohorts,
        CancellationToken cancellationToken
    )
    {
        var (cube, context, pupils, synthetic) = MonitorEvents.Compute(database, catalogue, cancellationToken);
        var table = cube.Table(indicator, by, cohorts is null ? null : cell => cohorts.Contains(cell.Cohort));
        return MonitorEvents.Output(table, catalogue.Definition(indicator), context, pupils, synthetic, database.Description);
    }

    /// <summary>A route against a reference route on comparable pupils, stratum by stratum, with the reference standardised to the route's mix.</summary>
    private static MonitorOutput Comparison(
        Database database,
        RouteCatalogue catalogue,
        Indicator indicator,
        string route,
        string against,
        ImmutableHashSet<int>? cohorts,
        CancellationToken cancellationToken
    )
    {
        foreach (var id in new[] { route, against }.Where(id => catalogue.Routes.All(r => r.Id != id)))
            throw new BadInputException($"--compare/--against: '{id}' is not a route; expected one of {string.Join(", ", catalogue.Routes.Select(r => r.Id))}");
        var (cube, context, pupils, synthetic) = MonitorEvents.Compute(database, catalogue, cancellationToken);
        var c = RouteComparison.Compare(cube, indicator, route, against, cohorts is null ? null : cell => cohorts.Contains(cell.Cohort));
        if (c.Strata.IsEmpty)
            throw new BadInputException(
                $"monitor {MonitorEvents.Name(indicator)}: {route} and {against} have no pupils of the same leerweg and sector to " + $"compare"
            );
        var d = catalogue.Definition(c.Indicator);
        return new MonitorOutput(
            MonitorEvents.Name(indicator),
            [
                new("definition", $"{d.Id} {d.Name}"),
                new("peildatum", d.Peildatum),
                new("population", d.Population),
                new("numerator", d.Numerator),
                new("comparison", $"{route} against {against}, on pupils of the same vmbo leerweg and sector (the mbo domain's direction)"),
                new("route_rate", Percent(c.RouteRate)),
                new("against_rate", Percent(c.AgainstRate)),
                new("against_standardised", Percent(c.AgainstStandardised) + $" ({against} weighted to {route}'s mix of strata)"),
                new("not_compared", $"{c.RouteOutside:N0} {route} pupils and {c.AgainstOutside:N0} {against} pupils in strata the other route lacks"),
                new("data", MonitorEvents.Data(database.Description, context, pupils, synthetic)),
            ],
            ["leerweg", "sector", $"{route}_population", $"{route}_rate", $"{against}_population", $"{against}_rate"],
            [
                .. c.Strata.Select(s =>
                    (ImmutableArray<object?>)
                        [
                            s.Leerweg,
                            s.Sector,
                            MonitorOutput.Count(s.RoutePopulation),
                            MonitorOutput.Rate(s.RouteHits, s.RoutePopulation),
                            MonitorOutput.Count(s.AgainstPopulation),
                            MonitorOutput.Rate(s.AgainstHits, s.AgainstPopulation),
                        ]
                ),
            ],
            [MonitorOutput.SuppressionNote]
        );

        static string Percent(double? rate) => rate is { } r ? r.ToString("0.0%", System.Globalization.CultureInfo.InvariantCulture) : "–";
    }

    /// <summary>The network: per mbo institution its feeding vmbo schools (or, by vo-vestiging, per school its spread over mbo).</summary>
    private static MonitorOutput NetworkOutput(
        Database database,
        RouteCatalogue catalogue,
        ImmutableHashSet<int>? cohorts,
        ImmutableArray<string> by,
        CancellationToken cancellationToken
    )
    {
        if (by.Length > 1 || (by.Length == 1 && by[0] is not ("mbo-instelling" or "vo-vestiging")))
            throw new BadInputException("--by: network is shown per mbo-instelling (its feeding schools) or per vo-vestiging (its spread over mbo)");
        var (cube, context, pupils, synthetic) = MonitorEvents.Compute(database, catalogue, cancellationToken);
        var flows = Network.Flows(
            cube.Table(
                Domain.Indicator.DoorstroomVoMbo,
                [Dimension.VoVestiging, Dimension.MboInstelling],
                cohorts is null ? null : cell => cohorts.Contains(cell.Cohort)
            )
        );
        ImmutableArray<KeyValuePair<string, string>> about =
        [
            new("definition", "vo→mbo flows: vmbo leavers of the cohort enrolled in mbo on 1 October, from each vo vestiging to each mbo institution"),
            new("data", MonitorEvents.Data(database.Description, context, pupils, synthetic)),
        ];
        if (by.Length == 1 && by[0] == "vo-vestiging")
        {
            return new MonitorOutput(
                "network",
                about,
                ["vo-vestiging", "pupils", "mbo_instellingen", "largest", "largest_share", "herfindahl"],
                [
                    .. Network
                        .Spread(flows)
                        .Select(v =>
                            (ImmutableArray<object?>)
                                [
                                    v.VoVestiging,
                                    MonitorOutput.Count(v.Total),
                                    (long)v.Institutions,
                                    v.LargestInstelling,
                                    v.Total < 10 ? null : v.LargestShare,
                                    v.Total < 10 ? null : v.Herfindahl,
                                ]
                        ),
                ],
                [MonitorOutput.SuppressionNote]
            );
        }

        return new MonitorOutput(
            "network",
            about,
            ["mbo-instelling", "pupils", "feeding_vo_vestigingen", "largest_feeder", "largest_share"],
            [
                .. Network
                    .Intake(flows)
                    .Select(m =>
                        (ImmutableArray<object?>)
                            [m.MboInstelling, MonitorOutput.Count(m.Total), (long)m.Feeders, m.LargestFeeder, m.Total < 10 ? null : m.LargestFeederShare]
                    ),
            ],
            [MonitorOutput.SuppressionNote, "The article: one mbo takes pupils from twenty or thirty vmbo schools."]
        );
    }

    private static ImmutableArray<string> Split(string? text) =>
        [.. (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(s => s.ToLowerInvariant())];

    private static MonitorOutput Exams(Database database, int? year, string type, ImmutableArray<string> by)
    {
        if (type is not ("vmbo" or "havo" or "vwo" or "all"))
            throw new BadInputException($"--onderwijstype: '{type}' is not one; expected vmbo, havo, vwo " + $"or all");
        var table = Real(() => RealAggregates.ExamCandidates(database, year, type, by), "--by");
        if (table.Rows.IsEmpty)
            throw new BadInputException(
                $"monitor exam-candidates: no exam records{(year is { } y ? $" for {y}-{y + 1}" : "")} in "
                    + $"{database.Description} (import them: doorstroom import vo-examens)"
            );
        var suppressed = table.Rows.Sum(r => r.SuppressedCells);
        return new MonitorOutput(
            "exam-candidates",
            [new("source", table.Source), new("year", year is { } yy ? $"{yy}-{yy + 1}" : "all"), new("onderwijstype", type), new("by", string.Join(",", by))],
            [.. by, "candidates", "passed", "pass_rate", "suppressed_cells"],
            [
                .. table.Rows.Select(r =>
                    (ImmutableArray<object?>)
                        [
                            .. r.Keys,
                            MonitorOutput.Count(r.Count),
                            MonitorOutput.Count(r.Passed ?? 0),
                            MonitorOutput.Rate(r.Passed ?? 0, r.PassedOf ?? 0),
                            r.SuppressedCells,
                        ]
                ),
            ],
            [
                MonitorOutput.SuppressionNote,
                .. suppressed > 0
                    ?
                    [
                        $"{suppressed:N0} published cells were <5 (0 to 4 candidates each): they are not in the candidate counts, and the pass "
                            + $"rate is over the cells with both counts published.",
                    ]
                    : Array.Empty<string>(),
            ]
        );
    }

    private static MonitorOutput Pupils(Database database, int? year, ImmutableArray<string> by)
    {
        var table = Real(() => RealAggregates.Pupils(database, year, by), "--by");
        if (table.Rows.IsEmpty)
            throw new BadInputException(
                $"monitor pupils: no pupil counts{(year is { } y ? $" for {y}-{y + 1}" : "")} in "
                    + $"{database.Description} (import them: doorstroom import vo-leerlingen)"
            );
        return new MonitorOutput(
            "pupils",
            [new("source", table.Source), new("year", year is { } yy ? $"{yy}-{yy + 1}" : "all"), new("by", string.Join(",", by))],
            [.. by, "pupils"],
            [.. table.Rows.Select(r => (ImmutableArray<object?>)[.. r.Keys, MonitorOutput.Count(r.Count)])],
            [MonitorOutput.SuppressionNote]
        );
    }

    private static AggregateTable Real(Func<AggregateTable> query, string option)
    {
        try
        {
            return query();
        }
        catch (ArgumentException e) when (e.ParamName == "by")
        {
            throw new BadInputException($"{option}: {e.Message[..e.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]}");
        }
    }
}
