namespace Doorstroom.Domain;

/// <summary>
/// The domain vocabulary as people read it in Dutch: the pages, the command line's tables, the report and the reasons' sentences.
/// The one place for these words; how files and the contract spell them is <see cref="JsonSpelling"/>, how dates and numbers look is
/// <see cref="DutchFormat"/>.
/// </summary>
public static class DutchText
{
    /// <summary>A diploma inside a reason's sentence, before "-diploma": "Met een {diploma}-diploma" → vmbo-kb, assistent (mbo-1).</summary>
    public static string DiplomaInSentence(DiplomaKind kind) =>
        kind switch
        {
            DiplomaKind.Pro => "praktijkonderwijs",
            DiplomaKind.VmboBb => "vmbo-bb",
            DiplomaKind.VmboKb => "vmbo-kb",
            DiplomaKind.VmboGl => "vmbo-gl",
            DiplomaKind.VmboTl => "vmbo-tl",
            DiplomaKind.HavoOvergang34 => "havo/vwo-overgangsbewijs 3→4",
            DiplomaKind.Assistent => "assistent (mbo-1)",
            DiplomaKind.Entree => "entree",
            DiplomaKind.Mbo1 => "mbo-1",
            DiplomaKind.Mbo2 => "mbo-2",
            DiplomaKind.Mbo3 => "mbo-3",
            DiplomaKind.Mbo4 => "mbo-4",
            DiplomaKind.Havo => "havo",
            DiplomaKind.Vwo => "vwo",
            DiplomaKind.HboBachelor => "hbo-bachelor",
            _ => kind.ToString(),
        };

    /// <summary>An mbo level: niveau 2, niveau 1 (entree/assistent), specialistenopleiding.</summary>
    public static string Level(MboLevel level) =>
        level switch
        {
            MboLevel.Entree => "niveau 1 (entree/assistent)",
            MboLevel.Specialist => "specialistenopleiding",
            _ => $"niveau {(int)level}",
        };

    /// <summary>A direction as sentences and the monitor's tables say it: groen, zorg en welzijn …</summary>
    public static string Direction(Direction d) =>
        d switch
        {
            Domain.Direction.Groen => "groen",
            Domain.Direction.Techniek => "techniek",
            Domain.Direction.ZorgEnWelzijn => "zorg en welzijn",
            Domain.Direction.Economie => "economie",
            _ => "intersectoraal",
        };

    /// <summary>The sector or profiel inside a sentence: "de sector zorg en welzijn", "het profiel Zorg en welzijn (Z&amp;W)", "groen (landbouw)".</summary>
    public static string SectorInSentence(Sector s) =>
        s switch
        {
            Domain.Sector.Groen => "groen (landbouw)",
            _ when ProfielCode(s) is { } code => $"het profiel {SectorFullName(s)} ({code})",
            _ => "de sector " + SectorFullName(s).ToLowerInvariant(),
        };

    /// <summary>
    /// The full Dutch name of a sector (until 2016 in every leerweg, since then in tl) or a beroepsgericht profiel (bb, kb and gl
    /// since 2016, rulebook V4/V5). Groen is both the sector (formerly landbouw) and a profiel.
    /// </summary>
    public static string SectorFullName(Sector s) =>
        s switch
        {
            Domain.Sector.Groen => "Groen",
            Domain.Sector.Techniek => "Techniek",
            Domain.Sector.ZorgEnWelzijn => "Zorg en welzijn",
            Domain.Sector.Economie => "Economie",
            Domain.Sector.Bwi => "Bouwen, wonen en interieur",
            Domain.Sector.Pie => "Produceren, installeren en energie",
            Domain.Sector.Mt => "Mobiliteit en transport",
            Domain.Sector.Mvi => "Media, vormgeving en ICT",
            Domain.Sector.Mat => "Maritiem en techniek",
            Domain.Sector.Zw => "Zorg en welzijn",
            Domain.Sector.Eo => "Economie en ondernemen",
            Domain.Sector.Hbr => "Horeca, bakkerij en recreatie",
            Domain.Sector.Dp => "Dienstverlening en producten",
            _ => s.ToString(),
        };

    /// <summary>The code schools use for a profiel (BWI, M&amp;T, MaT, Z&amp;W …); null for a sector and for Groen, which has no code.</summary>
    public static string? ProfielCode(Sector s) =>
        s switch
        {
            Domain.Sector.Bwi => "BWI",
            Domain.Sector.Pie => "PIE",
            Domain.Sector.Mt => "M&T",
            Domain.Sector.Mvi => "MVI",
            Domain.Sector.Mat => "MaT",
            Domain.Sector.Zw => "Z&W",
            Domain.Sector.Eo => "E&O",
            Domain.Sector.Hbr => "HBR",
            Domain.Sector.Dp => "D&P",
            _ => null,
        };

    /// <summary>The goal as pupils read it: startkwalificatie, mbo niveau 2 of hoger, havo-diploma …</summary>
    public static string Goal(Goal goal) =>
        goal switch
        {
            Domain.Goal.Startkwalificatie => "startkwalificatie",
            Domain.Goal.Mbo1 => "mbo niveau 1 of hoger",
            Domain.Goal.Mbo2 => "mbo niveau 2 of hoger",
            Domain.Goal.Mbo3 => "mbo niveau 3 of hoger",
            Domain.Goal.Mbo4 => "mbo niveau 4",
            Domain.Goal.Havo => "havo-diploma",
            Domain.Goal.Hbo => "hbo-bachelor",
            _ => goal.ToString(),
        };

    /// <summary>vmbo, praktijkonderwijs, geen school …</summary>
    public static string School(SchoolType school) =>
        school switch
        {
            SchoolType.None => "geen school",
            SchoolType.Praktijkonderwijs => "praktijkonderwijs",
            _ => JsonSpelling.Of(school),
        };

    /// <summary>vmbo-bb-diploma, mbo-2-diploma, overgangsbewijs havo 3→4 …</summary>
    public static string Diploma(DiplomaKind kind) =>
        kind switch
        {
            DiplomaKind.Pro => "getuigschrift praktijkonderwijs",
            DiplomaKind.HavoOvergang34 => "overgangsbewijs havo 3 → 4",
            DiplomaKind.Assistent => "assistentdiploma",
            DiplomaKind.Entree => "entreediploma",
            DiplomaKind.HboBachelor => "hbo-bachelor",
            _ => JsonSpelling.Of(kind) + "-diploma",
        };

    /// <summary>The leerweg as schools write it: bb, kb, gl, tl, bol, bbl; "–" for none.</summary>
    public static string Leerweg(Leerweg? leerweg) => leerweg is { } l ? JsonSpelling.Of(l) : "–";

    /// <summary>A leerweg in full, as the monitor and the planner's choices name it: "basisberoepsgericht (bb)", "bol (school)".</summary>
    public static string LeerwegInFull(Leerweg leerweg) =>
        leerweg switch
        {
            Domain.Leerweg.Bb => "basisberoepsgericht (bb)",
            Domain.Leerweg.Kb => "kaderberoepsgericht (kb)",
            Domain.Leerweg.Gl => "gemengd (gl)",
            Domain.Leerweg.Tl => "theoretisch (tl)",
            Domain.Leerweg.Bol => "bol (school)",
            Domain.Leerweg.Bbl => "bbl (werken en leren)",
            _ => JsonSpelling.Of(leerweg),
        };

    /// <summary>
    /// The sector (V0, and tl since 2016) or profiel (bb, kb, gl since 2016) with its full name (<see cref="SectorFullName"/>):
    /// "Bouwen, wonen en interieur (BWI)", "Zorg en welzijn (sector)", "Groen (profiel of sector; vroeger landbouw)".
    /// </summary>
    public static string Sector(Sector sector) =>
        sector switch
        {
            Domain.Sector.Groen => "Groen (profiel of sector; vroeger landbouw)",
            _ when ProfielCode(sector) is { } code => $"{SectorFullName(sector)} ({code})",
            _ => $"{SectorFullName(sector)} (sector)",
        };

    /// <summary>
    /// The choices of the sector list, each once: the profielen of bb, kb and gl first (what most pupils have now), Groen,
    /// then the sectors of tl (and of every leerweg before 2016). "landbouw" is the old name of groen, not a second choice.
    /// </summary>
    public static IReadOnlyList<(string Value, string Text)> SectorChoices() =>
        [
            .. JsonSpelling
                .Sectors.Where(s => s.Key != "landbouw")
                .OrderBy(s =>
                    ProfielCode(s.Value) is not null ? 0
                    : s.Value == Domain.Sector.Groen ? 1
                    : 2
                )
                .Select(s => (s.Key, Sector(s.Value))),
        ];

    /// <summary>The hint under the sector list.</summary>
    public const string SectorHint = "bb, kb en gl hebben sinds 2016 een profiel; de tl (en vóór 2016 elke leerweg) een sector";

    /// <summary>How sure the rulebook is.</summary>
    public static string Confidence(Confidence confidence) =>
        confidence switch
        {
            Domain.Confidence.High => "zeker",
            Domain.Confidence.Medium => "redelijk zeker",
            _ => "onzeker",
        };

    /// <summary>Where on the pupil's way a route begins.</summary>
    public static string EntryPoint(EntryPoint point) =>
        point switch
        {
            Domain.EntryPoint.VmboLeerjaar1 => "vanaf vmbo-leerjaar 1",
            Domain.EntryPoint.VmboLeerjaar3 => "vanaf vmbo-leerjaar 3",
            Domain.EntryPoint.VmboLeerjaar4 => "in vmbo-leerjaar 4",
            Domain.EntryPoint.AfterSchool => "na het diploma van je huidige school",
            _ => "direct",
        };

    /// <summary>The status of a route for a pupil.</summary>
    public static string Status(RouteStatus status) =>
        status switch
        {
            RouteStatus.Eligible => "open",
            RouteStatus.NotEligible => "niet open",
            _ => "niet van kracht",
        };

    /// <summary>The status of an application.</summary>
    public static string Status(ApplicationStatus status) =>
        status switch
        {
            ApplicationStatus.Aangemeld => "aangemeld",
            ApplicationStatus.IntakeGehouden => "intake gehouden",
            ApplicationStatus.Toegelaten => "toegelaten",
            ApplicationStatus.Afgewezen => "afgewezen",
            ApplicationStatus.Geplaatst => "geplaatst",
            ApplicationStatus.Ingetrokken => "ingetrokken",
            _ => status.ToString(),
        };

    /// <summary>The first step of a route that begins by finishing the pupil's current school.</summary>
    public const string RestOfSchool = "huidige school afmaken";

    /// <summary>The durations of a route's programmes: "huidige school afmaken; 3–4 jaar → mbo-2-diploma".</summary>
    public static string Duration(Route route)
    {
        ArgumentNullException.ThrowIfNull(route);
        var spans = route
            .Phases.OfType<Programme>()
            .SelectMany(p => p.Variants)
            .Select(v => $"{Years(v.Duration)} → {string.Join(" + ", v.Diplomas.Select(Diploma))}")
            .Distinct()
            .ToList();
        if (route.Phases.OfType<Domain.RestOfSchool>().Any())
            spans.Insert(0, RestOfSchool);
        return spans.Count == 0 ? "–" : string.Join("; ", spans);
    }

    /// <summary>1 jaar, 3–4 jaar.</summary>
    public static string Years(Years years)
    {
        ArgumentNullException.ThrowIfNull(years);
        return years.Min == years.Max ? $"{years.Min} jaar" : $"{years.Min}–{years.Max} jaar";
    }

    /// <summary>A step of a pathway: "mbo niveau 2 bol", "vmbo bb", "havo".</summary>
    public static string Step(Step step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var text = step.Niveau is { } n ? $"mbo niveau {n}" : School(step.School);
        if (step.Niveau is not null && step.School == SchoolType.Vmbo)
            text = $"vmbo + mbo niveau {step.Niveau}";
        return step.Leerweg is { } l ? $"{text} {Leerweg(l)}" : text;
    }

    /// <summary>
    /// How long a step of a pathway takes, in school years from the 1 August it begins to its earliest and latest end: "1 jaar",
    /// "3–4 jaar"; a step that begins during a school year counts that year too and says "nog": "nog 1 jaar".
    /// </summary>
    public static string StepDuration(Step step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var start = SchoolYear.StartOf(step.From);
        int min = Math.Max(1, step.To.Year - start.Year),
            max = Math.Max(min, step.LatestTo.Year - start.Year);
        return (step.From == start ? "" : "nog ") + (min == max ? $"{min} jaar" : $"{min}–{max} jaar");
    }

    /// <summary>Why a route is not in force on a date, and the rule that says so (shown apart); null when it is in force.</summary>
    public static (string Text, string Rule)? NotInForce(Window intake, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(intake);
        if (intake.Contains(on))
            return null;
        return on < intake.From
            ? ($"Nog niet van kracht: neemt pas leerlingen op vanaf {DutchFormat.Date(intake.From)}.", intake.Rule)
            : ($"Niet meer van kracht: nam leerlingen op tot en met {DutchFormat.Date(intake.To!.Value)}.", intake.EndRule ?? intake.Rule);
    }

    /// <summary>A dossier category as a person reads it.</summary>
    public static string Category(DossierCategory category) =>
        category switch
        {
            DossierCategory.Administratief => "Administratieve gegevens",
            DossierCategory.Leerresultaten => "Leerresultaten",
            DossierCategory.Begeleiding => "Begeleiding",
            DossierCategory.Verzuim => "Verzuim",
            DossierCategory.Loopbaan => "Loopbaan (LOB)",
            DossierCategory.Advies => "Advies",
            DossierCategory.Zorg => "Zorg en ondersteuning",
            _ => category.ToString(),
        };

    /// <summary>A dimension of the monitor, as the monitor page and the report label it.</summary>
    public static string Dimension(Dimension dimension) =>
        dimension switch
        {
            Domain.Dimension.Route => "Route",
            Domain.Dimension.Cohort => "Cohort",
            Domain.Dimension.VoVestiging => "School (vo-vestiging)",
            Domain.Dimension.MboInstelling => "Mbo-instelling",
            Domain.Dimension.Leerweg => "Leerweg (vmbo)",
            Domain.Dimension.Sector => "Sector (richting van het mbo-domein)",
            Domain.Dimension.Niveau => "Niveau",
            _ => dimension.ToString(),
        };

    /// <summary>An LOB activity as the loopbaandossier names it.</summary>
    public static string Lob(LobSoort soort) =>
        soort switch
        {
            LobSoort.OpenDag => "Open dag",
            LobSoort.Meeloopdag => "Meeloopdag",
            LobSoort.PraktischeSectororientatie => "Praktische sectororiëntatie",
            LobSoort.Beroepenorientatie => "Beroepenoriëntatie",
            LobSoort.Stage => "Stage",
            LobSoort.GesprekMentor => "Gesprek met de mentor",
            LobSoort.GesprekDecaan => "Gesprek met de decaan",
            LobSoort.GesprekOuders => "Gesprek met ouders",
            LobSoort.VoorlichtingMboStudenten => "Voorlichting door mbo-studenten",
            LobSoort.Interessetest => "Interessetest",
            _ => soort.ToString(),
        };

    /// <summary>How sure a choice is, as the pupil reads it.</summary>
    public static string Keuzezekerheid(Keuzezekerheid zekerheid) =>
        zekerheid switch
        {
            Domain.Keuzezekerheid.Zeker => "Zeker",
            Domain.Keuzezekerheid.RedelijkZeker => "Redelijk zeker",
            Domain.Keuzezekerheid.Twijfel => "Twijfel",
            Domain.Keuzezekerheid.GeenIdee => "Nog geen idee",
            _ => zekerheid.ToString(),
        };

    /// <summary>A form of vo–mbo connection, after the article's box "Verbindingen groen vmbo – groen mbo".</summary>
    public static string ConnectionForm(ConnectionForm form) =>
        form switch
        {
            Domain.ConnectionForm.DoorlopendeLeerlijn => "Onderwijsinhoudelijk: doorlopende leerlijn",
            Domain.ConnectionForm.Initiatief => "Initiatief van school of aoc",
            Domain.ConnectionForm.AansluitendProgramma => "Vmbo-programma dat aansluit op het mbo",
            Domain.ConnectionForm.AvoLeerlijn => "Doorlopende avo-leerlijn",
            Domain.ConnectionForm.DidactischeAansluiting => "Didactische aansluiting",
            Domain.ConnectionForm.RegelingSamenwerking => "Regeling samenwerking vo-bve",
            Domain.ConnectionForm.Zorglijn => "Zorg: doorlopende zorglijn",
            Domain.ConnectionForm.Bestuurlijk => "Bestuurlijk",
            Domain.ConnectionForm.Administratief => "Administratief",
            Domain.ConnectionForm.OrganisatorischLogistiek => "Organisatorisch-logistiek",
            Domain.ConnectionForm.WervingVoorlichtingLoopbaan => "Werving, voorlichting en loopbaanbegeleiding",
            Domain.ConnectionForm.Onderwijsproject => "Gezamenlijk onderwijsproject",
            Domain.ConnectionForm.Personeelsbeleid => "Personeelsbeleid",
            _ => form.ToString(),
        };
}
