using System.Collections.Immutable;

namespace Doorstroom.Domain.Tests;

/// <summary>Hand-built streams for each indicator of rulebook §9; each test shows its arithmetic in comments.</summary>
public sealed class IndicatorTests
{
    private const string Vo = "01AA00";
    private const string Mbo = "25LG00";
    private const string OtherMbo = "28EF01";
    private const int Groen3 = 20330,
        Economie2 = 20220,
        Economie3 = 20320,
        Economie4 = 20420,
        Zorg2 = 20200,
        Groen2 = 20230;

    private static readonly ImmutableDictionary<int, CreboInfo> Crebos = new[]
    {
        new CreboInfo(Groen3, 3, "Voedsel, natuur en leefomgeving", Direction.Groen),
        new CreboInfo(Groen2, 2, "Voedsel, natuur en leefomgeving", Direction.Groen),
        new CreboInfo(Economie2, 2, "Handel en ondernemerschap", Direction.Economie),
        new CreboInfo(Economie3, 3, "Handel en ondernemerschap", Direction.Economie),
        new CreboInfo(Economie4, 4, "Handel en ondernemerschap", Direction.Economie),
        new CreboInfo(Zorg2, 2, "Zorg en welzijn", Direction.ZorgEnWelzijn),
    }.ToImmutableDictionary(c => c.Crebo);

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static TransitionEvent VoIn(DateOnly on, Leerweg lw = Leerweg.Kb, string route = "normale-route", string at = Vo) =>
        new("P", on, EventKind.Ingeschreven, at, lw, Leerjaar: 3, Route: route);

    private static TransitionEvent VoDiploma(DateOnly on, Leerweg lw = Leerweg.Kb) => new("P", on, EventKind.DiplomaBehaald, Vo, lw);

    private static TransitionEvent VoOut(DateOnly on, string reason = "diploma", string at = Vo) => new("P", on, EventKind.Uitgeschreven, at, Detail: reason);

    private static TransitionEvent MboIn(DateOnly on, int niveau, int crebo, Leerweg lw = Leerweg.Bol, string at = Mbo) =>
        new("P", on, EventKind.Ingeschreven, at, lw, Niveau: niveau, Crebo: crebo);

    private static TransitionEvent MboSwitch(DateOnly on, int niveau, int crebo, string at = Mbo) =>
        new("P", on, EventKind.Geswitcht, at, Leerweg.Bol, Niveau: niveau, Crebo: crebo);

    private static TransitionEvent MboDiploma(DateOnly on, int niveau, int crebo, string at = Mbo) =>
        new("P", on, EventKind.DiplomaBehaald, at, Leerweg.Bol, Niveau: niveau, Crebo: crebo);

    private static TransitionEvent MboOut(DateOnly on, string reason, int niveau, int crebo, string at = Mbo) =>
        new("P", on, EventKind.Uitgeschreven, at, Leerweg.Bol, Niveau: niveau, Crebo: crebo, Detail: reason);

    /// <summary>A vmbo kb pupil at <see cref="Vo"/> from 2017 who leaves with a diploma on 31 July 2019.</summary>
    private static TransitionEvent[] KbLeaver2019(Leerweg lw = Leerweg.Kb, string route = "normale-route") =>
        [VoIn(D(2017, 8, 1), lw, route), VoDiploma(D(2019, 6, 15), lw), VoOut(D(2019, 7, 31))];

    private static List<Observation> Observe(DateOnly through, DateOnly? birth, params TransitionEvent[] stream)
    {
        var sink = new ListSink();
        Indicators.Observe(stream, birth, new MonitorContext(Crebos, through), sink);
        return sink.Items;
    }

    private static List<Observation> Of(List<Observation> all, Indicator indicator) => all.Where(o => o.Indicator == indicator).ToList();

    private static Observation Single(List<Observation> all, Indicator indicator, int cohort) =>
        Assert.Single(all, o => o.Indicator == indicator && o.Cell.Cohort == cohort);

    private sealed class ListSink : IObservationSink
    {
        public List<Observation> Items { get; } = [];

        public void Add(in Observation observation) => Items.Add(observation);
    }

    [Fact]
    public void C29_switch_in_February_from_green_mbo3_to_mbo2_economie_is_a_D6_switch_and_not_a_new_vsver()
    {
        // kb leaver 31 Jul 2019 → green mbo-3 bol 1 Aug 2019 (direct: left vo 1 day before) → economie mbo-2 on 10 Feb 2020, still enrolled.
        var all = Observe(D(2021, 10, 1), D(2003, 3, 1), [.. KbLeaver2019(), MboIn(D(2019, 8, 1), 3, Groen3), MboSwitch(D(2020, 2, 10), 2, Economie2)]);

        var sw = Single(all, Indicator.Switch, 2019);
        Assert.True(sw.Hit); // domain groen → economie within the first year
        Assert.Equal(
            (3, Direction.Groen, "25LG", "01AA00", Leerweg.Kb),
            (sw.Cell.Niveau, sw.Cell.Sector, sw.Cell.MboInstelling, sw.Cell.VoVestiging, sw.Cell.Leerweg)
        );

        // D2: in vo on 1 Oct 2017 and 2018, in mbo on 1 Oct 2019 and 2020; enrolled on every following 1 October ⇒ never a vsv'er.
        var vsv = Of(all, Indicator.NieuweVsv);
        Assert.Equal([2017, 2018, 2019, 2020], vsv.Select(o => o.Cell.Cohort));
        Assert.All(vsv, o => Assert.False(o.Hit));
        Assert.Equal((3, Direction.Groen), (vsv[2].Cell.Niveau, vsv[2].Cell.Sector)); // 1 Oct 2019: green mbo-3
        Assert.Equal((2, Direction.Economie), (vsv[3].Cell.Niveau, vsv[3].Cell.Sector)); // 1 Oct 2020: economie mbo-2
        Assert.Null(vsv[0].Cell.Niveau); // a vo observation has no mbo niveau

        // D9: the green mbo-3 programme was left on 10 Feb 2020 (opbrengstjaar 2019) without its diploma.
        var left = Single(all, Indicator.Diplomaresultaat, 2019);
        Assert.Equal((false, 3, Direction.Groen), (left.Hit, left.Cell.Niveau, left.Cell.Sector));
    }

    [Fact]
    public void C30_twenty_year_old_who_left_mbo3_in_January_2016_is_a_new_vsver_of_cohort_2015()
    {
        // Born 1 Jun 1995: 20 on 1 Oct 2015. mbo-3 from 1 Aug 2014, left 15 Jan 2016 for work; not enrolled on 1 Oct 2016, no SK.
        var all = Observe(D(2017, 1, 1), D(1995, 6, 1), MboIn(D(2014, 8, 1), 3, Economie3), MboOut(D(2016, 1, 15), "werk", 3, Economie3));
        var vsv = Of(all, Indicator.NieuweVsv);
        Assert.Equal([(2014, false), (2015, true)], vsv.Select(o => (o.Cell.Cohort, o.Hit)));
        Assert.Equal(3, vsv[1].Cell.Niveau);
    }

    [Fact]
    public void C31_twenty_two_on_1_October_2015_is_outside_the_D2_population()
    {
        // Born 15 Sep 1993: 21 on 1 Oct 2014 (in, enrolled again on 1 Oct 2015 ⇒ no hit), 22 on 1 Oct 2015 (out).
        var all = Observe(D(2017, 1, 1), D(1993, 9, 15), MboIn(D(2014, 8, 1), 2, Economie2), MboOut(D(2016, 3, 1), "werk", 2, Economie2));
        var vsv = Of(all, Indicator.NieuweVsv);
        Assert.Equal([(2014, false)], vsv.Select(o => (o.Cell.Cohort, o.Hit)));
    }

    [Fact]
    public void D2_leaver_with_a_startkwalificatie_is_not_a_vsver()
    {
        // mbo-2 1 Aug 2017 – 31 Jul 2019 with its diploma on 5 Jul 2019; not enrolled on 1 Oct 2019, but holds an SK ⇒ no hit.
        var all = Observe(
            D(2020, 1, 1),
            D(2001, 1, 1),
            MboIn(D(2017, 8, 1), 2, Economie2),
            MboDiploma(D(2019, 7, 5), 2, Economie2),
            MboOut(D(2019, 7, 31), "diploma", 2, Economie2)
        );
        var vsv = Of(all, Indicator.NieuweVsv);
        Assert.Equal([(2017, false), (2018, false)], vsv.Select(o => (o.Cell.Cohort, o.Hit)));
    }

    [Fact]
    public void D2_entree_diploma_is_no_startkwalificatie_so_its_leaver_is_a_vsver()
    {
        var all = Observe(
            D(2020, 1, 1),
            D(2001, 1, 1),
            MboIn(D(2018, 8, 1), 1, Economie2),
            MboDiploma(D(2019, 7, 5), 1, Economie2),
            MboOut(D(2019, 7, 31), "diploma", 1, Economie2)
        );
        Assert.True(Single(all, Indicator.NieuweVsv, 2018).Hit);
    }

    [Fact]
    public void D2_pupil_who_moved_abroad_is_excluded_but_one_who_left_for_work_is_a_vsver()
    {
        TransitionEvent[] Left(string reason) => [MboIn(D(2017, 8, 1), 2, Economie2), MboOut(D(2018, 3, 1), reason, 2, Economie2)];
        var abroad = Observe(D(2019, 1, 1), D(2001, 1, 1), Left("buitenland"));
        Assert.Empty(Of(abroad, Indicator.NieuweVsv));
        var work = Observe(D(2019, 1, 1), D(2001, 1, 1), Left("werk"));
        Assert.True(Single(work, Indicator.NieuweVsv, 2017).Hit);
    }

    [Fact]
    public void D2_praktijkonderwijs_is_outside_the_population()
    {
        var all = Observe(
            D(2019, 1, 1),
            D(2003, 1, 1),
            new TransitionEvent("P", D(2016, 8, 1), EventKind.Ingeschreven, Vo, Leerjaar: 3, Route: "praktijkonderwijs"),
            VoOut(D(2018, 3, 1), "werk")
        );
        Assert.Empty(Of(all, Indicator.NieuweVsv));
    }

    [Fact]
    public void Measurement_whose_peildatum_is_after_Through_is_not_made()
    {
        // C30's stream with data through 30 Sep 2016: cohort 2015 needs 1 Oct 2016 ⇒ only cohort 2014 (peildatum 1 Oct 2015).
        var all = Observe(D(2016, 9, 30), D(1995, 6, 1), MboIn(D(2014, 8, 1), 3, Economie3), MboOut(D(2016, 1, 15), "werk", 3, Economie3));
        Assert.Equal([2014], Of(all, Indicator.NieuweVsv).Select(o => o.Cell.Cohort));
        // Events after Through are ignored: a switch in 2020 seen with data through 2019 makes no D6 (the year is not over) and no D9.
        var early = Observe(D(2019, 12, 31), null, [.. KbLeaver2019(), MboIn(D(2019, 8, 1), 3, Groen3), MboSwitch(D(2020, 2, 10), 2, Economie2)]);
        Assert.Empty(Of(early, Indicator.Switch));
        Assert.Empty(Of(early, Indicator.Diplomaresultaat));
    }

    [Fact]
    public void D6_late_entrant_is_not_direct_and_outside_the_switch_cohort()
    {
        // Left vo 31 Jul 2018, mbo from 1 Aug 2019: 366 days > 62 ⇒ not direct.
        var late = Observe(
            D(2021, 1, 1),
            null,
            VoIn(D(2016, 8, 1)),
            VoDiploma(D(2018, 6, 15)),
            VoOut(D(2018, 7, 31)),
            MboIn(D(2019, 8, 1), 2, Economie2),
            MboSwitch(D(2019, 11, 1), 2, Zorg2)
        );
        Assert.Empty(Of(late, Indicator.Switch));
        // Left 31 May 2019: 1 Aug − 62 days = 31 May ⇒ direct (edge included).
        var edge = Observe(
            D(2021, 1, 1),
            null,
            VoIn(D(2016, 8, 1)),
            VoOut(D(2019, 5, 31), "werk"),
            MboIn(D(2019, 8, 1), 2, Economie2),
            MboSwitch(D(2019, 11, 1), 2, Zorg2)
        );
        Assert.True(Single(edge, Indicator.Switch, 2019).Hit);
    }

    [Fact]
    public void D6_bbl_and_niveau_1_entrants_are_outside_the_cohort()
    {
        var bbl = Observe(D(2021, 1, 1), null, [.. KbLeaver2019(), MboIn(D(2019, 8, 1), 2, Economie2, Leerweg.Bbl)]);
        Assert.Empty(Of(bbl, Indicator.Switch));
        var entree = Observe(D(2021, 1, 1), null, [.. KbLeaver2019(), MboIn(D(2019, 8, 1), 1, Economie2)]);
        Assert.Empty(Of(entree, Indicator.Switch));
    }

    [Fact]
    public void D6_level_change_from_mbo2_counts_as_a_switch_but_from_mbo3_within_the_domain_does_not()
    {
        // economie-2 → economie-3: same domain, but a level change from mbo-2 ⇒ switch.
        var from2 = Observe(D(2021, 1, 1), null, [.. KbLeaver2019(), MboIn(D(2019, 8, 1), 2, Economie2), MboSwitch(D(2020, 1, 6), 3, Economie3)]);
        Assert.True(Single(from2, Indicator.Switch, 2019).Hit);
        // economie-3 → economie-4: same domain from mbo-3 ⇒ no switch.
        var from3 = Observe(D(2021, 1, 1), null, [.. KbLeaver2019(), MboIn(D(2019, 8, 1), 3, Economie3), MboSwitch(D(2020, 1, 6), 4, Economie4)]);
        Assert.False(Single(from3, Indicator.Switch, 2019).Hit);
    }

    [Fact]
    public void D6_switch_counts_only_in_the_first_year_and_also_via_another_institution()
    {
        // Switch on 1 Aug 2020 = entry + 1 year ⇒ outside the first year.
        var late = Observe(D(2021, 1, 1), null, [.. KbLeaver2019(), MboIn(D(2019, 8, 1), 2, Economie2), MboSwitch(D(2020, 8, 1), 2, Zorg2)]);
        Assert.False(Single(late, Indicator.Switch, 2019).Hit);
        // Leaves economie-2 at 25LG00 on 31 Jan 2020 and enrols in groen-2 at 28EF01 on 1 Feb 2020 ⇒ switch.
        var elsewhere = Observe(
            D(2021, 1, 1),
            null,
            [
                .. KbLeaver2019(),
                MboIn(D(2019, 8, 1), 2, Economie2),
                MboOut(D(2020, 1, 31), "overstap", 2, Economie2),
                MboIn(D(2020, 2, 1), 2, Groen2, at: OtherMbo),
            ]
        );
        Assert.True(Single(elsewhere, Indicator.Switch, 2019).Hit);
    }

    [Fact]
    public void D8_jaarresultaat_counts_b_c_d_and_leaves_out_non_graduated_stayers()
    {
        var through = D(2020, 6, 1);
        // b: mbo-2 from Aug 2017, diploma 5 Jul 2019, opstroom to mbo-3 at the same institution 1 Aug 2019.
        //    1 Oct 2017: no diploma by 1 Oct 2018, still there ⇒ a (not counted). 1 Oct 2018: diploma in opbrengstjaar, there on 1 Oct 2019 ⇒ b (hit).
        var b = Observe(
            through,
            null,
            MboIn(D(2017, 8, 1), 2, Economie2),
            MboDiploma(D(2019, 7, 5), 2, Economie2),
            MboOut(D(2019, 7, 31), "diploma", 2, Economie2),
            MboIn(D(2019, 8, 1), 3, Economie3)
        );
        Assert.Equal([(2018, true)], Of(b, Indicator.Jaarresultaat).Select(o => (o.Cell.Cohort, o.Hit)));
        // c: mbo-3 from Aug 2017, left 1 Feb 2018 without a diploma ⇒ c (population, no hit).
        var c = Observe(through, null, MboIn(D(2017, 8, 1), 3, Economie3), MboOut(D(2018, 2, 1), "werk", 3, Economie3));
        Assert.Equal([(2017, false)], Of(c, Indicator.Jaarresultaat).Select(o => (o.Cell.Cohort, o.Hit)));
        // d: mbo-4 from Aug 2016, diploma 3 Jul 2019, left 31 Jul 2019 ⇒ 2016, 2017 are a; 2018 is d (hit).
        var d = Observe(
            through,
            null,
            MboIn(D(2016, 8, 1), 4, Economie4),
            MboDiploma(D(2019, 7, 3), 4, Economie4),
            MboOut(D(2019, 7, 31), "diploma", 4, Economie4)
        );
        Assert.Equal([(2018, true)], Of(d, Indicator.Jaarresultaat).Select(o => (o.Cell.Cohort, o.Hit)));
        // JR over the three = (b + d) / (b + c + d) = 2 / 3.
        // Niveau 1 is outside D8.
        var entree = Observe(through, null, MboIn(D(2017, 8, 1), 1, Economie2), MboOut(D(2018, 2, 1), "werk", 1, Economie2));
        Assert.Empty(Of(entree, Indicator.Jaarresultaat));
    }

    [Fact]
    public void D9_diplomaresultaat_per_programme_left_in_the_opbrengstjaar()
    {
        // Left mbo-4 with its diploma on 31 Jul 2019 ⇒ opbrengstjaar 1 Oct 2018 – 30 Sep 2019 = cohort 2018, hit.
        var d = Observe(
            D(2020, 1, 1),
            null,
            MboIn(D(2016, 8, 1), 4, Economie4),
            MboDiploma(D(2019, 7, 3), 4, Economie4),
            MboOut(D(2019, 7, 31), "diploma", 4, Economie4)
        );
        Assert.Equal([(2018, true, 4)], Of(d, Indicator.Diplomaresultaat).Select(o => (o.Cell.Cohort, o.Hit, o.Cell.Niveau)));
        // Left 1 Feb 2018 without ⇒ cohort 2017, no hit. With data through 30 Sep 2018 (before 1 Oct 2018) not yet measured.
        TransitionEvent[] c = [MboIn(D(2017, 8, 1), 3, Economie3), MboOut(D(2018, 2, 1), "werk", 3, Economie3)];
        Assert.Equal([(2017, false)], Of(Observe(D(2018, 10, 1), null, c), Indicator.Diplomaresultaat).Select(o => (o.Cell.Cohort, o.Hit)));
        Assert.Empty(Of(Observe(D(2018, 9, 30), null, c), Indicator.Diplomaresultaat));
    }

    [Fact]
    public void D10_startersresultaat_counts_new_entrants_once_per_institution()
    {
        var through = D(2021, 1, 1);
        // Stayer: new at 25LG on 1 Oct 2017, there on 1 Oct 2018 ⇒ hit; the opstroom enrolment of 1 Aug 2019 there is not new.
        var b = Observe(
            through,
            null,
            MboIn(D(2017, 8, 1), 2, Economie2),
            MboDiploma(D(2019, 7, 5), 2, Economie2),
            MboOut(D(2019, 7, 31), "diploma", 2, Economie2),
            MboIn(D(2019, 8, 1), 3, Economie3)
        );
        Assert.Equal([(2017, true)], Of(b, Indicator.Startersresultaat).Select(o => (o.Cell.Cohort, o.Hit)));
        // Leaver without a diploma ⇒ miss. Entree diploma within the year, then left ⇒ hit.
        var c = Observe(through, null, MboIn(D(2017, 8, 1), 3, Economie3), MboOut(D(2018, 2, 1), "werk", 3, Economie3));
        Assert.False(Single(c, Indicator.Startersresultaat, 2017).Hit);
        var e = Observe(
            through,
            null,
            MboIn(D(2017, 8, 1), 1, Economie2),
            MboDiploma(D(2018, 7, 5), 1, Economie2),
            MboOut(D(2018, 7, 31), "diploma", 1, Economie2)
        );
        Assert.True(Single(e, Indicator.Startersresultaat, 2017).Hit);
    }

    [Fact]
    public void D7_diploma_within_nominal_duration_at_the_same_institution()
    {
        // mbo-2 from 1 Aug 2017 (first 1 Oct: 2017), nominal 2 ⇒ diploma before 1 Oct 2019: 5 Jul 2019 ⇒ hit.
        var two = Observe(
            D(2020, 1, 1),
            null,
            MboIn(D(2017, 8, 1), 2, Economie2),
            MboDiploma(D(2019, 7, 5), 2, Economie2),
            MboOut(D(2019, 7, 31), "diploma", 2, Economie2)
        );
        Assert.True(Single(two, Indicator.DiplomaNominaal, 2017).Hit);
        // mbo-3 from 1 Aug 2016, nominal 3 ⇒ before 1 Oct 2019; diploma 3 Jul 2020 ⇒ miss (measured with data through 1 Oct 2019).
        var three = Observe(
            D(2020, 10, 1),
            null,
            MboIn(D(2016, 8, 1), 3, Economie3),
            MboDiploma(D(2020, 7, 3), 3, Economie3),
            MboOut(D(2020, 7, 31), "diploma", 3, Economie3)
        );
        Assert.False(Single(three, Indicator.DiplomaNominaal, 2016).Hit);
        // Diploma at another institution does not count.
        var other = Observe(
            D(2020, 1, 1),
            null,
            MboIn(D(2017, 8, 1), 2, Economie2),
            MboOut(D(2018, 1, 31), "overstap", 2, Economie2),
            MboIn(D(2018, 2, 1), 2, Economie2, at: OtherMbo),
            MboDiploma(D(2019, 7, 5), 2, Economie2, at: OtherMbo)
        );
        Assert.False(Single(other, Indicator.DiplomaNominaal, 2017).Hit);
    }

    [Fact]
    public void Doorstroom_vmbo_to_mbo_direct_and_a_year_later_with_time_to_startkwalificatie()
    {
        // kb leaver 31 Jul 2019 (cohort 2019) → mbo-2 1 Aug 2019, diploma 5 Jul 2021 (SK), leaves 31 Jul 2021.
        var all = Observe(
            D(2022, 1, 1),
            null,
            [
                .. KbLeaver2019(route: "vakmanschapsroute"),
                MboIn(D(2019, 8, 1), 2, Economie2),
                MboDiploma(D(2021, 7, 5), 2, Economie2),
                MboOut(D(2021, 7, 31), "diploma", 2, Economie2),
            ]
        );
        var direct = Single(all, Indicator.DoorstroomVoMbo, 2019);
        Assert.True(direct.Hit);
        Assert.Equal(
            ("vakmanschapsroute", "01AA00", "25LG", Leerweg.Kb, 2, Direction.Economie),
            (direct.Cell.Route, direct.Cell.VoVestiging, direct.Cell.MboInstelling, direct.Cell.Leerweg, direct.Cell.Niveau, direct.Cell.Sector)
        );
        Assert.True(Single(all, Indicator.DoorstroomVoMboNaEenJaar, 2019).Hit);
        var sk = Single(all, Indicator.TijdTotStartkwalificatie, 2019);
        // 31 Jul 2019 → 5 Jul 2021 = 705 days = 705 / 365.25 years.
        Assert.True(sk.Hit);
        Assert.Equal(705 / 365.25, sk.Value, 6);

        // A leaver who does not go on is in the population, not a hit; no SK.
        var gone = Observe(D(2022, 1, 1), null, [VoIn(D(2017, 8, 1)), VoOut(D(2019, 7, 31), "werk")]);
        Assert.False(Single(gone, Indicator.DoorstroomVoMbo, 2019).Hit);
        Assert.False(Single(gone, Indicator.TijdTotStartkwalificatie, 2019).Hit);
        // Moved abroad: out of the vo→mbo populations.
        var abroad = Observe(D(2022, 1, 1), null, [VoIn(D(2017, 8, 1)), VoOut(D(2019, 7, 31), "buitenland")]);
        Assert.Empty(Of(abroad, Indicator.DoorstroomVoMbo));
    }

    [Fact]
    public void D11_opstroom_to_a_higher_niveau_on_the_first_1_October_after_the_diploma()
    {
        // mbo-2 diploma 5 Jul 2019 (studiejaar 2018); on 1 Oct 2019 in mbo-3 ⇒ hit.
        var up = Observe(
            D(2020, 1, 1),
            null,
            MboIn(D(2017, 8, 1), 2, Economie2),
            MboDiploma(D(2019, 7, 5), 2, Economie2),
            MboOut(D(2019, 7, 31), "diploma", 2, Economie2),
            MboIn(D(2019, 8, 1), 3, Economie3)
        );
        Assert.True(Single(up, Indicator.Opstroom, 2018).Hit);
        // mbo-2 diploma then work ⇒ miss; mbo-4 graduates are outside opstroom.
        var stop = Observe(
            D(2020, 1, 1),
            null,
            MboIn(D(2017, 8, 1), 2, Economie2),
            MboDiploma(D(2019, 7, 5), 2, Economie2),
            MboOut(D(2019, 7, 31), "diploma", 2, Economie2)
        );
        Assert.False(Single(stop, Indicator.Opstroom, 2018).Hit);
        var four = Observe(
            D(2020, 1, 1),
            null,
            MboIn(D(2016, 8, 1), 4, Economie4),
            MboDiploma(D(2019, 7, 3), 4, Economie4),
            MboOut(D(2019, 7, 31), "diploma", 4, Economie4)
        );
        Assert.Empty(Of(four, Indicator.Opstroom));
    }

    [Fact]
    public void D11_kwalificatiewinst_compares_the_diploma_with_the_niveau_expected_from_prior_education()
    {
        TransitionEvent[] Career(Leerweg lw, string route) =>
            [
                .. KbLeaver2019(lw, route),
                MboIn(D(2019, 8, 1), 2, Economie2),
                MboDiploma(D(2021, 7, 5), 2, Economie2),
                MboOut(D(2021, 7, 31), "diploma", 2, Economie2),
            ];
        // bb ⇒ expected 2; mbo-2 ≥ 2 ⇒ passend.
        Assert.True(Single(Observe(D(2022, 10, 1), null, Career(Leerweg.Bb, "normale-route")), Indicator.Kwalificatiewinst, 2020).Hit);
        // kb ⇒ expected 3; mbo-2 < 3 ⇒ not passend; kb in vm2 ⇒ expected 2 ⇒ passend.
        Assert.False(Single(Observe(D(2022, 10, 1), null, Career(Leerweg.Kb, "normale-route")), Indicator.Kwalificatiewinst, 2020).Hit);
        Assert.True(Single(Observe(D(2022, 10, 1), null, Career(Leerweg.Kb, "vm2")), Indicator.Kwalificatiewinst, 2020).Hit);
        // Opstroom: kb, mbo-2 (not passend), then mbo-3 whose prior education is mbo-2 ⇒ expected 3 ⇒ passend.
        var up = Observe(
            D(2023, 10, 1),
            null,
            [
                .. Career(Leerweg.Kb, "normale-route"),
                MboIn(D(2021, 8, 1), 3, Economie3),
                MboDiploma(D(2022, 7, 4), 3, Economie3),
                MboOut(D(2022, 7, 31), "diploma", 3, Economie3),
            ]
        );
        Assert.Equal([(2020, false), (2021, true)], Of(up, Indicator.Kwalificatiewinst).Select(o => (o.Cell.Cohort, o.Hit)));
    }

    [Fact]
    public void Observe_reuses_its_timeline_so_pupils_do_not_leak_into_each_other()
    {
        var first = Observe(D(2022, 1, 1), null, [.. KbLeaver2019(), MboIn(D(2019, 8, 1), 3, Groen3), MboSwitch(D(2020, 2, 10), 2, Economie2)]);
        var second = Observe(D(2017, 1, 1), D(1995, 6, 1), MboIn(D(2014, 8, 1), 3, Economie3), MboOut(D(2016, 1, 15), "werk", 3, Economie3));
        Assert.NotEmpty(first);
        Assert.DoesNotContain(second, o => o.Indicator == Indicator.Switch);
        Assert.Empty(Observe(D(2022, 1, 1), null));
    }
}
