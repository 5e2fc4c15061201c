using System.Collections.Immutable;
using System.Globalization;
using Doorstroom.Catalogue;
using Doorstroom.Domain;
using Doorstroom.Simulation;
using Doorstroom.Storage;

namespace Doorstroom.Web;

/// <summary>The schools, institutions and pupils the demo accounts are bound to.</summary>
public sealed record DemoPlaces(string School, string OtherSchool, string Mbo, string OtherMbo, ImmutableArray<string> MboLocations, string OtherMboLocation);

/// <summary>
/// The demo: in demo mode only, fills an empty store with the institutions (real where the data is at hand, else a
/// synthetic set that says so) and a small simulated data set, adds a few hand-written SYNTHETIC pupils at the demo
/// school whose stories show every signal, and makes the demo accounts. Every demo pupil is flagged synthetic.
/// </summary>
public static class DemoData
{
    /// <summary>The password of every demo account (demo mode only; demo accounts are refused otherwise).</summary>
    public const string Password = "demo";

    /// <summary>The secret of every demo API client.</summary>
    public const string ClientSecret = "demo-secret";

    private static readonly (string Given, string Family)[] Names =
    [
        ("Sanne", "de Vries"),
        ("Daan", "Jansen"),
        ("Noor", "Bakker"),
        ("Sem", "Visser"),
        ("Lotte", "Smit"),
        ("Finn", "Meijer"),
        ("Emma", "de Boer"),
        ("Luuk", "Mulder"),
        ("Zoë", "de Groot"),
        ("Milan", "Bos"),
        ("Julia", "Vos"),
        ("Levi", "Peters"),
        ("Tess", "Hendriks"),
        ("Bram", "van Dijk"),
        ("Fenna", "Dekker"),
        ("Jesse", "Brouwer"),
        ("Yara", "de Wit"),
    ];

    /// <summary>The demo accounts: user name, role, display name, and which demo place they are bound to.</summary>
    public static ImmutableArray<(string Username, string Role, string DisplayName, string Bound)> AccountList { get; } =
    [
        ("leerling", Roles.Leerling, "Sanne de Vries (leerling)", "pupil"),
        ("leerling16", Roles.Leerling, "Noor Bakker (leerling, 16)", "pupil3"),
        ("ouder", Roles.Ouder, "Ouder van Daan Jansen (15)", "pupil2"),
        ("decaan", Roles.Decaan, "Decaan van de demoschool", "school"),
        ("decaan2", Roles.Decaan, "Decaan van een andere school", "other-school"),
        ("intake", Roles.Intake, "Intake van de demo-mbo", "mbo"),
        ("intake2", Roles.Intake, "Intake van een ander mbo", "other-mbo"),
        ("zorg", Roles.Zorgcoordinator, "Zorgcoördinator van de demo-mbo", "mbo"),
        ("zorgvo", Roles.Zorgcoordinator, "Zorgcoördinator van de demoschool", "school"),
        ("analist", Roles.Analist, "Analist", "none"),
        ("beheer", Roles.Beheerder, "Beheerder", "none"),
    ];

    /// <summary>The exam year of the pupils in vmbo leerjaar 4 today.</summary>
    public static int CurrentExamYear(DateOnly today) => SchoolYear.StartOf(today).Year + 1;

    /// <summary>The key of demo pupil <paramref name="n"/> of the current cohort.</summary>
    public static string PupilKey(DateOnly today, int n) => $"DEMO-{CurrentExamYear(today)}-{n:D2}";

    /// <summary>Makes what is missing of the demo; a second start changes nothing. With <paramref name="dossier"/>, also a demo transfer dossier.</summary>
    public static DemoPlaces Ensure(SiteServices site, AccountService accounts, TextWriter log, DossierService? dossier = null)
    {
        ArgumentNullException.ThrowIfNull(site);
        ArgumentNullException.ThrowIfNull(accounts);
        ArgumentNullException.ThrowIfNull(log);
        var database = site.Database;
        var today = site.Today;
        if (!PupilRegister.HasPupils(database))
            Simulate(site, log);
        site.ForgetLocations();

        var places = Places(database);
        var first = PupilKey(today, 1);
        if (!PupilRegister.Exists(database, first))
        {
            var stories = Stories(places, today, ProgrammeNames.LowestCreboPerNiveau(database));
            new EventStore(database).Append(stories.SelectMany(s => s.Events.Select(e => new EventRecord(e, Synthetic: true, s.Birth))));
            foreach (var s in stories)
                PupilRegister.SetPersonal(database, s.Key, new PersonalDetails(s.Name.Given, s.Name.Family, null, null));
            log.WriteLine($"demo: {stories.Length} hand-written SYNTHETIC pupils at the demo school {places.School} (keys DEMO-…)");
        }

        foreach (var (username, role, displayName, bound) in AccountList)
        {
            // Made once; a real account of that name is never overwritten.
            if (Accounts.Find(database, username) is not null)
                continue;
            var (institution, pupil) = bound switch
            {
                "pupil" => ((string?)null, (string?)first),
                "pupil2" => (null, PupilKey(today, 2)),
                "pupil3" => (null, PupilKey(today, 3)),
                "school" => (places.School, null),
                "other-school" => (places.OtherSchool, null),
                "mbo" => (places.Mbo, null),
                "other-mbo" => (places.OtherMbo, null),
                _ => (null, null),
            };
            Accounts.Save(database, new UserAccount(username, accounts.Hash(Password), role, institution, pupil, displayName, Demo: true));
            Accounts.SaveClient(database, new ApiClient($"demo-{username}", accounts.Hash(ClientSecret), role, institution, pupil, displayName, Demo: true));
        }
        if (dossier is not null)
            EnsureDossier(database, dossier, places, today, log);
        DemoConnections.Ensure(database, places, today, site.Clock.GetUtcNow(), log);
        if (dossier is not null)
            EnsureLoopbaan(site, new LoopbaanService(site, dossier), dossier, places, log);
        EnsureMeeloopdagen(site, places, log);
        return places;
    }

    /// <summary>
    /// The id of demo meeloopdag <paramref name="n"/> (1 upcoming with room, 2 full with a waiting list, 3 past with attendance,
    /// 4 at another mbo).
    /// </summary>
    public static string MeeloopdagId(int n) => $"demo-meeloopdag-{n}";

    /// <summary>
    /// Demo meeloopdagen, made through the store as the demo mbo's intake and the demo school's decaan (so every step is an event
    /// and audited): a day to come with room, a full day with a waiting list, a past day with attendance, and a day at another
    /// mbo. Only when the first is not there yet.
    /// </summary>
    private static void EnsureMeeloopdagen(SiteServices site, DemoPlaces places, TextWriter log)
    {
        var database = site.Database;
        if (MeeloopdagStore.Day(database, MeeloopdagId(1)) is not null)
            return;
        var today = site.Today;
        var at = site.Clock.GetUtcNow();
        var crebos = ProgrammeNames.LowestCreboPerNiveau(database);
        int Crebo(int niveau) => crebos.GetValueOrDefault(niveau, 25000 + niveau);
        var intake = new MeeloopActor("intake", Roles.Intake, places.Mbo);
        var decaan = new MeeloopActor("decaan", Roles.Decaan, places.School);
        var other = new MeeloopActor("intake2", Roles.Intake, places.OtherMbo);
        var m = places.MboLocations;
        (int N, string Location, int Niveau, int InDays, int Places, string Time, string Text, MeeloopActor By)[] days =
        [
            (1, m[0], 2, 14, 8, "9.00–13.00", "DEMO: loop een ochtend mee in de praktijklokalen.", intake),
            (2, m[^1], 3, 21, 2, "9.00–15.00", "DEMO: een dag meelopen met eerstejaars, met lunch.", intake),
            (3, m[0], 4, -7, 6, "13.00–16.00", "DEMO: een middag met proeflessen.", intake),
            (4, places.OtherMboLocation, 2, 28, 10, "10.00–14.00", "DEMO: meeloopdag van een ander mbo.", other),
        ];
        foreach (var (n, location, niveau, inDays, count, time, text, by) in days)
            MeeloopdagStore.Publish(database, new(MeeloopdagId(n), location, Crebo(niveau), today.AddDays(inDays), count, time, text), by, at);
        string Pupil(int n) => PupilKey(today, n);
        foreach (var n in new[] { 5, 9 })
            MeeloopdagStore.SignUp(database, MeeloopdagId(1), Pupil(n), decaan, today, at);
        foreach (var n in new[] { 6, 8, 10, 2 })
            MeeloopdagStore.SignUp(database, MeeloopdagId(2), Pupil(n), decaan, today, at);
        foreach (var n in new[] { 4, 8 })
            MeeloopdagStore.SignUp(database, MeeloopdagId(3), Pupil(n), decaan, today.AddDays(-10), at);
        MeeloopdagStore.RecordAttendance(database, MeeloopdagId(3), [m[0]], Pupil(4), true, intake, today, at);
        MeeloopdagStore.RecordAttendance(database, MeeloopdagId(3), [m[0]], Pupil(8), false, intake, today, at);
        log.WriteLine($"demo: {days.Length} meeloopdagen with SYNTHETIC pupils signed up, one full with a waiting list");
    }

    /// <summary>
    /// The demo transfer dossier, written through <see cref="DossierService"/> as the demo school's zorgcoördinator (so care
    /// entries are sealed and every write is audited) and released: only when the store has no dossier entries yet.
    /// </summary>
    private static void EnsureDossier(Database database, DossierService dossier, DemoPlaces places, DateOnly today, TextWriter log)
    {
        if (DossierStore.HasEntries(database))
            return;
        var author = new Caller("zorgvo", Roles.Zorgcoordinator, places.School, null);
        (int Pupil, DossierCategory Category, string Kind, int DaysAgo, string Text)[] entries =
        [
            (
                2,
                DossierCategory.Leerresultaten,
                DossierStore.Note,
                40,
                "DEMO-tekst (verzonnen): staat gemiddeld een 7 voor de beroepsgerichte vakken; " + "wiskunde blijft een aandachtspunt."
            ),
            (
                2,
                DossierCategory.Loopbaan,
                DossierStore.Note,
                35,
                "DEMO-tekst (verzonnen): heeft twee meeloopdagen gedaan in de techniek en wil verder in de " + "installatietechniek."
            ),
            (
                2,
                DossierCategory.Zorg,
                DossierStore.Note,
                30,
                "DEMO-tekst (verzonnen): heeft extra tijd bij toetsen vanwege dyslexie; een verklaring ligt op " + "school."
            ),
            (
                3,
                DossierCategory.Leerresultaten,
                DossierStore.Note,
                45,
                "DEMO-tekst (verzonnen): haalde in leerjaar 3 voldoendes voor alle vakken na een " + "doublure in leerjaar 2."
            ),
            (3, DossierCategory.Verzuim, DossierStore.Note, 40, "DEMO-tekst (verzonnen): het verzuim daalde dit schooljaar van 12 naar 3 lesuren per maand."),
            (
                3,
                DossierCategory.Advies,
                DossierStore.Note,
                25,
                "DEMO-tekst (verzonnen): mentor en zorgcoördinator adviseren niveau 3 met een vaste mentor in " + "het eerste jaar."
            ),
            (
                3,
                DossierCategory.Zorg,
                DossierStore.Note,
                20,
                "DEMO-tekst (verzonnen): heeft begeleiding gehad bij faalangst; werkt het best met een vaste " + "planning per week."
            ),
            (
                3,
                DossierCategory.Begeleiding,
                DossierStore.WarmHandOver,
                5,
                "DEMO-tekst (verzonnen): warme overdracht met de mbo-intake: afspraak om in de "
                    + "eerste schoolweek een kennismaking met de studieloopbaanbegeleider te plannen."
            ),
        ];
        var written = 0;
        foreach (var (n, category, kind, daysAgo, text) in entries)
        {
            var pupil = PupilKey(today, n);
            if (dossier.Write(author, pupil, category, kind, today.AddDays(-daysAgo), text).Value is not { } entry)
                continue;
            dossier.Release(author, pupil, entry.Id, released: true);
            written++;
        }
        log.WriteLine($"demo: {written} SYNTHETIC dossier entries for {PupilKey(today, 2)} and {PupilKey(today, 3)}, released");
    }

    /// <summary>Prints the demo accounts and API clients.</summary>
    public static void PrintAccounts(TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(log);
        log.WriteLine("DEMO-MODUS: alle leerlingen zijn synthetisch. Demo-accounts (wachtwoord '" + Password + "'):");
        foreach (var (username, role, displayName, _) in AccountList)
            log.WriteLine(string.Format(CultureInfo.InvariantCulture, "  {0,-10} {1,-22} {2}", username, Roles.Title(role), displayName));
        log.WriteLine($"API (OAuth2 client credentials op /connect/token): client_id demo-<account>, client_secret '{ClientSecret}'");
    }

    /// <summary>The demo school (the vmbo vestiging with the most pupils), another school, and the two largest ROCs.</summary>
    public static DemoPlaces Places(Database database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var schools = LargestInstitutions.VmboVestigingen(database, 2);
        var mbos = LargestInstitutions.Rocs(database, 2);
        if (schools.Length < 2 || mbos.Length < 2)
            throw new InvalidOperationException("the demo needs at least two vmbo vestigingen and two mbo institutions in the store");
        var locations = LargestInstitutions.Locations(database, mbos[0], 2);
        var other = LargestInstitutions.Locations(database, mbos[1], 1)[0];
        return new(schools[0], schools[1], mbos[0], mbos[1], locations, other);
    }

    private static void Simulate(SiteServices site, TextWriter log)
    {
        var database = site.Database;
        var dataDir = site.Options.DataDir ?? DataPaths.RealData();
        var today = site.Today;
        if (StoredWorld.EnsureRealData(database, dataDir, log.WriteLine) is { } problem)
        {
            log.WriteLine($"demo: no real data ({problem}); a SYNTHETIC set of institutions is used instead: every name says '{SyntheticInstitutions.Marker}'");
            SyntheticInstitutions.Write(database, SyntheticWorld.Build(), SchoolYear.StartOf(today).Year);
        }
        var world = StoredWorld.Load(database, site.Catalogue.Domains);
        var last = CurrentExamYear(today);
        const int cohorts = 4;
        var perCohort = site.Options.DemoPupilsPerCohort;
        log.WriteLine(
            $"demo: simulating {cohorts} cohorts × {perCohort:N0} SYNTHETIC vmbo leavers (exam years {last - cohorts + 1}–{last}), events up to "
                + $"today {today:yyyy-MM-dd}"
        );
        var records = Simulator
            .Run(world, Calibration.Default, last - cohorts + 1, cohorts, perCohort, seed: 1)
            .SelectMany(p => p.Events.Where(e => e.Date <= today).Select(e => new EventRecord(e, Synthetic: true, p.BirthDate)));
        var appended = new EventStore(database).Append(records);
        log.WriteLine($"demo: {appended.Inserted:N0} events for {appended.NewPupils:N0} synthetic pupils stored");
    }

    /// <summary>
    /// The demo loopbaandossier, written through <see cref="LoopbaanService"/> as the pupils themselves (so every write is an
    /// event, an entry and an audit line): LOB activities with reflections and a choice for pupils 01, 02 and 03, a remark of
    /// the decaan, and pupil 03's texts released (03 applied to the demo mbo, whose intake may ask for them). Only when pupil
    /// 01 has no LOB activity yet.
    /// </summary>
    private static void EnsureLoopbaan(SiteServices site, LoopbaanService loopbaan, DossierService dossier, DemoPlaces places, TextWriter log)
    {
        var today = site.Today;
        if (new EventStore(site.Database).Stream(PupilKey(today, 1)).Any(e => e.Kind == EventKind.LobActiviteit))
            return;
        var crebos = ProgrammeNames.LowestCreboPerNiveau(site.Database);
        string Crebo(int niveau) => crebos.TryGetValue(niveau, out var c) ? c.ToString(CultureInfo.InvariantCulture) : "";
        var floor = LoopbaanInvoer.Vroegst(today);
        string Ago(int days) => (today.AddDays(-days) < floor ? floor : today.AddDays(-days)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var m = places.MboLocations[0];
        (int Pupil, string Soort, int DaysAgo, string Where, int Niveau, string Reflection)[] activities =
        [
            (1, "interessetest", 70, places.School, 0, "DEMO-tekst (verzonnen): uit de test kwam zorg en techniek; techniek verraste me."),
            (1, "open-dag", 40, m, 3, "DEMO-tekst (verzonnen): de werkplaats was groot en de studenten legden alles rustig uit."),
            (2, "meeloopdag", 50, m, 4, "DEMO-tekst (verzonnen): een dag meegelopen; het tekenen op de computer vond ik het leukst."),
            (3, "gesprek-decaan", 60, places.School, 0, "DEMO-tekst (verzonnen): met de decaan mijn twijfel tussen zorg en techniek besproken."),
            (3, "meeloopdag", 45, m, 3, "DEMO-tekst (verzonnen): de praktijklessen passen bij mij; ik wil dit gaan doen."),
        ];
        (int Pupil, int Niveau, string Sure, int DaysAgo, string Motivation)[] choices =
        [
            (1, 3, "twijfel", 30, "DEMO-tekst (verzonnen): techniek trekt me, maar ik wil eerst nog een meeloopdag doen."),
            (2, 4, "redelijk-zeker", 25, "DEMO-tekst (verzonnen): ik ontwerp graag en wil later misschien naar het hbo."),
            (3, 3, "zeker", 35, "DEMO-tekst (verzonnen): na de meeloopdag weet ik het: ik ga voor deze opleiding."),
        ];
        var written = 0;
        foreach (var (n, soort, daysAgo, where, niveau, reflection) in activities)
        {
            var pupil = PupilKey(today, n);
            var caller = new Caller("demo-leerling", Roles.Leerling, null, pupil);
            written += loopbaan.RecordActivity(caller, pupil, soort, Ago(daysAgo), where, niveau == 0 ? null : Crebo(niveau), reflection).Onderdeel is null
                ? 0
                : 1;
        }
        foreach (var (n, niveau, sure, daysAgo, motivation) in choices)
        {
            var pupil = PupilKey(today, n);
            var caller = new Caller("demo-leerling", Roles.Leerling, null, pupil);
            written += loopbaan.RecordChoice(caller, pupil, [Crebo(niveau)], motivation, sure, Ago(daysAgo)).Onderdeel is null ? 0 : 1;
        }
        var decaan = new Caller("decaan", Roles.Decaan, places.School, null);
        var remark = "DEMO-tekst (verzonnen): goed onderbouwde keuze; advies voor de intake: vraag naar de meeloopdag.";
        loopbaan.AddRemark(decaan, PupilKey(today, 3), remark, Ago(20));
        loopbaan.AddRemark(decaan, PupilKey(today, 1), "DEMO-tekst (verzonnen): plan samen nog een meeloopdag in de techniek.", Ago(20));
        foreach (var entry in DossierStore.Entries(site.Database, PupilKey(today, 3)).Where(e => e.Category == DossierCategory.Loopbaan && !e.Released))
            dossier.Release(decaan, PupilKey(today, 3), entry.Id, released: true);
        log.WriteLine($"demo: {written} SYNTHETIC loopbaandossier entries (activities and choices) for {PupilKey(today, 1)} to {PupilKey(today, 3)}");
    }

    private sealed record Story(string Key, (string Given, string Family) Name, DateOnly Birth, ImmutableArray<TransitionEvent> Events);

    /// <summary>
    /// The hand-written pupils. The current cohort (in leerjaar 4 now) applies from October; last year's cohort is in its
    /// first mbo year. Dates are relative to today so that the demo tells the same story on any day.
    /// </summary>
    private static ImmutableArray<Story> Stories(DemoPlaces places, DateOnly today, ImmutableDictionary<int, int> crebos)
    {
        var exam = CurrentExamYear(today);
        var s = places.School;
        var m = places.MboLocations[0];
        var stories = ImmutableArray.CreateBuilder<Story>();
        // Applications of the current cohort fall in the weeks before today, never before leerjaar 4 began.
        var floor = new DateOnly(exam - 1, 8, 2);
        DateOnly Ago(int days) => Max(today.AddDays(-days), floor);
        int Crebo(int niveau) => crebos.GetValueOrDefault(niveau, 25000 + niveau);

        void Current(int n, Leerweg lw, Func<string, List<TransitionEvent>> more, string school)
        {
            var key = $"DEMO-{exam}-{n:D2}";
            var events = new List<TransitionEvent>
            {
                new(key, new DateOnly(exam - 2, 8, 1), EventKind.Ingeschreven, school, lw, Leerjaar: 3, Route: "regulier"),
                new(key, new DateOnly(exam - 1, 8, 1), EventKind.Bevorderd, school, lw, Leerjaar: 4, Route: "regulier"),
            };
            events.AddRange(more(key));
            // Pupil 03 repeated a year before and is 16: old enough to consent for herself (P4); the others are 15.
            var born = new DateOnly(exam - (n == 3 ? 17 : 16), 3 + n % 9, 1 + n);
            stories.Add(new(key, Names[(n - 1) % Names.Length], born, [.. events.Where(e => e.Date <= today)]));
        }

        TransitionEvent Applied(string key, DateOnly on, int niveau, string at = "") =>
            new(key, on, EventKind.Aangemeld, at.Length > 0 ? at : m, Leerweg.Bol, Niveau: niveau, Crebo: Crebo(niveau), Route: "regulier");

        Current(1, Leerweg.Kb, _ => [], s);
        Current(2, Leerweg.Tl, k => [Applied(k, Ago(20), 4)], s);
        Current(
            3,
            Leerweg.Kb,
            k => [Applied(k, Ago(30), 3), new(k, Ago(10), EventKind.IntakeGehouden, m, Leerweg.Bol, Niveau: 3, Crebo: Crebo(3), Detail: "positief")],
            s
        );
        Current(4, Leerweg.Gl, k => [Applied(k, Ago(25), 2)], s);
        Current(
            5,
            Leerweg.Bb,
            k =>
                [
                    Applied(k, Ago(40), 2),
                    new(k, Ago(30), EventKind.IntakeGehouden, m, Leerweg.Bol, Niveau: 2, Crebo: Crebo(2), Detail: "positief"),
                    new(k, Ago(20), EventKind.Toegelaten, m, Leerweg.Bol, Niveau: 2, Crebo: Crebo(2)),
                ],
            s
        );
        Current(
            6,
            Leerweg.Kb,
            k =>
                [
                    Applied(k, Ago(35), 3),
                    new(k, Ago(25), EventKind.IntakeGehouden, m, Leerweg.Bol, Niveau: 3, Crebo: Crebo(3), Detail: "twijfel"),
                    new(k, Ago(15), EventKind.Afgewezen, m, Leerweg.Bol, Niveau: 3, Crebo: Crebo(3), Detail: "opleiding vol"),
                ],
            s
        );
        Current(7, Leerweg.Tl, k => [Applied(k, Ago(18), 4, places.OtherMboLocation)], s);
        Current(
            8,
            Leerweg.Kb,
            k =>
                [
                    Applied(k, Ago(45), 3),
                    new(k, Ago(12), EventKind.AanmeldingIngetrokken, m, Leerweg.Bol, Niveau: 3, Crebo: Crebo(3), Detail: "twijfelt over keuze"),
                ],
            s
        );
        Current(9, Leerweg.Bb, _ => [], s);
        Current(10, Leerweg.Gl, _ => [], s);
        Current(11, Leerweg.Tl, k => [Applied(k, Ago(8), 4)], places.OtherSchool);

        // Last year's cohort: left vmbo this summer.
        var last = exam - 1;
        void Former(int n, Leerweg lw, Func<string, List<TransitionEvent>> story)
        {
            var key = $"DEMO-{exam}-{n:D2}";
            var events = new List<TransitionEvent>
            {
                new(key, new DateOnly(last - 2, 8, 1), EventKind.Ingeschreven, s, lw, Leerjaar: 3, Route: "regulier"),
                new(key, new DateOnly(last - 1, 8, 1), EventKind.Bevorderd, s, lw, Leerjaar: 4, Route: "regulier"),
            };
            events.AddRange(story(key));
            stories.Add(new(key, Names[(n - 1) % Names.Length], new DateOnly(last - 16, 1 + n % 11, 10 + n % 15), [.. events.Where(e => e.Date <= today)]));
        }

        List<TransitionEvent> Diploma(string k, Leerweg lw, string detail = "diploma") =>
            [
                new(k, new DateOnly(last, 6, 15), EventKind.DiplomaBehaald, s, lw, Route: "regulier"),
                new(k, new DateOnly(last, 7, 31), EventKind.Uitgeschreven, s, lw, Leerjaar: 4, Detail: detail),
            ];
        List<TransitionEvent> Placed(string k, string at, int niveau, DateOnly from) =>
            [
                new(k, from.AddDays(12), EventKind.IntakeGehouden, at, Leerweg.Bol, Niveau: niveau, Crebo: Crebo(niveau), Detail: "positief"),
                new(k, from.AddDays(30), EventKind.Toegelaten, at, Leerweg.Bol, Niveau: niveau, Crebo: Crebo(niveau)),
                new(k, new DateOnly(last, 7, 1), EventKind.Geplaatst, at, Leerweg.Bol, Niveau: niveau, Crebo: Crebo(niveau)),
                new(k, new DateOnly(last, 8, 1), EventKind.Ingeschreven, at, Leerweg.Bol, Niveau: niveau, Crebo: Crebo(niveau), Route: "regulier"),
            ];
        Former(12, Leerweg.Kb, k => [Applied(k, new DateOnly(last, 2, 10), 3), .. Placed(k, m, 3, new DateOnly(last, 2, 10)), .. Diploma(k, Leerweg.Kb)]);
        Former(13, Leerweg.Tl, k => [Applied(k, new DateOnly(last, 4, 20), 4), .. Placed(k, m, 4, new DateOnly(last, 4, 20)), .. Diploma(k, Leerweg.Tl)]);
        Former(14, Leerweg.Gl, k =>
            [
                Applied(k, new DateOnly(last, 3, 1), 4),
                new(k, new DateOnly(last, 3, 20), EventKind.Afgewezen, m, Leerweg.Bol, Niveau: 4, Crebo: Crebo(4), Detail: "niet geschikt bevonden"),
                Applied(k, new DateOnly(last, 4, 10), 4, places.OtherMboLocation),
                .. Placed(k, places.OtherMboLocation, 4, new DateOnly(last, 4, 10)),
                .. Diploma(k, Leerweg.Gl),
            ]
        );
        Former(15, Leerweg.Bb, k =>
            [
                new(k, new DateOnly(last, 6, 15), EventKind.DiplomaBehaald, s, Leerweg.Bb, Route: "regulier"),
                new(k, new DateOnly(last, 7, 31), EventKind.Uitgeschreven, s, Leerweg.Bb, Leerjaar: 4, Detail: "werk"),
            ]
        );
        return stories.ToImmutable();

        static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
    }
}
