using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>The indicators of the transition monitor (rulebook §9, design §5).</summary>
public enum Indicator
{
    /// <summary>D2: new vsv'ers. Population: enrolled on 1 Oct t, younger than 22 then, not in praktijkonderwijs, not moved abroad; hit: not enrolled on 1 Oct t+1 and no startkwalificatie by then. Cohort = t.</summary>
    NieuweVsv,
    /// <summary>D6: first-year switch. Population: bol students entering mbo at niveau ≥ 2 directly from vo (left vo in the 62 days before entry) on 1 Aug t; hit: a switch to another opleidingsdomein before 1 Aug t+1. Cohort = t.</summary>
    Switch,
    /// <summary>D7: diploma within nominal time. Population: students starting an mbo programme in school year t; hit: a diploma of at least the entry niveau at the same institution within the nominal duration (niveau 1: 1 year, 2: 2, 3: 3, 4: 4). Cohort = t.</summary>
    DiplomaNominaal,
    /// <summary>D8: jaarresultaat (niveau 2–4). Population: b + c + d of students enrolled at the institution on 1 Oct t: b = got a diploma in the opbrengstjaar and still enrolled there on 1 Oct t+1, c = left without a diploma, d = left with one; hit: b + d. Cohort = t.</summary>
    Jaarresultaat,
    /// <summary>D9: diplomaresultaat. Population: students leaving an mbo programme in the opbrengstjaar 1 Oct t – 30 Sep t+1; hit: left with its diploma. Cohort = t.</summary>
    Diplomaresultaat,
    /// <summary>D10: startersresultaat. Population: new entrants at an mbo institution, counted on 1 Oct t; hit: left with a diploma within the first year, or still enrolled there on 1 Oct t+1. Cohort = t.</summary>
    Startersresultaat,
    /// <summary>Doorstroom vo→mbo, direct. Population: vmbo leavers in school year t (left vo between 1 Oct t-1... end of school year, i.e. before 1 Oct t); hit: enrolled in mbo on 1 Oct t. Cohort = t (the calendar year of leaving).</summary>
    DoorstroomVoMbo,
    /// <summary>Doorstroom vo→mbo, still enrolled in mbo a year later: the same population; hit: enrolled in mbo on 1 Oct t+1.</summary>
    DoorstroomVoMboNaEenJaar,
    /// <summary>D11 opstroom. Population: mbo-2 and mbo-3 graduates in school year t; hit: enrolled at a higher niveau on 1 Oct after the diploma.</summary>
    Opstroom,
    /// <summary>D11 kwalificatiewinst / passend diploma. Population: mbo graduates in school year t; hit: diploma niveau ≥ the niveau expected from prior education (pro 1; no vmbo diploma 2; bb or vm2 2; kb 3; gl/tl 4; havo/vwo 4).</summary>
    Kwalificatiewinst,
    /// <summary>Time to startkwalificatie. Population: vmbo leavers in school year t; hit: a startkwalificatie (mbo ≥ 2, havo, vwo) by the data's end; value: years from leaving vo to it.</summary>
    TijdTotStartkwalificatie,
}

/// <summary>The dimensions a measurement can be broken down by, in any combination.</summary>
public enum Dimension
{
    /// <summary>The route id the pupil followed (from the enrolment events), or "onbekend".</summary>
    Route,
    /// <summary>The indicator's cohort year t (see each <see cref="Indicator"/>).</summary>
    Cohort,
    /// <summary>The sending vo vestiging (BRIN6): the last vo enrolment before mbo.</summary>
    VoVestiging,
    /// <summary>The receiving (or measured) mbo institution (BRIN4).</summary>
    MboInstelling,
    /// <summary>The vmbo leerweg (bb/kb/gl/tl) the pupil came from.</summary>
    Leerweg,
    /// <summary>The direction of the mbo opleidingsdomein (groen, techniek, zorg en welzijn, economie, intersectoraal); the vmbo sector is not in the stream.</summary>
    Sector,
    /// <summary>The mbo niveau measured (entry niveau, or the niveau enrolled on the peildatum).</summary>
    Niveau,
}

/// <summary>A crebo's place in the kwalificatiestructuur, as the monitor needs it.</summary>
public sealed record CreboInfo(int Crebo, int Niveau, string Domain, Direction Direction);

/// <summary>What the indicators need besides the stream: the crebo → domain map and the date the data is complete through.</summary>
/// <param name="Crebos">Every known crebo; an unknown crebo has no domain (a switch to it cannot be told from a switch within the domain, and is counted as one: say so in docs).</param>
/// <param name="Through">The data is complete through this date; a measurement whose peildatum lies after it is not made.</param>
public sealed record MonitorContext(ImmutableDictionary<int, CreboInfo> Crebos, DateOnly Through);

/// <summary>The values of the dimensions for one observation; null where a dimension does not apply (e.g. no vo vestiging for an mbo-only pupil).</summary>
public readonly record struct Cell(string? Route, int Cohort, string? VoVestiging, string? MboInstelling, Leerweg? Leerweg, Direction? Sector, int? Niveau);

/// <summary>One pupil counted once in one indicator's population for one cohort: in the numerator or not, and a value where the indicator has one.</summary>
public readonly record struct Observation(Indicator Indicator, Cell Cell, bool Hit, double Value = 0);

/// <summary>Where observations go: an aggregate, a list in a test.</summary>
public interface IObservationSink
{
    /// <summary>Counts one observation.</summary>
    void Add(in Observation observation);
}

/// <summary>The definition a measurement names: its rulebook id, name, peildatum and what is counted.</summary>
public sealed record IndicatorDefinition(Indicator Indicator, string Id, string Name, string Rule, string Peildatum, string Population, string Numerator);
