namespace Doorstroom.Domain.Tests;

/// <summary>The checks of the loopbaandossier's forms (issue 16): every field named, and no value unless all are right.</summary>
public sealed class LoopbaanInvoerTests
{
    private static readonly DateOnly Today = new(2026, 11, 30);

    private static bool Place(string brin6) => brin6 is "25PJ00" or "25PN01";

    private static bool Crebo(int crebo) => crebo == 25502;

    private static string? Qualification(int crebo) => crebo == 25502 ? "Medewerker dierverzorging" : null;

    [Fact]
    public void A_well_formed_meeloopdag_is_accepted_with_every_field()
    {
        var fouten = LoopbaanInvoer.Activiteit("meeloopdag", "2026-11-12", "25pn01", "25502", "  Leuk en druk.  ", Today, Place, Crebo, out var value);
        Assert.Empty(fouten);
        Assert.Equal(new LobActiviteitInvoer(LobSoort.Meeloopdag, new DateOnly(2026, 11, 12), "25PN01", 25502, "Leuk en druk."), value);
    }

    [Fact]
    public void Every_bad_field_of_an_activity_is_named_and_no_value_comes_back()
    {
        var fouten = LoopbaanInvoer.Activiteit("kermis", "2026-12-01", "99XX00", "12345", new string('x', 1001), Today, Place, Crebo, out var value);
        Assert.Null(value);
        Assert.Equal(["Soort", "Datum", "Waar", "Crebo", "Reflectie"], fouten.Select(f => f.Veld));
        Assert.Contains("toekomst", fouten[1].Melding, StringComparison.Ordinal);
        Assert.Contains("hoogstens 1000 tekens", fouten[4].Melding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_reflection_of_exactly_1000_characters_passes_an_empty_one_not()
    {
        Assert.Empty(LoopbaanInvoer.Activiteit("stage", "2026-11-30", "25PJ00", null, new string('x', 1000), Today, Place, Crebo, out _));
        Assert.Equal(["Reflectie"], LoopbaanInvoer.Activiteit("stage", "2026-11-30", "25PJ00", null, "   ", Today, Place, Crebo, out _).Select(f => f.Veld));
    }

    [Fact]
    public void A_date_more_than_six_years_back_or_not_iso_is_refused()
    {
        var old = LoopbaanInvoer.Activiteit("stage", "2020-11-29", "25PJ00", null, "x", Today, Place, Crebo, out _);
        Assert.Equal("Kies een datum vanaf 30-11-2020 tot en met vandaag.", Assert.Single(old).Melding);
        Assert.Empty(LoopbaanInvoer.Activiteit("stage", "2020-11-30", "25PJ00", null, "x", Today, Place, Crebo, out _));
        Assert.Equal("Datum", Assert.Single(LoopbaanInvoer.Activiteit("stage", "30-11-2026", "25PJ00", null, "x", Today, Place, Crebo, out _)).Veld);
    }

    [Fact]
    public void Every_lob_soort_is_a_known_activity()
    {
        foreach (var soort in Enum.GetValues<LobSoort>())
            Assert.Empty(LoopbaanInvoer.Activiteit(JsonSpelling.Of(soort), "2026-11-30", "25PJ00", null, "x", Today, Place, Crebo, out _));
    }

    [Fact]
    public void A_choice_names_programmes_by_crebo_or_name_first_choice_first()
    {
        var fouten = LoopbaanInvoer.Keuze(
            ["25502", " iets met paarden ", ""],
            "Ik houd van dieren.",
            "redelijk-zeker",
            "2026-11-30",
            Today,
            Qualification,
            out var value
        );
        Assert.Empty(fouten);
        Assert.Equal([new KeuzeOpleiding(25502, "Medewerker dierverzorging"), new KeuzeOpleiding(null, "iets met paarden")], value!.Opleidingen);
        Assert.Equal(Keuzezekerheid.RedelijkZeker, value.Zekerheid);
    }

    [Fact]
    public void A_choice_without_programmes_is_only_allowed_with_no_idea_yet()
    {
        Assert.Equal("Opleidingen", Assert.Single(LoopbaanInvoer.Keuze([], "Weet ik nog niet.", "twijfel", "2026-11-30", Today, Qualification, out _)).Veld);
        Assert.Empty(LoopbaanInvoer.Keuze([], "Weet ik nog niet.", "geen-idee", "2026-11-30", Today, Qualification, out _));
    }

    [Fact]
    public void A_choice_with_an_unknown_crebo_four_programmes_or_no_motivation_is_refused_whole()
    {
        var fouten = LoopbaanInvoer.Keuze(["11111", "a", "b", "c"], "", "heel-zeker", "2026-11-30", Today, Qualification, out var value);
        Assert.Null(value);
        Assert.Equal(["Zekerheid", "Opleidingen", "Opleidingen", "Motivatie"], fouten.Select(f => f.Veld));
    }

    [Fact]
    public void The_text_of_a_choice_reads_back_into_its_programmes_and_motivation()
    {
        KeuzeOpleiding[] opleidingen = [new(25502, "Medewerker dierverzorging"), new(null, "iets; met paarden")];
        var tekst = KeuzeTekst.Schrijf(opleidingen, "Omdat.\nEn meer.");
        Assert.StartsWith("Opleidingen: 25502 Medewerker dierverzorging; iets, met paarden\nMotivatie: ", tekst, StringComparison.Ordinal);
        var (terug, motivatie) = KeuzeTekst.Lees(tekst);
        Assert.Equal([new KeuzeOpleiding(25502, "Medewerker dierverzorging"), new KeuzeOpleiding(null, "iets, met paarden")], terug);
        Assert.Equal("Omdat.\nEn meer.", motivatie);
        Assert.Equal(([], "zomaar een tekst"), KeuzeTekst.Lees("zomaar een tekst"));
    }
}
