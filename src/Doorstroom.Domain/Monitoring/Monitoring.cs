using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// The indicators of the transition monitor (rulebook §9, design §5), as <see cref="Indicators.Observe"/> computes them.
/// Conventions for all: enrolled on d means an enrolment spell with start ≤ d ≤ uitschrijfdatum (the uitschrijfdatum is the
/// last day); an event is mbo when it carries bol/bbl or a niveau; a startkwalificatie is an mbo diploma of niveau ≥ 2 or a
/// havo/vwo diploma (a vo diploma without a vmbo leerweg, outside praktijkonderwijs); events after
/// <see cref="MonitorContext.Through"/> are ignored and a measurement whose peildatum lies after it is not made. A crebo not
/// in <see cref="MonitorContext.Crebos"/> has no domain: a switch to or from it counts as no domain change.
/// </summary>
public enum Indicator
{
    /// <summary>D2: new vsv'ers. Population, once per 1 October t the pupil is enrolled (vo or mbo): younger than 22 on that date (an unknown birth date counts
    /// as younger), the enrolment that stands for the pupil (mbo before vo) not praktijkonderwijs; hit: not enrolled anywhere on 1 Oct t+1 and no
    /// startkwalificatie on or before it. A would-be hit whose last uitschrijving before 1 Oct t+1 was to abroad (<see cref="Uitschrijfreden.Buitenland"/>) is
    /// left out of the population. Cohort = t; peildatum 1 Oct t+1.</summary>
    NieuweVsv,

    /// <summary>D6: first-year switch. Population: the pupil's first mbo enrolment, if bol at niveau ≥ 2 and direct from vo (a vo enrolment ended in the 62
    /// days before the entry date, the 62nd day included). Hit: before the entry's first anniversary a switch (within the institution or by enrolling at
    /// another one) to a crebo of another opleidingsdomein, or, from niveau 2, to any other niveau. Cohort = the school year of entry; measured once the first
    /// year is over.</summary>
    Switch,

    /// <summary>D7: diploma within nominal time. Population: every mbo enrolment (spell), counted on the first 1 October t it is enrolled on (started 2 Oct t-1
    /// – 1 Oct t). Hit: an mbo diploma of at least the entry niveau at the same institution (BRIN4) before 1 Oct t+n, n = 1, 2, 3, 4 for entry niveau 1, 2, 3,
    /// 4 (and 4 for 5). Cohort = t; peildatum 1 Oct t+n.</summary>
    DiplomaNominaal,

    /// <summary>D8: jaarresultaat (niveau 2–4). Population, per 1 October t and institution (BRIN4) the student is enrolled at on niveau 2–4: b + c + d, where
    /// b = an mbo diploma there in the opbrengstjaar 1 Oct t – 30 Sep t+1 and still enrolled there on 1 Oct t+1, c = not enrolled there on 1 Oct t+1 without
    /// such a diploma, d = not enrolled there with one; non-graduated stayers (a) are not observed. Hit: b + d. Cohort = t; peildatum 1 Oct t+1.</summary>
    Jaarresultaat,

    /// <summary>D9: diplomaresultaat. Population: every mbo programme left in the opbrengstjaar 1 Oct t – 30 Sep t+1, by uitschrijving or by a switch to
    /// another programme (the crebo and niveau followed before leaving). Hit: an mbo diploma obtained in that programme (same enrolment, between its start or
    /// last switch and the leaving). Cohort = t; peildatum 1 Oct t+1.</summary>
    Diplomaresultaat,

    /// <summary>D10: startersresultaat. Population: the student's first enrolment at an mbo institution (BRIN4; a later enrolment there, e.g. opstroom, is not
    /// new), counted on its first 1 October t (started 2 Oct t-1 – 1 Oct t). Hit: enrolled there on 1 Oct t+1, or an mbo diploma there before that date. Cohort
    /// = t; peildatum 1 Oct t+1. (The Inspectie averages three cohorts; that is a roll-up over Cohort.)</summary>
    Startersresultaat,

    /// <summary>Doorstroom vmbo→mbo, direct. Population: the pupil's leaving of vmbo (the end of the last enrolment with a vmbo leerweg, not while still in
    /// vmbo) between 1 Oct t-1 and 30 Sep t, not to abroad; a vmbo pupil going on to havo is a vmbo leaver too. Hit: enrolled in mbo on 1 Oct t. Cohort = t
    /// (the calendar year of a usual July leaving); peildatum 1 Oct t.</summary>
    DoorstroomVoMbo,

    /// <summary>Doorstroom vmbo→mbo, still in mbo a year later: the same population; hit: enrolled in mbo on 1 Oct t+1; peildatum 1 Oct t+1.</summary>
    DoorstroomVoMboNaEenJaar,

    /// <summary>D11 opstroom. Population: every mbo diploma of niveau 2 or 3, in school year t (1 Aug t – 31 Jul t+1) of its date; hit: enrolled in mbo on the
    /// first 1 October after the diploma at a higher niveau than the diploma's. Peildatum: that 1 October.</summary>
    Opstroom,

    /// <summary>D11 kwalificatiewinst / passend diploma. Population: every mbo diploma, in school year t of its date; hit: its niveau ≥ the niveau expected
    /// from the highest prior education before the start of the enrolment it concludes (diplomas: pro 1; vmbo bb 2, kb 3, gl/tl 4, a vmbo diploma on route vm2
    /// 2; havo/vwo 4; mbo-1 2, mbo-2 3, mbo-3/4 4; without a prior diploma: 1 after praktijkonderwijs only, else 2). Peildatum 1 Oct t+1.</summary>
    Kwalificatiewinst,

    /// <summary>Time to startkwalificatie. Population: the vmbo leavers of <see cref="DoorstroomVoMbo"/> (cohort t, peildatum 1 Oct t); hit: a
    /// startkwalificatie by the data's end (<see cref="MonitorContext.Through"/>); value: years (days / 365.25) from leaving vmbo to it, 0 if it came
    /// earlier.</summary>
    TijdTotStartkwalificatie,
}

/// <summary>The dimensions a measurement can be broken down by, in any combination.</summary>
public enum Dimension
{
    /// <summary>The route id of the measured enrolment, or else of the latest earlier enrolment naming one (vmbo leavers: the vmbo enrolment's); "onbekend"
    /// when none.</summary>
    Route,

    /// <summary>The indicator's cohort year t (see each <see cref="Indicator"/>).</summary>
    Cohort,

    /// <summary>The sending vo vestiging (BRIN6): the last vo enrolment started before the measured mbo enrolment; for a vo measurement, the vo enrolment
    /// measured.</summary>
    VoVestiging,

    /// <summary>The receiving (or measured) mbo institution (BRIN4).</summary>
    MboInstelling,

    /// <summary>The vmbo leerweg (bb/kb/gl/tl) the pupil came from.</summary>
    Leerweg,

    /// <summary>The direction of the mbo opleidingsdomein (groen, techniek, zorg en welzijn, economie, intersectoraal); the vmbo sector is not in the
    /// stream.</summary>
    Sector,

    /// <summary>The mbo niveau measured (entry niveau, or the niveau enrolled on the peildatum).</summary>
    Niveau,
}

/// <summary>A crebo's place in the kwalificatiestructuur, as the monitor needs it.</summary>
public sealed record CreboInfo(int Crebo, int Niveau, string Domain, Direction Direction);

/// <summary>What the indicators need besides the stream: the crebo → domain map and the date the data is complete through.</summary>
/// <param name="Crebos">Every known crebo; an unknown crebo has no domain (a switch to it cannot be told from a switch within the domain, and is counted as
/// one: say so in docs).</param>
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

/// <summary>
/// The definition a measurement names, in Dutch words: its rulebook id, name, peildatum and what is counted. The texts are
/// catalogue data (<c>indicators.json</c>), loaded into <see cref="RouteCatalogue.IndicatorDefinitions"/>.
/// </summary>
public sealed record IndicatorDefinition(Indicator Indicator, string Id, string Name, string Rule, string Peildatum, string Population, string Numerator);
