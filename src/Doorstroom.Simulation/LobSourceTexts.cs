namespace Doorstroom.Simulation;

/// <summary>The texts of <see cref="Calibration.Sources"/>: what each LOB and doubt assumption rests on (decision 0031).</summary>
internal static class LobSourceTexts
{
    public const string Keuze =
        "Aanname. Context: Newcom Research & Consultancy, 'De kaarten zijn nog niet geschud' (De Grote StudieReis), "
        + "https://www.newcom.nl/de-kaarten-zijn-nog-niet-geschud/: in October–November about three quarters of exam candidates "
        + "(all school types) had no definite choice, two in five of them none at all. By 1 February, and for vmbo pupils who apply "
        + "to mbo before 1 April, the simulator assumes fewer: 10 % no choice, 17 % unsure.";

    public const string Participation =
        "Aanname. LOB is mandatory in vmbo and its form is the school's (Kamerbrief LOB, OCW, 28 September 2016, Kamerstuk 2016-2017 "
        + "nr. 301, https://rijksbegroting.nl/algemeen/gerefereerd/2/2/6/kst226605.html); no national count of activities per pupil "
        + "was found.";

    public const string Unpublished = "Aanname: no published figure found.";

    public const string Switch =
        "Aanname. The average stays 1 in 8 (Onderwijs in cijfers, 'Studenten wisselen vaak van opleiding', OCW, 2015, "
        + "https://www.onderwijsincijfers.nl/actueel/nieuws/2015/11/06/index); the article behind issue 16 and the Onderwijsraad "
        + "(cited in the Kamerbrief LOB of 2016) say pupils who do not know what to choose switch more, but give no relative risk.";

    public const string Vsv =
        "Aanname, deliberately modest: Vugteveen & Timmermans, 'Risico op afbreken van een opleiding in de eerste twee jaar van het "
        + "mbo', Pedagogische Studiën 94 (2017) 139–159 (721 mbo students, 42 % broke off their first programme) found insufficient "
        + "evidence for a role of motivation and similar factors once background was known.";

    public const string NoLob =
        "Aanname. Context: in higher education stayers had used an independent source of study-choice information twice as often as "
        + "dropouts (OCW, Kennis in kaart 2008, as reported by Punt/Avans, 2009, "
        + "https://punt.avans.nl/2009/02/eenderde-vwoers-maakt-verkeerde-keuze/); nothing comparable was found for vmbo–mbo.";
}
