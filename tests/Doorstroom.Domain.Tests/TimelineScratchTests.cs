using System.Collections.Immutable;

namespace Doorstroom.Domain.Tests;

/// <summary>
/// The monitor reuses one scratch timeline per thread (<c>Timeline.Rent</c>). That hidden state must not show: observing
/// pupils on many threads at once, or from inside a sink, gives exactly what one thread observing them one by one gives.
/// </summary>
public sealed class TimelineScratchTests
{
    private const int Pupils = 3000;

    private static readonly MonitorContext Context = new(
        new[]
        {
            new CreboInfo(25100, 2, "Zorg en welzijn", Direction.ZorgEnWelzijn),
            new CreboInfo(25200, 3, "Handel en ondernemerschap", Direction.Economie),
            new CreboInfo(25300, 4, "Techniek en procesindustrie", Direction.Techniek),
        }.ToImmutableDictionary(c => c.Crebo),
        new DateOnly(2026, 10, 1)
    );

    /// <summary>
    /// A pupil's stream from its number: a vmbo leaver of 2012–2020 who goes to one of several mbo schools (or not), and
    /// some switch, graduate, drop out or hop between schools, so that streams differ in length and some outgrow the
    /// timeline's first buffers (8 spells, 4 switches, 4 diplomas).
    /// </summary>
    private static TransitionEvent[] Stream(int n)
    {
        var key = $"P{n}";
        var year = 2012 + n % 9;
        var leerweg = (Leerweg)(n % 4);
        var vo = $"{n % 7:00}VO00";
        var events = new List<TransitionEvent>
        {
            new(key, new DateOnly(year - 2, 8, 1), EventKind.Ingeschreven, vo, leerweg, Leerjaar: 3, Route: n % 5 == 0 ? "vm2" : "normale-route"),
        };
        if (n % 3 != 0)
            events.Add(new(key, new DateOnly(year, 6, 15), EventKind.DiplomaBehaald, vo, leerweg));
        events.Add(new(key, new DateOnly(year, 7, 31), EventKind.Uitgeschreven, vo, Detail: n % 11 == 0 ? "buitenland" : "diploma"));
        if (n % 6 == 5)
            return [.. events];
        var hops = n % 13 == 0 ? 12 : 1 + n % 3;
        var on = new DateOnly(year, 8, 1);
        for (var h = 0; h < hops; h++)
        {
            var mbo = $"{20 + (n + h) % 5}MB0{h % 2}";
            var niveau = 2 + (n + h) % 3;
            var crebo = 25000 + niveau * 100;
            events.Add(new(key, on, EventKind.Ingeschreven, mbo, Leerweg.Bol, Niveau: niveau, Crebo: crebo));
            if ((n + h) % 4 == 1)
                events.Add(new(key, on.AddMonths(5), EventKind.Geswitcht, mbo, Leerweg.Bol, Niveau: 2 + (n + h + 1) % 3, Crebo: 25100));
            var end = on.AddYears(hops > 3 ? 1 : 2).AddDays(-1);
            if ((n + h) % 2 == 0)
                events.Add(new(key, end.AddDays(-30), EventKind.DiplomaBehaald, mbo, Leerweg.Bol, Niveau: niveau, Crebo: crebo));
            events.Add(new(key, end, EventKind.Uitgeschreven, mbo, Leerweg.Bol, Detail: (n + h) % 2 == 0 ? "diploma" : "werk"));
            on = end.AddDays(1);
        }
        return [.. events];
    }

    private static ImmutableArray<Observation> ObserveAlone(TransitionEvent[] stream, int n)
    {
        var sink = new ListSink();
        Indicators.Observe(stream, n % 17 == 0 ? null : new DateOnly(1995 + n % 9, 1 + n % 12, 1), Context, sink);
        return [.. sink.Items];
    }

    [Fact]
    public void Pupils_observed_on_many_threads_at_once_count_the_same_as_one_by_one()
    {
        var streams = Enumerable.Range(0, Pupils).Select(Stream).ToArray();
        var sequential = streams.Select((s, n) => ObserveAlone(s, n)).ToArray();
        Assert.True(sequential.Sum(o => o.Length) > 10 * Pupils, "the pupils make many observations");
        Assert.Contains(streams, s => s.Length > 30);

        var parallel = new ImmutableArray<Observation>[Pupils];
        // Several rounds in a scrambled order, more threads than cores: threads interleave in the middle of pupils.
        for (var round = 0; round < 3; round++)
        {
            Parallel.For(0, Pupils, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                var n = (int)((i * 7919L + round * 104729L) % Pupils);
                parallel[n] = ObserveAlone(streams[n], n);
            });
            for (var n = 0; n < Pupils; n++)
                Assert.True(sequential[n].SequenceEqual(parallel[n]), $"pupil {n}, round {round}");
        }
    }

    [Fact]
    public void A_sink_that_observes_another_pupil_inside_add_does_not_disturb_the_pupil_being_measured()
    {
        var outer = Stream(13);
        var inner = Stream(26);
        var innerSink = new ListSink();
        var outerSink = new ReentrantSink(() => Indicators.Observe(inner, null, Context, innerSink));

        Indicators.Observe(outer, new DateOnly(2000, 1, 1), Context, outerSink);

        var alone = new ListSink();
        Indicators.Observe(outer, new DateOnly(2000, 1, 1), Context, alone);
        Assert.NotEmpty(alone.Items);
        Assert.Equal(alone.Items, outerSink.Items);
        Assert.Equal(ObserveAlone(inner, 17), innerSink.Items);
    }

    private sealed class ListSink : IObservationSink
    {
        public List<Observation> Items { get; } = [];

        public void Add(in Observation observation) => Items.Add(observation);
    }

    /// <summary>Observes another pupil (once) from inside its first <see cref="Add"/>.</summary>
    private sealed class ReentrantSink(Action inside) : IObservationSink
    {
        private bool done;
        public List<Observation> Items { get; } = [];

        public void Add(in Observation observation)
        {
            if (!done)
            {
                done = true;
                inside();
            }
            Items.Add(observation);
        }
    }
}
