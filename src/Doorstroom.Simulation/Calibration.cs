using System.Collections.Immutable;
using Doorstroom.Domain;

namespace Doorstroom.Simulation;

/// <summary>How pupils of one vmbo leerweg spread over the mbo levels they are admitted to (rulebook A1, R1.1).</summary>
/// <param name="Niveau2">Share entering basisberoeps (niveau 2).</param>
/// <param name="Niveau3">Share entering vakopleiding (niveau 3).</param>
/// <param name="Niveau4">Share entering middenkader (niveau 4).</param>
public sealed record NiveauShares(double Niveau2, double Niveau3, double Niveau4)
{
    /// <summary>The sum of the shares; a valid set sums to 1.</summary>
    public double Total => Niveau2 + Niveau3 + Niveau4;
}

/// <summary>
/// Every rate the simulator uses, with a default calibrated on published figures. Each property names its source:
/// a rulebook rule id, a design §7 figure, a DUO file in shared/data/real, or "assumption" where nothing was published.
/// All rates are probabilities (0–1).
/// </summary>
public sealed record Calibration
{
    /// <summary>The defaults.</summary>
    public static Calibration Default { get; } = new();

    // ---- vo: leerjaar 3 and 4 ----

    /// <summary>Share of leerjaar-4 pupils who fail the exam and repeat the year (Gedoubleerd). Source: design §7, 4.4 % repeated.</summary>
    public double VmboRepeatShare { get; init; } = 0.044;

    /// <summary>Share of repeaters who pass the next year; the rest leave without a diploma (entree, A6, or no education). Source: assumption.</summary>
    public double VmboRetakePassShare { get; init; } = 0.70;

    /// <summary>
    /// Share of vmbo pupils who leave school during a school year of the bovenbouw (leerjaar 3, and leerjaar 4 before the exam)
    /// without a diploma and without going on: new vsv'ers of that year (D2). Without it no pupil left vmbo before the exam and the
    /// vsv rate of every leerjaar-3 population was exactly 0. Source: assumption, kept with the leavers after the exam under the
    /// norm for "bovenbouw vmbo" of 4,0 % new vsv'ers a year (Regeling regionale aanpak vsv, tabel 4, in shared/data/real/vsv-rmc).
    /// </summary>
    public double VmboDropoutRate { get; init; } = 0.01;

    /// <summary>Share of pupils born a year earlier than their class (an earlier repeat). Source: assumption.</summary>
    public double OverAgeShare { get; init; } = 0.20;

    // ---- after the vmbo diploma ----

    /// <summary>
    /// Share of vmbo diploma leavers who go on to mbo. Source: design §7 (63.9 % + 21.5 % of year-4 pupils, of the 95.6 % who
    /// did not repeat ≈ 0.89; ~90,000 of the mbo entrants hold a vmbo diploma).
    /// </summary>
    public double MboShareOfLeavers { get; init; } = 0.90;

    /// <summary>
    /// Share of vmbo diploma leavers who go on to havo 4 (only gl/tl, rulebook R11; the simulator raises the gl/tl rate so the
    /// share over all leavers is this). The rest of the leavers (1 − mbo − havo) leave education. Source: design §7, 6.1 %.
    /// </summary>
    public double HavoShareOfLeavers { get; init; } = 0.06;

    /// <summary>Share of vmbo→havo pupils who obtain the havo diploma in two years; the rest go on to mbo niveau 4 (A12). Source: assumption.</summary>
    public double HavoDiplomaShare { get; init; } = 0.75;

    /// <summary>Admission by leerweg (A1): a kb diploma admits to niveau 2, 3 and 4. Source: R1.1, assumption for the split ("kb → 3 mostly").</summary>
    public NiveauShares KbNiveau { get; init; } = new(0.25, 0.60, 0.15);

    /// <summary>Admission by leerweg (A1): gl/tl to niveau 2, 3 and 4. Source: R1.1, assumption for the split ("gl/tl → 4 mostly"). bb always enters niveau 2
    /// (A1).</summary>
    public NiveauShares GlTlNiveau { get; init; } = new(0.05, 0.20, 0.75);

    /// <summary>Share of mbo entrants in bbl (only when 16 on 1 August, L2/R1.1; never in vm2, R4.3). Source: design §7, about 3 bol : 1 bbl.</summary>
    public double BblShare { get; init; } = 0.25;

    /// <summary>
    /// Share of mbo entrants who choose a location in their own plaats (when there is one); the rest choose among all locations.
    /// Source: design §7, 63.9 % to the regional ROCs against 21.5 % to other mbo (≈ 0.75).
    /// </summary>
    public double RegionalShare { get; init; } = 0.75;

    /// <summary>Share of pupils of a green vestiging who go to an AOC (and a green qualification). Source: assumption (green context, rulebook §0).</summary>
    public double GreenToAocShare { get; init; } = 0.70;

    /// <summary>Share of niveau-4 programmes of four years rather than three (M5 durations). Source: assumption.</summary>
    public double Niveau4FourYearShare { get; init; } = 0.40;

    // ---- mbo careers ----

    /// <summary>
    /// First-year domain switch among bol students entering directly from vo at niveau ≥ 2. Source: rulebook D6, design §7 (12.5 %, 2013-14).
    /// </summary>
    public double FirstYearSwitchRate { get; init; } = 0.125;

    /// <summary>New vsv'ers per year among niveau-1 (entree) students (D2). Source: DUO norm in shared/data/real/vsv-rmc/VSV_normen.csv, 2016-2017: 23500
    /// (percentage × 1000) = 23.5 %.</summary>
    public double VsvNiveau1 { get; init; } = 0.235;

    /// <summary>New vsv'ers per year among niveau-2 students (D2). Source: VSV_normen.csv 2016-2017: 9500 = 9.5 %.</summary>
    public double VsvNiveau2 { get; init; } = 0.095;

    /// <summary>New vsv'ers per year among niveau-3 students (D2). Source: VSV_normen.csv 2016-2017: 3600 = 3.6 %.</summary>
    public double VsvNiveau3 { get; init; } = 0.036;

    /// <summary>New vsv'ers per year among niveau-4 students (D2). Source: VSV_normen.csv 2016-2017: 2750 = 2.75 %.</summary>
    public double VsvNiveau4 { get; init; } = 0.0275;

    /// <summary>
    /// Share of first-year switchers with an mbo diploma within five years of entry. Source: design §7 (66 %). Those without leave
    /// as vsv'ers (at the vsv rate) or are delayed past five years.
    /// </summary>
    public double SwitcherDiplomaWithinFiveYears { get; init; } = 0.66;

    /// <summary>
    /// Share of other entrants with an mbo diploma within five years. Source: design §7 (89 %). Where the vsv rate alone leaves fewer
    /// the vsv rate wins: at the defaults niveau 2 gets (1 − 0.095)² ≈ 0.82 and niveau 3 ≈ 0.86 (its vsv chance is raised for
    /// students without a startkwalificatie because opstromers with one share the D2 denominator); niveau 4 lands on 0.89.
    /// </summary>
    public double NonSwitcherDiplomaWithinFiveYears { get; init; } = 0.89;

    /// <summary>Share of niveau-2 graduates who go on to niveau 3 (opstroom, O1/A2). Source: assumption.</summary>
    public double OpstroomFromNiveau2 { get; init; } = 0.30;

    /// <summary>Share of niveau-3 graduates who go on to niveau 4 (O1/A2). Source: assumption. Entree graduates always go on to niveau 2 (A7).</summary>
    public double OpstroomFromNiveau3 { get; init; } = 0.20;

    /// <summary>Share of vsv'ers (and leavers to no education) whose uitschrijfreden is werk; the rest onbekend. Source: assumption.</summary>
    public double LeaveForWorkShare { get; init; } = 0.50;

    // ---- routes (shares among the pupils the route is open to in their leerjaar-3 year; the rest follow normale-route) ----

    /// <summary>bb pupils in a leerwerktraject (R2, from 2003). Source: assumption.</summary>
    public double LeerwerktrajectShare { get; init; } = 0.05;

    /// <summary>bb/kb pupils in VM2 (R4: leerjaar 3 from 2008 to 2013; about 2,000 pupils a year). Source: R4.4.</summary>
    public double Vm2Share { get; init; } = 0.04;

    /// <summary>bb/kb pupils in a vakmanschapsroute (R5: leerjaar 3 from 2014 to 2018). Source: assumption.</summary>
    public double VakmanschapsrouteShare { get; init; } = 0.03;

    /// <summary>gl/tl pupils in a technologieroute (R6.1: leerjaar 3 in 2014 and 2015). Source: assumption.</summary>
    public double TechnologierouteShare { get; init; } = 0.03;

    /// <summary>kb/gl/tl pupils in a beroepsroute (R6.2: leerjaar 3 from 2016 to 2018). Source: assumption.</summary>
    public double BeroepsrouteShare { get; init; } = 0.03;

    /// <summary>bb/kb pupils of non-green vestigingen in a vakcollege (R8, from 2008). Source: assumption.</summary>
    public double VakcollegeShare { get; init; } = 0.02;

    /// <summary>gl/tl pupils of green vestigingen in the groene lyceum (R7, leerjaar 3 from 2009). Source: assumption.</summary>
    public double GroeneLyceumShare { get; init; } = 0.15;

    /// <summary>Pupils in a doorlopende leerroute (R9, from 2020). Source: assumption.</summary>
    public double DoorlopendeLeerrouteShare { get; init; } = 0.05;

    // ---- loopbaanoriëntatie en -begeleiding (LOB) and doubt (issue 16, decision 0031): every value here is an ASSUMPTION (see Sources) ----

    /// <summary>
    /// How sure pupils are of their choice on the peildatum, 1 February of the exam year (<see cref="KeuzeShares"/>). Source: ASSUMPTION,
    /// informed by Newcom's De Grote StudieReis (about three quarters of exam candidates had no definite choice in October–November).
    /// </summary>
    public KeuzeShares KeuzeOnPeildatum { get; init; } = new(Geen: 0.10, GeenIdee: 0.05, Twijfel: 0.12, RedelijkZeker: 0.33, Zeker: 0.40);

    /// <summary>Of the pupils with no choice on the peildatum, the share who record one later (the rest never do). Source: ASSUMPTION.</summary>
    public double LaterChoiceShare { get; init; } = 0.60;

    /// <summary>Of the pupils unsure on the peildatum (geen-idee, twijfel), the share who record a surer choice later. Source: ASSUMPTION.</summary>
    public double UnsureBecomeSureShare { get; init; } = 0.50;

    /// <summary>Share of pupils with no LOB activity in the exam year (no LobActiviteit, no attended meeloopdag). Source: ASSUMPTION.</summary>
    public double NoLobShare { get; init; } = 0.08;

    /// <summary>Mean number of LOB activities in the exam year of a pupil who takes part (at least one). Source: ASSUMPTION.</summary>
    public double LobActivitiesExamYear { get; init; } = 3.0;

    /// <summary>Mean number of LOB activities in the year before the exam year. Source: ASSUMPTION.</summary>
    public double LobActivitiesYearBefore { get; init; } = 1.5;

    /// <summary>Of the pupils who take part in LOB in the exam year, the share who sign up for a meeloopdag at an mbo location. Source: ASSUMPTION.</summary>
    public double MeeloopdagShare { get; init; } = 0.30;

    /// <summary>Of the pupils signed up for a meeloopdag, the share who do not come. Source: ASSUMPTION.</summary>
    public double MeeloopdagNoShowShare { get; init; } = 0.10;

    /// <summary>
    /// Relative risk of a first-year switch (D6) for a pupil in doubt on the peildatum (no choice, geen-idee or twijfel) against one
    /// who is not. The switch rate stays <see cref="FirstYearSwitchRate"/> on average: doubt shifts risk between pupils. Source: ASSUMPTION.
    /// </summary>
    public double DoubtSwitchRelativeRisk { get; init; } = 1.6;

    /// <summary>Relative risk of leaving mbo without a startkwalificatie (the yearly vsv chance, D2) for a pupil in doubt. Source: ASSUMPTION.</summary>
    public double DoubtVsvRelativeRisk { get; init; } = 1.4;

    /// <summary>Relative risk of delay (the mbo diploma only after five years) for a pupil in doubt. Source: ASSUMPTION.</summary>
    public double DoubtDelayRelativeRisk { get; init; } = 1.4;

    /// <summary>Relative risk of a first-year switch for a pupil with no LOB activity in the exam year. Source: ASSUMPTION.</summary>
    public double NoLobSwitchRelativeRisk { get; init; } = 1.3;

    /// <summary>Relative risk of leaving mbo without a startkwalificatie for a pupil with no LOB activity in the exam year. Source: ASSUMPTION.</summary>
    public double NoLobVsvRelativeRisk { get; init; } = 1.2;

    /// <summary>Relative risk of delay for a pupil with no LOB activity in the exam year. Source: ASSUMPTION.</summary>
    public double NoLobDelayRelativeRisk { get; init; } = 1.2;

    /// <summary>
    /// Where each LOB and doubt setting comes from. No published figure gives a relative risk of doubt or of missing LOB for
    /// switch, vsv or delay in mbo, so every effect size is an ASSUMPTION; the sources say what the assumptions rest on.
    /// </summary>
    public static ImmutableArray<CalibrationSource> Sources { get; } =
    [
        new(nameof(KeuzeOnPeildatum), true, LobSourceTexts.Keuze),
        new(nameof(LaterChoiceShare), true, LobSourceTexts.Unpublished),
        new(nameof(UnsureBecomeSureShare), true, LobSourceTexts.Unpublished),
        new(nameof(NoLobShare), true, LobSourceTexts.Participation),
        new(nameof(LobActivitiesExamYear), true, LobSourceTexts.Participation),
        new(nameof(LobActivitiesYearBefore), true, LobSourceTexts.Participation),
        new(nameof(MeeloopdagShare), true, LobSourceTexts.Participation),
        new(nameof(MeeloopdagNoShowShare), true, LobSourceTexts.Unpublished),
        new(nameof(DoubtSwitchRelativeRisk), true, LobSourceTexts.Switch),
        new(nameof(DoubtVsvRelativeRisk), true, LobSourceTexts.Vsv),
        new(nameof(DoubtDelayRelativeRisk), true, LobSourceTexts.Vsv),
        new(nameof(NoLobSwitchRelativeRisk), true, LobSourceTexts.NoLob),
        new(nameof(NoLobVsvRelativeRisk), true, LobSourceTexts.NoLob),
        new(nameof(NoLobDelayRelativeRisk), true, LobSourceTexts.NoLob),
    ];

    /// <summary>The new-vsv rate for an mbo level (niveau 5 uses niveau 4's).</summary>
    public double VsvRate(int niveau) =>
        niveau switch
        {
            1 => VsvNiveau1,
            2 => VsvNiveau2,
            3 => VsvNiveau3,
            _ => VsvNiveau4,
        };

    /// <summary>Throws when a rate is outside 0–1 or a set of shares does not sum to 1.</summary>
    public void Validate()
    {
        (string Name, double Value)[] rates =
        [
            (nameof(VmboRepeatShare), VmboRepeatShare),
            (nameof(VmboRetakePassShare), VmboRetakePassShare),
            (nameof(OverAgeShare), OverAgeShare),
            (nameof(VmboDropoutRate), VmboDropoutRate),
            (nameof(MboShareOfLeavers), MboShareOfLeavers),
            (nameof(HavoShareOfLeavers), HavoShareOfLeavers),
            (nameof(HavoDiplomaShare), HavoDiplomaShare),
            (nameof(BblShare), BblShare),
            (nameof(RegionalShare), RegionalShare),
            (nameof(GreenToAocShare), GreenToAocShare),
            (nameof(Niveau4FourYearShare), Niveau4FourYearShare),
            (nameof(FirstYearSwitchRate), FirstYearSwitchRate),
            (nameof(VsvNiveau1), VsvNiveau1),
            (nameof(VsvNiveau2), VsvNiveau2),
            (nameof(VsvNiveau3), VsvNiveau3),
            (nameof(VsvNiveau4), VsvNiveau4),
            (nameof(SwitcherDiplomaWithinFiveYears), SwitcherDiplomaWithinFiveYears),
            (nameof(NonSwitcherDiplomaWithinFiveYears), NonSwitcherDiplomaWithinFiveYears),
            (nameof(OpstroomFromNiveau2), OpstroomFromNiveau2),
            (nameof(OpstroomFromNiveau3), OpstroomFromNiveau3),
            (nameof(LeaveForWorkShare), LeaveForWorkShare),
            (nameof(LeerwerktrajectShare), LeerwerktrajectShare),
            (nameof(Vm2Share), Vm2Share),
            (nameof(VakmanschapsrouteShare), VakmanschapsrouteShare),
            (nameof(TechnologierouteShare), TechnologierouteShare),
            (nameof(BeroepsrouteShare), BeroepsrouteShare),
            (nameof(VakcollegeShare), VakcollegeShare),
            (nameof(GroeneLyceumShare), GroeneLyceumShare),
            (nameof(DoorlopendeLeerrouteShare), DoorlopendeLeerrouteShare),
            (nameof(LaterChoiceShare), LaterChoiceShare),
            (nameof(UnsureBecomeSureShare), UnsureBecomeSureShare),
            (nameof(NoLobShare), NoLobShare),
            (nameof(MeeloopdagShare), MeeloopdagShare),
            (nameof(MeeloopdagNoShowShare), MeeloopdagNoShowShare),
        ];
        foreach (var (name, value) in rates)
        {
            if (!(value >= 0 && value <= 1))
                throw new ArgumentException($"Calibration.{name} must be a probability from 0 to 1, not {value}.");
        }
        if (MboShareOfLeavers + HavoShareOfLeavers > 1)
            throw new ArgumentException("Calibration: MboShareOfLeavers + HavoShareOfLeavers must not exceed 1.");
        (string Name, double Value, double Max)[] bounded =
        [
            (nameof(LobActivitiesExamYear), LobActivitiesExamYear, 20),
            (nameof(LobActivitiesYearBefore), LobActivitiesYearBefore, 20),
            (nameof(DoubtSwitchRelativeRisk), DoubtSwitchRelativeRisk, 10),
            (nameof(DoubtVsvRelativeRisk), DoubtVsvRelativeRisk, 10),
            (nameof(DoubtDelayRelativeRisk), DoubtDelayRelativeRisk, 10),
            (nameof(NoLobSwitchRelativeRisk), NoLobSwitchRelativeRisk, 10),
            (nameof(NoLobVsvRelativeRisk), NoLobVsvRelativeRisk, 10),
            (nameof(NoLobDelayRelativeRisk), NoLobDelayRelativeRisk, 10),
        ];
        foreach (var (name, value, max) in bounded)
        {
            if (!(value > 0 && value <= max))
                throw new ArgumentException($"Calibration.{name} must be above 0 and at most {max}, not {value}.");
        }
        var keuze = KeuzeOnPeildatum;
        if (
            keuze is null
            || new[] { keuze.Geen, keuze.GeenIdee, keuze.Twijfel, keuze.RedelijkZeker, keuze.Zeker }.Any(v => !(v >= 0))
            || Math.Abs(keuze.Total - 1) > 1e-9
        )
            throw new ArgumentException($"Calibration.{nameof(KeuzeOnPeildatum)} must be five non-negative shares summing to 1, not {keuze}.");
        foreach (var (name, shares) in new[] { (nameof(KbNiveau), KbNiveau), (nameof(GlTlNiveau), GlTlNiveau) })
        {
            if (shares.Niveau2 < 0 || shares.Niveau3 < 0 || shares.Niveau4 < 0 || Math.Abs(shares.Total - 1) > 1e-9)
                throw new ArgumentException($"Calibration.{name} must be three non-negative shares summing to 1, not {shares}.");
        }
    }

    /// <summary>The niveau shares for a vmbo leerweg that may choose (kb, gl, tl).</summary>
    internal NiveauShares NiveauFor(Leerweg leerweg) => leerweg == Leerweg.Kb ? KbNiveau : GlTlNiveau;
}
