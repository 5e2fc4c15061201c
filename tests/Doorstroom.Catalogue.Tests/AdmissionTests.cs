using Doorstroom.Domain;

namespace Doorstroom.Catalogue.Tests;

/// <summary>
/// Admission (rulebook §5, A1–A12, N1–N4) to qualifications in the shape of the kwalificatiestructuur 2015: the hand-made
/// test qualifications, so that the rules are proven on every machine (the real file is read by QualificationLoaderTests).
/// </summary>
public sealed class AdmissionTests
{
    private const string Green = "Voedsel, natuur en leefomgeving (EZ)";
    private const string Techniek = "Techniek en procesindustrie";
    private const string Economie = "Economie en administratie";
    private const string Zorg = "Zorg en welzijn";

    private static RouteCatalogue Catalogue => TestCatalogue.Catalogue;

    /// <summary>The first test qualification of the level in the domain.</summary>
    private static Qualification First(MboLevel level, string domain) => TestQualifications.First(level, domain);

    private static AdmissionResult Decide(Situation s, Qualification q, Leerweg? leerweg = null) =>
        Admission.Decide(Catalogue, s, ProgrammeRequest.For(q, Catalogue.Domains[q.Domain], leerweg));

    private static Situation With(DateOnly on, params Diploma[] diplomas) => new(on, SchoolType.None) { Diplomas = [.. diplomas] };

    [Fact]
    public void Bb_diploma_admits_to_niveau_2()
    {
        var r = Decide(With(new(2015, 6, 1), new Diploma(DiplomaKind.VmboBb, 2015)), First(MboLevel.Basisberoeps, Zorg));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Empty(r.Reasons);
        Assert.Equal(new DateOnly(2015, 8, 1), r.Start);
        Assert.Contains(r.Caveats, c => c.Code == "vooropleiding-voldoet" && c.Rule == "A4");
    }

    [Fact]
    public void Bb_diploma_does_not_admit_to_niveau_4_by_A1_except_through_A9()
    {
        var r = Decide(With(new(2015, 6, 1), new Diploma(DiplomaKind.VmboBb, 2015)), First(MboLevel.Middenkader, Zorg));

        Assert.Equal(AdmissionOutcome.NotAdmissible, r.Outcome);
        Assert.Contains(r.Reasons, x => x.Code == "vooropleiding-onvoldoende" && x.Rule == "A1");
        Assert.Contains(r.Reasons, x => x.Code == "uitzondering-a9" && x.Rule == "A9");
    }

    [Fact]
    public void Kb_zorg_diploma_without_wiskunde_or_nask1_is_not_admitted_to_techniek_niveau_4_by_N1()
    {
        var s = With(new(2013, 6, 1), new Diploma(DiplomaKind.VmboKb, 2013, Sector.ZorgEnWelzijn, ["biologie", "nederlands"]));

        var r = Decide(s, First(MboLevel.Middenkader, Techniek));

        Assert.Equal(AdmissionOutcome.NotAdmissible, r.Outcome);
        Assert.Equal(new DateOnly(2013, 8, 1), r.Start);
        var n1 = Assert.Single(r.Reasons, x => x.Rule == "N1");
        Assert.Equal("nadere-eis-vakken", n1.Code);
        Assert.Contains("wiskunde", n1.Text, StringComparison.Ordinal);
        Assert.StartsWith("Van de sector zorg en welzijn naar techniek ", n1.Text, StringComparison.Ordinal);
        Assert.Contains(r.Reasons, x => x.Code == "uitzondering-a9");
    }

    [Fact]
    public void A_reason_names_a_profiel_by_its_full_name_and_code_and_a_sector_as_a_sector()
    {
        Assert.Equal("het profiel Zorg en welzijn (Z&W)", DutchText.SectorInSentence(Sector.Zw));
        Assert.Equal("de sector zorg en welzijn", DutchText.SectorInSentence(Sector.ZorgEnWelzijn));
        Assert.Equal("het profiel Mobiliteit en transport (M&T)", DutchText.SectorInSentence(Sector.Mt));
        Assert.Equal("het profiel Maritiem en techniek (MaT)", DutchText.SectorInSentence(Sector.Mat));
        Assert.Equal("groen (landbouw)", DutchText.SectorInSentence(Sector.Groen));
        Assert.Equal(13, Enum.GetValues<Sector>().Select(DutchText.SectorInSentence).Distinct().Count());
    }

    [Fact]
    public void Kb_zorg_diploma_with_wiskunde_is_admitted_to_techniek_niveau_4()
    {
        var s = With(new(2013, 6, 1), new Diploma(DiplomaKind.VmboKb, 2013, Sector.ZorgEnWelzijn, ["biologie", "nederlands", "wiskunde"]));

        var r = Decide(s, First(MboLevel.Middenkader, Techniek));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Empty(r.Reasons);
        Assert.DoesNotContain(r.Caveats, c => c.Code.StartsWith("nadere-eis", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2013, 8, 1), r.Start);
    }

    [Fact]
    public void Kb_landbouw_diploma_has_wiskunde_by_V4_so_economie_niveau_4_admits_without_subjects_given()
    {
        var s = With(new(2013, 6, 1), new Diploma(DiplomaKind.VmboKb, 2013, Sector.Groen));

        var r = Decide(s, First(MboLevel.Middenkader, Economie));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Empty(r.Reasons);
        Assert.DoesNotContain(r.Caveats, c => c.Code.StartsWith("nadere-eis", StringComparison.Ordinal));
    }

    [Fact]
    public void Kb_zorg_diploma_without_subjects_given_into_economie_is_admissible_with_a_caveat_naming_N1()
    {
        var s = With(new(2013, 6, 1), new Diploma(DiplomaKind.VmboKb, 2013, Sector.ZorgEnWelzijn));

        var r = Decide(s, First(MboLevel.Middenkader, Economie));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Contains(r.Caveats, c => c.Code == "nadere-eis-vakken-onbekend" && c.Rule == "N1");
    }

    [Fact]
    public void Gl_profiel_groen_2022_without_wiskunde_into_techniek_niveau_4_is_admissible_with_a_low_confidence_N2_caveat()
    {
        var s = With(new(2022, 6, 1), new Diploma(DiplomaKind.VmboGl, 2022, Sector.Groen, ["biologie", "nederlands"]));

        var r = Decide(s, First(MboLevel.Middenkader, Techniek));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Empty(r.Reasons);
        Assert.Contains(r.Caveats, c => c.Rule == "N2" && c.Confidence == Confidence.Low);
    }

    [Fact]
    public void Applying_after_1_April_gives_admissible_not_entitled()
    {
        var s = With(new(2021, 5, 15), new Diploma(DiplomaKind.VmboGl, 2021)) with { AppliedOn = new(2021, 5, 15) };

        var r = Decide(s, First(MboLevel.Middenkader, Green));

        Assert.Equal(AdmissionOutcome.AdmissibleNotEntitled, r.Outcome);
        Assert.Equal(new DateOnly(2021, 8, 1), r.Start);
        var late = Assert.Single(r.Reasons, x => x.Code == "aangemeld-na-deadline");
        Assert.Equal("A10", late.Rule);
        Assert.DoesNotContain(r.Caveats, c => c.Code == "toelatingsrecht");
    }

    [Fact]
    public void Applying_by_1_April_gives_toelatingsrecht()
    {
        var s = With(new(2019, 3, 20), new Diploma(DiplomaKind.VmboTl, 2019)) with { AppliedOn = new(2019, 3, 20) };

        var r = Decide(s, First(MboLevel.Middenkader, Green));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Equal(new DateOnly(2019, 8, 1), r.Start);
        Assert.Empty(r.Reasons);
        Assert.Contains(r.Caveats, c => c.Code == "toelatingsrecht" && c.Rule == "A10");
    }

    [Fact]
    public void In_2020_the_deadline_is_1_May_so_applying_on_20_April_still_gives_toelatingsrecht()
    {
        var s = With(new(2020, 4, 20), new Diploma(DiplomaKind.VmboTl, 2020)) with { AppliedOn = new(2020, 4, 20) };

        var r = Decide(s, First(MboLevel.Middenkader, Green));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Contains(r.Caveats, c => c.Code == "toelatingsrecht");
    }

    [Fact]
    public void Before_2018_there_is_no_toelatingsrecht_even_when_applying_early()
    {
        var s = With(new(2016, 2, 1), new Diploma(DiplomaKind.VmboTl, 2016)) with { AppliedOn = new(2016, 2, 1) };

        var r = Decide(s, First(MboLevel.Middenkader, Green));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Contains(r.Caveats, c => c.Code == "geen-toelatingsrecht");
        Assert.DoesNotContain(r.Caveats, c => c.Code == "toelatingsrecht");
    }

    [Fact]
    public void Kb_diploma_holder_is_not_admitted_to_entree()
    {
        var r = Decide(With(new(2016, 6, 1), new Diploma(DiplomaKind.VmboKb, 2016)), First(MboLevel.Entree, "niet toebedeeld aan opleidingsdomein"));

        Assert.Equal(AdmissionOutcome.NotAdmissible, r.Outcome);
        Assert.Contains(r.Reasons, x => x.Code == "entree-niet-voor-diplomahouder" && x.Rule == "A6");
    }

    [Fact]
    public void Entree_without_diploma_while_still_leerplichtig_is_only_by_exception()
    {
        // Asked on 2019-09-01, the programme starts 2020-08-01; born 2005-06-01, full leerplicht ends 2021-07-31.
        var s = new Situation(new(2019, 9, 1), SchoolType.None) { BirthDate = new(2005, 6, 1) };

        var r = Decide(s, First(MboLevel.Entree, "niet toebedeeld aan opleidingsdomein"));

        Assert.Equal(AdmissionOutcome.ByException, r.Outcome);
        Assert.Equal(new DateOnly(2020, 8, 1), r.Start);
        Assert.Contains(r.Reasons, x => x.Code == "entree-leerplichtig");
    }

    [Fact]
    public void Entree_without_diploma_starts_on_the_next_1_August_when_full_leerplicht_has_just_ended()
    {
        // Born 2004-06-01: full leerplicht ends 2020-07-31, the day before the start of 2020-08-01.
        var s = new Situation(new(2019, 9, 1), SchoolType.None) { BirthDate = new(2004, 6, 1) };

        var r = Decide(s, First(MboLevel.Entree, "niet toebedeeld aan opleidingsdomein"));

        Assert.Equal(new DateOnly(2020, 8, 1), r.Start);
        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.DoesNotContain(r.Reasons, x => x.Code == "entree-leerplichtig");
    }

    [Fact]
    public void Entree_without_diploma_after_full_leerplicht_is_admissible()
    {
        var s = new Situation(new(2019, 9, 1), SchoolType.None) { BirthDate = new(2000, 1, 1) };

        var r = Decide(s, First(MboLevel.Entree, "niet toebedeeld aan opleidingsdomein"));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Empty(r.Reasons);
    }

    [Fact]
    public void Bbl_while_full_leerplicht_has_not_ended_is_only_by_exception()
    {
        // Born 2005-01-01: full leerplicht ends 2021-07-31, after the start of 2020-08-01.
        var s = With(new(2020, 6, 1), new Diploma(DiplomaKind.VmboKb, 2020)) with { BirthDate = new(2005, 1, 1) };

        var r = Decide(s, First(MboLevel.Basisberoeps, Zorg), Leerweg.Bbl);

        Assert.Equal(AdmissionOutcome.ByException, r.Outcome);
        Assert.Contains(r.Reasons, x => x.Code == "bbl-leerplichtig");
    }

    [Fact]
    public void Bol_for_the_same_young_pupil_is_admissible()
    {
        var s = With(new(2020, 6, 1), new Diploma(DiplomaKind.VmboKb, 2020)) with { BirthDate = new(2005, 1, 1) };

        var r = Decide(s, First(MboLevel.Basisberoeps, Zorg), Leerweg.Bol);

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.DoesNotContain(r.Reasons, x => x.Code == "bbl-leerplichtig");
    }

    [Fact]
    public void No_diploma_at_all_reaches_niveau_2_only_by_exception()
    {
        var r = Decide(new Situation(new(2016, 6, 1), SchoolType.None), First(MboLevel.Basisberoeps, Zorg));

        Assert.Equal(AdmissionOutcome.ByException, r.Outcome);
        Assert.Contains(r.Reasons, x => x.Code == "geen-diploma-uitzondering" && x.Rule == "A8");
    }

    [Fact]
    public void Vmbo_pupil_in_leerjaar_4_is_judged_on_the_expected_diploma_and_starts_after_it()
    {
        var s = new Situation(new(2021, 2, 1), SchoolType.Vmbo)
        {
            Leerweg = Leerweg.Gl,
            Leerjaar = 4,
            AppliedOn = new(2021, 3, 1),
        };

        var r = Decide(s, First(MboLevel.Middenkader, Green));

        Assert.Equal(AdmissionOutcome.Admissible, r.Outcome);
        Assert.Equal(new DateOnly(2021, 8, 1), r.Start);
        Assert.Equal("diploma-verwacht", r.Caveats[0].Code);
        Assert.Contains(r.Caveats, c => c.Code == "toelatingsrecht");
    }
}
