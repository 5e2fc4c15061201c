namespace Doorstroom.Domain.Tests;

/// <summary>The planner's starting point read from a pupil's record (issue 14, a personal planner): one rule per test.</summary>
public sealed class PupilRecordTests
{
    private const string School = "25AB00";
    private const string Mbo = "25PJ00";
    private static readonly DateOnly Today = new(2026, 11, 30);
    private static readonly DateOnly Born = new(2010, 5, 14);

    private static List<TransitionEvent> InLeerjaar4(Leerweg leerweg, string route = "normale-route") =>
        [
            new("P", new DateOnly(2025, 8, 1), EventKind.Ingeschreven, School, leerweg, Leerjaar: 3, Route: route),
            new("P", new DateOnly(2026, 8, 1), EventKind.Bevorderd, School, leerweg, Leerjaar: 4, Route: route),
        ];

    private static TransitionEvent Applied(DateOnly on, int niveau, Leerweg leerweg = Leerweg.Bol) =>
        new("P", on, EventKind.Aangemeld, Mbo, leerweg, Niveau: niveau, Crebo: 25000 + niveau);

    [Fact]
    public void A_vmbo_pupil_in_leerjaar_4_is_read_as_vmbo_with_leerweg_leerjaar_birth_date_and_route()
    {
        var r = PupilRecord.Situation(InLeerjaar4(Leerweg.Kb), Born, Today);

        Assert.Equal(Today, r.Situation.On);
        Assert.Equal(SchoolType.Vmbo, r.Situation.School);
        Assert.Equal(Leerweg.Kb, r.Situation.Leerweg);
        Assert.Equal(4, r.Situation.Leerjaar);
        Assert.Equal(Born, r.Situation.BirthDate);
        Assert.Null(r.Situation.Sector); // the store keeps no sector or profiel: never guessed
        Assert.Empty(r.Situation.Diplomas);
        Assert.Equal(Goal.Startkwalificatie, r.Situation.Goal);
        Assert.Equal("normale-route", r.Route);
        Assert.Equal(new DateOnly(2025, 8, 1), r.OnRouteSince);
        Assert.Equal(["school", "leerweg", "leerjaar", "geboortedatum"], r.Known);
    }

    [Fact]
    public void A_repeat_keeps_the_leerjaar_it_names()
    {
        var stream = InLeerjaar4(Leerweg.Bb);
        stream.Add(new("P", new DateOnly(2026, 8, 1).AddDays(1), EventKind.Gedoubleerd, School, Leerweg.Bb, Leerjaar: 4));

        Assert.Equal(4, PupilRecord.Situation(stream, null, Today).Situation.Leerjaar);
    }

    [Fact]
    public void This_school_years_applications_give_the_first_application_date_and_the_latest_open_ones_leerweg_and_level_as_goal()
    {
        var stream = InLeerjaar4(Leerweg.Tl);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 3, Leerweg.Bbl));
        stream.Add(Applied(new DateOnly(2026, 11, 2), 4));

        var s = PupilRecord.Situation(stream, Born, Today).Situation;

        Assert.Equal(new DateOnly(2026, 10, 1), s.AppliedOn);
        Assert.Equal(Leerweg.Bol, s.MboLeerweg);
        Assert.Equal(Goal.Mbo4, s.Goal);
    }

    [Fact]
    public void A_refused_application_gives_the_date_but_not_the_goal()
    {
        var stream = InLeerjaar4(Leerweg.Kb);
        stream.Add(Applied(new DateOnly(2026, 10, 1), 3));
        stream.Add(new("P", new DateOnly(2026, 11, 1), EventKind.Afgewezen, Mbo, Leerweg.Bol, Niveau: 3, Crebo: 25003, Detail: "opleiding vol"));

        var s = PupilRecord.Situation(stream, Born, Today).Situation;

        Assert.Equal(new DateOnly(2026, 10, 1), s.AppliedOn);
        Assert.Equal(Goal.Startkwalificatie, s.Goal);
        Assert.Null(s.MboLeerweg);
    }

    [Fact]
    public void A_pupil_with_a_vmbo_diploma_now_in_mbo_is_read_as_mbo_in_the_study_year_since_enrolment_and_holds_the_diploma()
    {
        List<TransitionEvent> stream =
        [
            new("P", new DateOnly(2024, 8, 1), EventKind.Ingeschreven, School, Leerweg.Kb, Leerjaar: 3, Route: "normale-route"),
            new("P", new DateOnly(2025, 3, 1), EventKind.Aangemeld, Mbo, Leerweg.Bol, Niveau: 3, Crebo: 25003),
            new("P", new DateOnly(2025, 6, 15), EventKind.DiplomaBehaald, School, Leerweg.Kb, Route: "normale-route"),
            new("P", new DateOnly(2025, 7, 31), EventKind.Uitgeschreven, School, Leerweg.Kb, Leerjaar: 4, Detail: "diploma"),
            new("P", new DateOnly(2025, 8, 1), EventKind.Ingeschreven, Mbo, Leerweg.Bol, Niveau: 3, Crebo: 25003, Route: "normale-route"),
        ];

        var r = PupilRecord.Situation(stream, Born, Today);

        Assert.Equal(SchoolType.Mbo, r.Situation.School);
        Assert.Equal(Leerweg.Bol, r.Situation.Leerweg);
        Assert.Equal(3, r.Situation.Niveau);
        Assert.Equal(2, r.Situation.Leerjaar); // enrolled 1 Aug 2025, asked in school year 2026/27
        Assert.Equal([DiplomaKind.VmboKb], r.Situation.Diplomas.Select(d => d.Kind));
        Assert.Null(r.Situation.AppliedOn); // last school year's application led here; it is not a new one
        Assert.Equal(new DateOnly(2025, 8, 1), r.OnRouteSince); // the route counts from the mbo enrolment after leaving vo
    }

    [Fact]
    public void Leaving_without_a_new_enrolment_is_no_school()
    {
        List<TransitionEvent> stream =
        [
            .. InLeerjaar4(Leerweg.Bb),
            new("P", new DateOnly(2026, 9, 1), EventKind.Uitgeschreven, School, Leerweg.Bb, Leerjaar: 4, Detail: "werk"),
        ];

        var r = PupilRecord.Situation(stream, Born, Today);

        Assert.Equal(SchoolType.None, r.Situation.School);
        Assert.Null(r.Situation.Leerweg);
        Assert.Null(r.Situation.Leerjaar);
        Assert.Null(r.Route);
    }

    [Fact]
    public void The_havo_doorstroom_route_reads_as_havo_and_its_diploma_as_a_havo_diploma()
    {
        List<TransitionEvent> stream =
        [
            new("P", new DateOnly(2024, 6, 15), EventKind.DiplomaBehaald, School, Leerweg.Tl, Route: "normale-route"),
            new("P", new DateOnly(2024, 8, 1), EventKind.Ingeschreven, School, Leerjaar: 4, Route: "havo-doorstroom"),
        ];

        var r = PupilRecord.Situation(stream, Born, Today);

        Assert.Equal(SchoolType.Havo, r.Situation.School);
        Assert.Equal(4, r.Situation.Leerjaar);
        Assert.Null(r.Situation.Leerweg);
        Assert.Equal([DiplomaKind.VmboTl], r.Situation.Diplomas.Select(d => d.Kind));
        Assert.Equal(DiplomaKind.Havo, PupilRecord.DiplomaOf(new("P", Today, EventKind.DiplomaBehaald, School, Route: "havo-doorstroom")));
    }

    [Fact]
    public void Events_after_the_question_date_do_not_count()
    {
        var stream = InLeerjaar4(Leerweg.Gl);
        stream.Add(Applied(Today.AddDays(1), 4));

        var r = PupilRecord.Situation(stream, Born, Today);

        Assert.Null(r.Situation.AppliedOn);
        Assert.Equal(Goal.Startkwalificatie, r.Situation.Goal);
    }

    [Fact]
    public void An_empty_record_is_an_empty_vmbo_question_with_nothing_known()
    {
        var r = PupilRecord.Situation([], null, Today);

        Assert.Equal(SchoolType.Vmbo, r.Situation.School);
        Assert.Null(r.Situation.Leerweg);
        Assert.Null(r.Route);
        Assert.Empty(r.Known);
    }

    [Fact]
    public void A_birth_date_on_or_after_the_question_date_is_not_used()
    {
        Assert.Null(PupilRecord.Situation(InLeerjaar4(Leerweg.Kb), Today, Today).Situation.BirthDate);
    }
}
