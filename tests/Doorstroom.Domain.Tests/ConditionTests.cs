namespace Doorstroom.Domain.Tests;

/// <summary>The one evaluation function: three-valued, reasons from the nearest 'because'.</summary>
public sealed class ConditionTests
{
    private static readonly Reason Bb = new("alleen-bb", "R5.1", "alleen bb");
    private static readonly Reason Green = new("groen", "R4.3", "alleen groen", Confidence.Low);
    private static readonly Situation Pupil = new(new DateOnly(2015, 9, 1), SchoolType.Vmbo) { Leerweg = Leerweg.Kb, Sector = null };

    private static (Verdict, ReasonSink) Eval(Condition c, Situation? s = null)
    {
        var sink = new ReasonSink();
        return (Conditions.Evaluate(c, s ?? Pupil, new DateOnly(2016, 8, 1), sink), sink);
    }

    [Fact]
    public void A_failed_leaf_reports_the_reason_of_its_because()
    {
        var (v, sink) = Eval(new Because(new LeerwegIn([Leerweg.Bb]), Bb));
        Assert.Equal(Verdict.Fail, v);
        Assert.Equal([Bb], sink.FailedReasons);
    }

    [Fact]
    public void An_unknown_fact_is_unknown_and_becomes_a_caveat_not_a_no()
    {
        var (v, sink) = Eval(new Because(new SectorIn([Sector.Groen]), Green));
        Assert.Equal(Verdict.Unknown, v);
        Assert.Empty(sink.FailedReasons);
        Assert.Equal([Green], sink.UnknownReasons);
    }

    [Fact]
    public void Any_of_that_holds_drops_the_reasons_of_the_alternatives()
    {
        var (v, sink) = Eval(new AnyOf([new Because(new LeerwegIn([Leerweg.Bb]), Bb), new Because(new LeerwegIn([Leerweg.Kb]), Bb)]));
        Assert.Equal(Verdict.Pass, v);
        Assert.Empty(sink.FailedReasons);
    }

    [Fact]
    public void All_of_fails_with_every_failing_reason()
    {
        var (v, sink) = Eval(new AllOf([new Because(new LeerwegIn([Leerweg.Bb]), Bb), new Because(new Before(new DateOnly(2014, 8, 1)), Green)]));
        Assert.Equal(Verdict.Fail, v);
        Assert.Equal(2, sink.FailedReasons.Count);
    }

    [Fact]
    public void Dates_are_tested_on_the_entry_date_not_the_question_date()
    {
        Assert.Equal(Verdict.Pass, Eval(new OnOrAfter(new DateOnly(2016, 8, 1))).Item1);
        Assert.Equal(Verdict.Fail, Eval(new Before(new DateOnly(2016, 8, 1))).Item1);
    }

    [Fact]
    public void Not_of_unknown_stays_unknown()
    {
        Assert.Equal(Verdict.Unknown, Eval(new Not(new SectorIn([Sector.Groen]))).Item1);
    }

    [Fact]
    public void Every_condition_leaf_of_the_shipped_catalogue_has_a_reason()
    {
        Assert.All(TestCatalogue.Catalogue.Routes, r => Assert.Empty(Conditions.UncoveredLeaves(r.Entry)));
        Assert.Single(Conditions.UncoveredLeaves(new AllOf([new Because(new LeerwegIn([Leerweg.Bb]), Bb), new LeerjaarIn(1, 2)])));
    }
}

public sealed class LeerplichtTests
{
    [Theory]
    [InlineData("1997-05-01", "2013-07-31")] // 16 in May 2013 (school year 2012/13)
    [InlineData("1997-10-01", "2014-07-31")] // 16 in Oct 2013 (school year 2013/14)
    [InlineData("1997-08-01", "2014-07-31")] // 16 on the first day of 2013/14
    [InlineData("1997-07-31", "2013-07-31")] // 16 on the last day of 2012/13
    public void L1_full_leerplicht_ends_with_the_school_year_in_which_the_pupil_turns_16(string birth, string ends)
    {
        Assert.Equal(
            DateOnly.Parse(ends, System.Globalization.CultureInfo.InvariantCulture),
            Leerplicht.FullLeerplichtEnds(DateOnly.Parse(birth, System.Globalization.CultureInfo.InvariantCulture))
        );
    }

    [Fact]
    public void L2_kwalificatieplicht_runs_to_the_18th_birthday_from_2007()
    {
        Assert.Equal(new DateOnly(2015, 3, 2), Leerplicht.KwalificatieplichtEnds(new DateOnly(1997, 3, 2)));
        Assert.Null(Leerplicht.KwalificatieplichtEnds(new DateOnly(1985, 3, 2)));
    }

    [Fact]
    public void L3_only_mbo_2_and_up_and_havo_vwo_are_a_startkwalificatie()
    {
        Assert.True(DiplomaKind.Mbo2.IsStartkwalificatie());
        Assert.True(DiplomaKind.Havo.IsStartkwalificatie());
        Assert.False(DiplomaKind.Entree.IsStartkwalificatie());
        Assert.False(DiplomaKind.VmboTl.IsStartkwalificatie());
        Assert.False(DiplomaKind.Pro.IsStartkwalificatie());
    }
}
