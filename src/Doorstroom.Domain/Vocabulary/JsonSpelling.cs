namespace Doorstroom.Domain;

/// <summary>
/// The JSON spelling of the domain vocabulary: how the public contract, the catalogue files, the event formats and the
/// monitor's keys write a leerweg ("bb"), a diploma ("vmbo-kb"), a goal ("mbo-2") … The one place for these words; what
/// people read is in <see cref="DutchText"/>.
/// </summary>
public static class JsonSpelling
{
    public static readonly IReadOnlyDictionary<string, SchoolType> Schools = new Dictionary<string, SchoolType>
    {
        ["none"] = SchoolType.None,
        ["praktijkonderwijs"] = SchoolType.Praktijkonderwijs,
        ["vmbo"] = SchoolType.Vmbo,
        ["havo"] = SchoolType.Havo,
        ["vwo"] = SchoolType.Vwo,
        ["mbo"] = SchoolType.Mbo,
    };

    public static readonly IReadOnlyDictionary<string, Leerweg> Leerwegen = new Dictionary<string, Leerweg>
    {
        ["bb"] = Leerweg.Bb,
        ["kb"] = Leerweg.Kb,
        ["gl"] = Leerweg.Gl,
        ["tl"] = Leerweg.Tl,
        ["bol"] = Leerweg.Bol,
        ["bbl"] = Leerweg.Bbl,
    };

    // By the enum's value: a leerweg is spelled per event and per monitor cell.
    private static readonly string[] LeerwegSpellings = [.. Enum.GetValues<Leerweg>().Select(l => Key(Leerwegen, l))];

    /// <summary>The mbo leerweg (bol or bbl) spelled so, if the text is one.</summary>
    public static bool TryMboLeerweg(string? text, out Leerweg leerweg) =>
        Leerwegen.TryGetValue(text ?? "", out leerweg) && leerweg is Leerweg.Bol or Leerweg.Bbl;

    /// <summary>Sectors (V0) and profielen (V1). "landbouw" is accepted as the old name of groen.</summary>
    public static readonly IReadOnlyDictionary<string, Sector> Sectors = new Dictionary<string, Sector>
    {
        ["groen"] = Sector.Groen,
        ["landbouw"] = Sector.Groen,
        ["techniek"] = Sector.Techniek,
        ["zorg-en-welzijn"] = Sector.ZorgEnWelzijn,
        ["economie"] = Sector.Economie,
        ["bwi"] = Sector.Bwi,
        ["pie"] = Sector.Pie,
        ["mt"] = Sector.Mt,
        ["mvi"] = Sector.Mvi,
        ["mat"] = Sector.Mat,
        ["zw"] = Sector.Zw,
        ["eo"] = Sector.Eo,
        ["hbr"] = Sector.Hbr,
        ["dp"] = Sector.Dp,
    };

    public static readonly IReadOnlyDictionary<string, DiplomaKind> Diplomas = new Dictionary<string, DiplomaKind>
    {
        ["pro"] = DiplomaKind.Pro,
        ["vmbo-bb"] = DiplomaKind.VmboBb,
        ["vmbo-kb"] = DiplomaKind.VmboKb,
        ["vmbo-gl"] = DiplomaKind.VmboGl,
        ["vmbo-tl"] = DiplomaKind.VmboTl,
        ["havo-overgang-3-4"] = DiplomaKind.HavoOvergang34,
        ["assistent"] = DiplomaKind.Assistent,
        ["entree"] = DiplomaKind.Entree,
        ["mbo-1"] = DiplomaKind.Mbo1,
        ["mbo-2"] = DiplomaKind.Mbo2,
        ["mbo-3"] = DiplomaKind.Mbo3,
        ["mbo-4"] = DiplomaKind.Mbo4,
        ["havo"] = DiplomaKind.Havo,
        ["vwo"] = DiplomaKind.Vwo,
        ["hbo-bachelor"] = DiplomaKind.HboBachelor,
    };

    public static readonly IReadOnlyDictionary<string, Goal> Goals = new Dictionary<string, Goal>
    {
        ["startkwalificatie"] = Goal.Startkwalificatie,
        ["mbo-1"] = Goal.Mbo1,
        ["mbo-2"] = Goal.Mbo2,
        ["mbo-3"] = Goal.Mbo3,
        ["mbo-4"] = Goal.Mbo4,
        ["havo"] = Goal.Havo,
        ["hbo"] = Goal.Hbo,
    };

    public static readonly IReadOnlyDictionary<string, Direction> Directions = new Dictionary<string, Direction>
    {
        ["groen"] = Direction.Groen,
        ["techniek"] = Direction.Techniek,
        ["zorg-en-welzijn"] = Direction.ZorgEnWelzijn,
        ["economie"] = Direction.Economie,
        ["intersectoraal"] = Direction.Intersectoraal,
    };

    public static readonly IReadOnlyDictionary<string, Confidence> Confidences = new Dictionary<string, Confidence>
    {
        ["high"] = Confidence.High,
        ["medium"] = Confidence.Medium,
        ["low"] = Confidence.Low,
    };

    public static readonly IReadOnlyDictionary<string, MboLevel> Levels = new Dictionary<string, MboLevel>
    {
        ["entree"] = MboLevel.Entree,
        ["2"] = MboLevel.Basisberoeps,
        ["3"] = MboLevel.Vak,
        ["4"] = MboLevel.Middenkader,
        ["specialist"] = MboLevel.Specialist,
    };

    public static readonly IReadOnlyDictionary<string, Prior> Priors = new Dictionary<string, Prior>
    {
        ["none"] = Prior.None,
        ["vmbo-bb"] = Prior.VmboBb,
        ["vmbo-kb-gl-tl"] = Prior.VmboKbGlTl,
        ["havo-vwo-3"] = Prior.HavoVwo3,
        ["mbo-1"] = Prior.Mbo1,
        ["mbo-2"] = Prior.Mbo2,
        ["mbo-3"] = Prior.Mbo3,
    };

    public static readonly IReadOnlyDictionary<string, MatrixVerdict> Verdicts = new Dictionary<string, MatrixVerdict>
    {
        ["admissible"] = MatrixVerdict.Admissible,
        ["not-admissible"] = MatrixVerdict.NotAdmissible,
        ["drempelloos"] = MatrixVerdict.Drempelloos,
        ["same-direction"] = MatrixVerdict.SameDirection,
        ["leerplicht-ended"] = MatrixVerdict.LeerplichtEnded,
        ["meets-higher-level"] = MatrixVerdict.MeetsHigherLevel,
        ["same-beroep"] = MatrixVerdict.SameBeroep,
    };

    public static readonly IReadOnlyDictionary<string, EntryPoint> EntryPoints = new Dictionary<string, EntryPoint>
    {
        ["now"] = EntryPoint.Now,
        ["vmbo-leerjaar-1"] = EntryPoint.VmboLeerjaar1,
        ["vmbo-leerjaar-3"] = EntryPoint.VmboLeerjaar3,
        ["vmbo-leerjaar-4"] = EntryPoint.VmboLeerjaar4,
        ["after-school"] = EntryPoint.AfterSchool,
    };

    /// <summary>The monitor's indicators, as the command line, the API and indicators.json spell them.</summary>
    public static readonly IReadOnlyDictionary<string, Indicator> Indicators = new Dictionary<string, Indicator>
    {
        ["nieuwe-vsv"] = Indicator.NieuweVsv,
        ["switch"] = Indicator.Switch,
        ["diploma-nominaal"] = Indicator.DiplomaNominaal,
        ["jaarresultaat"] = Indicator.Jaarresultaat,
        ["diplomaresultaat"] = Indicator.Diplomaresultaat,
        ["startersresultaat"] = Indicator.Startersresultaat,
        ["doorstroom-vo-mbo"] = Indicator.DoorstroomVoMbo,
        ["doorstroom-vo-mbo-na-een-jaar"] = Indicator.DoorstroomVoMboNaEenJaar,
        ["opstroom"] = Indicator.Opstroom,
        ["kwalificatiewinst"] = Indicator.Kwalificatiewinst,
        ["tijd-tot-startkwalificatie"] = Indicator.TijdTotStartkwalificatie,
    };

    /// <summary>The LOB activities, as <see cref="EventKind.LobActiviteit"/> carries them in its detail.</summary>
    public static readonly IReadOnlyDictionary<string, LobSoort> LobSoorten = new Dictionary<string, LobSoort>
    {
        ["open-dag"] = LobSoort.OpenDag,
        ["meeloopdag"] = LobSoort.Meeloopdag,
        ["praktische-sectororientatie"] = LobSoort.PraktischeSectororientatie,
        ["beroepenorientatie"] = LobSoort.Beroepenorientatie,
        ["stage"] = LobSoort.Stage,
        ["gesprek-mentor"] = LobSoort.GesprekMentor,
        ["gesprek-decaan"] = LobSoort.GesprekDecaan,
        ["gesprek-ouders"] = LobSoort.GesprekOuders,
        ["voorlichting-mbo-studenten"] = LobSoort.VoorlichtingMboStudenten,
        ["interessetest"] = LobSoort.Interessetest,
    };

    /// <summary>How sure a choice is, as <see cref="EventKind.KeuzeVastgelegd"/> carries it in its detail.</summary>
    public static readonly IReadOnlyDictionary<string, Keuzezekerheid> Keuzezekerheden = new Dictionary<string, Keuzezekerheid>
    {
        ["zeker"] = Keuzezekerheid.Zeker,
        ["redelijk-zeker"] = Keuzezekerheid.RedelijkZeker,
        ["twijfel"] = Keuzezekerheid.Twijfel,
        ["geen-idee"] = Keuzezekerheid.GeenIdee,
    };

    /// <summary>The forms of a vo–mbo connection (<see cref="ConnectionForm"/>), as the register's CSV and the API write them.</summary>
    public static readonly IReadOnlyDictionary<string, ConnectionForm> ConnectionForms = new Dictionary<string, ConnectionForm>
    {
        ["doorlopende-leerlijn"] = ConnectionForm.DoorlopendeLeerlijn,
        ["initiatief"] = ConnectionForm.Initiatief,
        ["aansluitend-programma"] = ConnectionForm.AansluitendProgramma,
        ["avo-leerlijn"] = ConnectionForm.AvoLeerlijn,
        ["didactische-aansluiting"] = ConnectionForm.DidactischeAansluiting,
        ["regeling-samenwerking-vo-bve"] = ConnectionForm.RegelingSamenwerking,
        ["zorglijn"] = ConnectionForm.Zorglijn,
        ["bestuurlijk"] = ConnectionForm.Bestuurlijk,
        ["administratief"] = ConnectionForm.Administratief,
        ["organisatorisch-logistiek"] = ConnectionForm.OrganisatorischLogistiek,
        ["werving-voorlichting-loopbaan"] = ConnectionForm.WervingVoorlichtingLoopbaan,
        ["onderwijsproject"] = ConnectionForm.Onderwijsproject,
        ["personeelsbeleid"] = ConnectionForm.Personeelsbeleid,
    };

    public static readonly IReadOnlyDictionary<string, PupilFact> Facts = new Dictionary<string, PupilFact>
    {
        ["sureOfChoice"] = PupilFact.SureOfChoice,
        ["atRiskOfNoDiploma"] = PupilFact.AtRiskOfNoDiploma,
        ["extraVak"] = PupilFact.ExtraVak,
    };

    // By the value, the first spelling of each as Key finds it ("groen", not its old name "landbouw"): plans and events spell
    // these per step and per reason, and a search through the dictionary's enumerator allocated and scanned every time.
    private static readonly Dictionary<SchoolType, string> SpellingsOfSchools = ByValue(Schools);

    private static readonly Dictionary<Sector, string> SpellingsOfSectors = ByValue(Sectors);

    private static readonly Dictionary<DiplomaKind, string> SpellingsOfDiplomas = ByValue(Diplomas);

    private static readonly Dictionary<Goal, string> SpellingsOfGoals = ByValue(Goals);

    private static readonly Dictionary<LobSoort, string> SpellingsOfLobSoorten = ByValue(LobSoorten);

    private static readonly Dictionary<Keuzezekerheid, string> SpellingsOfKeuzezekerheden = ByValue(Keuzezekerheden);

    private static readonly Dictionary<ConnectionForm, string> SpellingsOfConnectionForms = ByValue(ConnectionForms);

    private static readonly Dictionary<Direction, string> SpellingsOfDirections = ByValue(Directions);

    private static readonly Dictionary<Confidence, string> SpellingsOfConfidences = ByValue(Confidences);

    private static readonly Dictionary<MboLevel, string> SpellingsOfLevels = ByValue(Levels);

    public static string Of(SchoolType v) => v == SchoolType.Hbo ? "hbo" : Spelled(SpellingsOfSchools, v);

    public static string Of(Leerweg v) => LeerwegSpellings[(int)v];

    public static string Of(Sector v) => Spelled(SpellingsOfSectors, v);

    public static string Of(DiplomaKind v) => Spelled(SpellingsOfDiplomas, v);

    public static string Of(Goal v) => Spelled(SpellingsOfGoals, v);

    public static string Of(LobSoort v) => Spelled(SpellingsOfLobSoorten, v);

    public static string Of(Keuzezekerheid v) => Spelled(SpellingsOfKeuzezekerheden, v);

    public static string Of(ConnectionForm v) => Spelled(SpellingsOfConnectionForms, v);

    public static string Of(Direction v) => Spelled(SpellingsOfDirections, v);

    public static string Of(Confidence v) => Spelled(SpellingsOfConfidences, v);

    public static string Of(MboLevel v) => Spelled(SpellingsOfLevels, v);

    public static string Of(RouteStatus v) =>
        v switch
        {
            RouteStatus.Eligible => "eligible",
            RouteStatus.NotEligible => "not-eligible",
            _ => "not-in-force",
        };

    public static string Of(AdmissionOutcome v) =>
        v switch
        {
            AdmissionOutcome.Admissible => "admissible",
            AdmissionOutcome.AdmissibleNotEntitled => "admissible-not-entitled",
            AdmissionOutcome.ByException => "by-exception",
            _ => "not-admissible",
        };

    private static string Key<T>(IReadOnlyDictionary<string, T> map, T value)
        where T : struct, Enum
    {
        foreach (var (k, v) in map)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
                return k;
        }
        throw new ArgumentOutOfRangeException(nameof(value), value, null);
    }

    private static Dictionary<T, string> ByValue<T>(IReadOnlyDictionary<string, T> map)
        where T : struct, Enum
    {
        var byValue = new Dictionary<T, string>();
        foreach (var (k, v) in map)
            byValue.TryAdd(v, k);
        return byValue;
    }

    private static string Spelled<T>(Dictionary<T, string> byValue, T value)
        where T : struct, Enum => byValue.TryGetValue(value, out var key) ? key : throw new ArgumentOutOfRangeException(nameof(value), value, null);

    public static string Expected<T>(IReadOnlyDictionary<string, T> map) => string.Join(", ", map.Keys);
}
