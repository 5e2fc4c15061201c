using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// The monitor's indicators (rulebook §9, design §5) computed from one pupil's event stream. See each <see cref="Indicator"/>
/// for the exact definition implemented; <see cref="Definitions"/> says the same in words for a table's heading.
/// </summary>
public static class Indicators
{
    private const double DaysPerYear = 365.25;

    /// <summary>One definition per <see cref="Indicator"/>, in the enum's order.</summary>
    public static ImmutableArray<IndicatorDefinition> Definitions { get; } =
    [
        new(Indicator.NieuweVsv, "D2", "Nieuwe voortijdig schoolverlaters",
            "Ingeschreven op 1 oktober t, jonger dan 22, niet in praktijkonderwijs; vsv'er als niet ingeschreven op 1 oktober t+1 en zonder startkwalificatie; wie naar het buitenland vertrok telt niet mee.",
            "1 oktober", "ingeschrevenen in vo of mbo op 1 oktober t, jonger dan 22 (onbekende geboortedatum telt mee), geen praktijkonderwijs, niet naar het buitenland vertrokken",
            "niet ingeschreven op 1 oktober t+1 en geen startkwalificatie op die datum"),
        new(Indicator.Switch, "D6", "Switch in het eerste jaar",
            "Bol-studenten die direct uit het vo (uitgeschreven in de 62 dagen voor de instroom) op niveau 2 of hoger het mbo instromen; switch = binnen een jaar naar een ander opleidingsdomein, of elke niveauwisseling vanuit niveau 2.",
            "1 oktober", "directe instromers vo→mbo, bol, niveau ≥ 2, per studiejaar van instroom t",
            "voor de eerste verjaardag van de instroom een opleiding in een ander domein (ook bij een andere instelling), of vanuit niveau 2 een ander niveau"),
        new(Indicator.DiplomaNominaal, "D7", "Diploma binnen nominale duur",
            "Nieuwe inschrijvingen in het mbo die op 1 oktober t voor het eerst meetellen; diploma van minstens het instroomniveau bij dezelfde instelling vóór 1 oktober t+n (n = 1, 2, 3, 4 voor niveau 1, 2, 3, 4 en 5).",
            "1 oktober", "inschrijvingen in het mbo gestart tussen 2 oktober t-1 en 1 oktober t en ingeschreven op 1 oktober t",
            "diploma van minstens het instroomniveau bij dezelfde instelling (BRIN4) binnen de nominale duur"),
        new(Indicator.Jaarresultaat, "D8", "Jaarresultaat",
            "(b + d) / (b + c + d) over studenten niveau 2–4 ingeschreven op 1 oktober t bij de instelling; b = diploma in het opbrengstjaar en op 1 oktober t+1 nog ingeschreven, c = vertrokken zonder diploma, d = vertrokken met diploma; ongediplomeerde blijvers tellen niet mee.",
            "1 oktober", "b + c + d: ingeschreven op 1 oktober t op niveau 2–4, behalve wie zonder diploma op 1 oktober t+1 nog bij de instelling staat",
            "b + d: een mbo-diploma bij de instelling in het opbrengstjaar 1 oktober t – 30 september t+1"),
        new(Indicator.Diplomaresultaat, "D9", "Diplomaresultaat",
            "Uitstroom uit een mbo-opleiding (uitschrijving of switch naar een andere opleiding) in het opbrengstjaar 1 oktober t – 30 september t+1; geslaagd als met het diploma van die opleiding.",
            "1 oktober", "wie een mbo-opleiding verliet in het opbrengstjaar",
            "verlaten met een diploma behaald in die opleiding"),
        new(Indicator.Startersresultaat, "D10", "Startersresultaat",
            "Nieuwe studenten van de instelling (eerste inschrijving daar) geteld op 1 oktober t; geslaagd als met een diploma vertrokken binnen het eerste jaar of op 1 oktober t+1 nog ingeschreven.",
            "1 oktober", "eerste inschrijving bij de instelling (BRIN4), gestart tussen 2 oktober t-1 en 1 oktober t en ingeschreven op 1 oktober t",
            "op 1 oktober t+1 nog bij de instelling ingeschreven, of daar voor die datum een diploma behaald"),
        new(Indicator.DoorstroomVoMbo, "vo→mbo", "Doorstroom vmbo→mbo (direct)",
            "Vmbo-verlaters van 1 oktober t-1 tot en met 30 september t (niet naar het buitenland); doorstroom als op 1 oktober t ingeschreven in het mbo.",
            "1 oktober", "vmbo-verlaters in het jaar tot 1 oktober t",
            "op 1 oktober t ingeschreven in het mbo"),
        new(Indicator.DoorstroomVoMboNaEenJaar, "vo→mbo", "Doorstroom vmbo→mbo, na een jaar nog in het mbo",
            "Dezelfde vmbo-verlaters; geslaagd als op 1 oktober t+1 ingeschreven in het mbo.",
            "1 oktober", "vmbo-verlaters in het jaar tot 1 oktober t",
            "op 1 oktober t+1 ingeschreven in het mbo"),
        new(Indicator.Opstroom, "D11", "Opstroom",
            "Gediplomeerden mbo-2 en mbo-3 in studiejaar t; opstroom als op de eerste 1 oktober na het diploma ingeschreven op een hoger niveau.",
            "1 oktober", "mbo-diploma's niveau 2 en 3 behaald in studiejaar t (1 augustus t – 31 juli t+1)",
            "op de eerste 1 oktober na het diploma ingeschreven in het mbo op een hoger niveau"),
        new(Indicator.Kwalificatiewinst, "D11", "Kwalificatiewinst (passend diploma)",
            "Mbo-diploma's in studiejaar t; passend als het niveau ten minste het verwachte niveau is bij de vooropleiding voor de start van die opleiding (pro 1; geen vmbo-diploma 2; bb of vm2 2; kb 3; gl/tl 4; havo/vwo 4; mbo-1 2; mbo-2 3; mbo-3/4 4).",
            "1 oktober", "mbo-diploma's behaald in studiejaar t",
            "diplomaniveau ≥ verwacht niveau bij de hoogste vooropleiding"),
        new(Indicator.TijdTotStartkwalificatie, "SK", "Tijd tot startkwalificatie",
            "Vmbo-verlaters van 1 oktober t-1 tot en met 30 september t; geslaagd als een startkwalificatie (mbo 2–4, havo, vwo) behaald is voor het einde van de gegevens; waarde = jaren van vmbo-vertrek tot dat diploma.",
            "1 oktober", "vmbo-verlaters in het jaar tot 1 oktober t",
            "een startkwalificatie behaald (waarde: jaren na het vertrek uit het vmbo)"),
    ];

    /// <summary>The definition of one indicator.</summary>
    public static IndicatorDefinition Definition(Indicator indicator) => Definitions[(int)indicator];

    /// <summary>
    /// Every observation one pupil contributes, from the pupil's date-ordered stream: each indicator population the pupil is in,
    /// once per cohort (a pupil enrolled on several 1 Octobers is in several D2 cohorts). Events after
    /// <see cref="MonitorContext.Through"/> are ignored and a measurement whose peildatum lies after it is not made.
    /// Uses a per-thread scratch timeline: no allocation per event.
    /// </summary>
    /// <param name="stream">The pupil's events, in date order.</param>
    /// <param name="birthDate">The pupil's birth date; unknown (null) counts as younger than 22.</param>
    /// <param name="context">The crebo map and the date the data is complete through.</param>
    /// <param name="sink">Where the observations go.</param>
    public static void Observe(ReadOnlySpan<TransitionEvent> stream, DateOnly? birthDate, MonitorContext context, IObservationSink sink)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sink);
        if (stream.IsEmpty) return;
        var t = Timeline.Current;
        t.Build(stream, context.Through);
        if (t.SpellCount == 0) return;
        var m = new Measurer(t, birthDate, context, sink);
        m.NieuweVsv();
        m.Switch();
        m.PerMboSpell();
        m.Jaarresultaat();
        m.Diplomaresultaat();
        m.PerDiploma();
        m.VoMbo();
    }

    private readonly ref struct Measurer(Timeline t, DateOnly? birthDate, MonitorContext context, IObservationSink sink)
    {
        private readonly Leerweg? leerweg = t.VmboLeerweg();
        private readonly DateOnly through = context.Through;

        private static DateOnly October(int year) => new(year, 10, 1);

        /// <summary>The cohort year t of the opbrengstjaar 1 Oct t – 30 Sep t+1 holding the date.</summary>
        private static int OpbrengstJaar(DateOnly d) => d.Month >= 10 ? d.Year : d.Year - 1;

        /// <summary>The school year (1 Aug t – 31 Jul t+1) holding the date.</summary>
        private static int StudieJaar(DateOnly d) => d.Month >= 8 ? d.Year : d.Year - 1;

        private Direction? DirectionOf(int? crebo) =>
            crebo is { } c && context.Crebos.TryGetValue(c, out var info) ? info.Direction : null;

        private string? DomainOf(int? crebo) =>
            crebo is { } c && context.Crebos.TryGetValue(c, out var info) ? info.Domain : null;

        private void Emit(Indicator indicator, int spell, int cohort, DateOnly on, bool hit, double value = 0)
        {
            Cell cell;
            if (spell < 0)
                cell = new Cell(null, cohort, null, null, leerweg, null, null);
            else
            {
                ref var s = ref t.Spells[spell];
                cell = s.Mbo
                    ? new Cell(t.RouteOf(spell), cohort, t.VoBefore(s.Start), s.Brin4, leerweg, DirectionOf(t.CreboOn(spell, on)), t.NiveauOn(spell, on))
                    : new Cell(t.RouteOf(spell), cohort, s.Institution, null, leerweg, null, null);
            }
            sink.Add(new Observation(indicator, cell, hit, value));
        }

        /// <summary>D2, once per 1 October t enrolled: see <see cref="Indicator.NieuweVsv"/>.</summary>
        public void NieuweVsv()
        {
            var first = DateOnly.MaxValue;
            var last = DateOnly.MinValue;
            for (var i = 0; i < t.SpellCount; i++)
            {
                if (t.Spells[i].Start < first) first = t.Spells[i].Start;
                if (t.Spells[i].End > last) last = t.Spells[i].End;
            }
            var from = first.Month >= 10 && !(first.Month == 10 && first.Day == 1) ? first.Year + 1 : first.Year;
            for (var year = from; October(year) <= last && October(year + 1) <= through; year++)
            {
                var peil = October(year);
                var spell = t.SpellOn(peil);
                if (spell < 0 || t.Spells[spell].Pro) continue;
                if (birthDate is { } b && b.AddYears(22) <= peil) continue;
                var next = October(year + 1);
                var hit = !t.EnrolledOn(next) && t.Startkwalificatie > next;
                if (hit && LeftAbroad(peil, next)) continue;
                Emit(Indicator.NieuweVsv, spell, year, peil, hit);
            }
        }

        /// <summary>True when the last enrolment to end in [from, before) ended with the pupil moving abroad.</summary>
        private bool LeftAbroad(DateOnly from, DateOnly before)
        {
            var end = DateOnly.MinValue;
            var abroad = false;
            for (var i = 0; i < t.SpellCount; i++)
            {
                ref var s = ref t.Spells[i];
                if (s.End >= from && s.End < before && s.End >= end)
                {
                    end = s.End;
                    abroad = s.Reason == Uitschrijfreden.Buitenland;
                }
            }
            return abroad;
        }

        /// <summary>D6 for the pupil's first mbo enrolment: see <see cref="Indicator.Switch"/>.</summary>
        public void Switch()
        {
            var entry = t.FirstMbo();
            if (entry < 0) return;
            ref var e = ref t.Spells[entry];
            if (e.Leerweg != Leerweg.Bol || e.Niveau is not >= 2) return;
            var yearEnd = e.Start.AddYears(1);
            if (yearEnd > through || !DirectFromVo(e.Start)) return;
            var domain = DomainOf(e.Crebo);
            var niveau = e.Niveau;
            var switched = false;
            for (var i = 0; i < t.SwitchCount && !switched; i++)
            {
                ref var w = ref t.Switches[i];
                if (w.Spell == entry && w.Date < yearEnd) switched = IsSwitch(domain, niveau, w.ToCrebo, w.ToNiveau);
            }
            for (var i = 0; i < t.SpellCount && !switched; i++)
            {
                ref var s = ref t.Spells[i];
                if (i != entry && s.Mbo && s.Start > e.Start && s.Start < yearEnd) switched = IsSwitch(domain, niveau, s.Crebo, s.Niveau);
            }
            Emit(Indicator.Switch, entry, StudieJaar(e.Start), e.Start, switched);
        }

        /// <summary>A change of domain (an unknown domain is no change), or from niveau 2 any change of niveau (D6).</summary>
        private bool IsSwitch(string? fromDomain, int? fromNiveau, int? toCrebo, int? toNiveau)
        {
            if (fromNiveau == 2 && toNiveau is { } n && n != 2) return true;
            var to = DomainOf(toCrebo);
            return fromDomain is not null && to is not null && !string.Equals(fromDomain, to, StringComparison.Ordinal);
        }

        /// <summary>True when a vo enrolment ended in the 62 days before the date.</summary>
        private bool DirectFromVo(DateOnly entry)
        {
            var from = entry.AddDays(-62);
            for (var i = 0; i < t.SpellCount; i++)
            {
                ref var s = ref t.Spells[i];
                if (!s.Mbo && s.End < entry && s.End >= from) return true;
            }
            return false;
        }

        /// <summary>
        /// The first 1 October a spell is enrolled on, when the spell started in the year before it (2 Oct t-1 … 1 Oct t);
        /// null when the spell ends before its first 1 October.
        /// </summary>
        private DateOnly? FirstOctober(int spell)
        {
            ref var s = ref t.Spells[spell];
            var year = s.Start.Month < 10 || (s.Start.Month == 10 && s.Start.Day == 1) ? s.Start.Year : s.Start.Year + 1;
            var peil = October(year);
            return s.End >= peil ? peil : null;
        }

        /// <summary>D7 and D10, per mbo spell: see <see cref="Indicator.DiplomaNominaal"/> and <see cref="Indicator.Startersresultaat"/>.</summary>
        public void PerMboSpell()
        {
            for (var i = 0; i < t.SpellCount; i++)
            {
                ref var s = ref t.Spells[i];
                if (!s.Mbo || s.Brin4 is null || FirstOctober(i) is not { } peil) continue;
                var cohort = peil.Year;
                if (s.Niveau is { } entryNiveau)
                {
                    var deadline = October(cohort + Math.Min(Math.Max(entryNiveau, 1), 4));
                    if (deadline <= through)
                        Emit(Indicator.DiplomaNominaal, i, cohort, s.Start, t.MboDiplomaAt(s.Brin4, s.Start, deadline, entryNiveau));
                }
                var next = October(cohort + 1);
                if (next <= through && !t.WasAtBefore(s.Brin4, s.Start, i))
                {
                    var hit = t.SpellOn(next, mboOnly: true, s.Brin4) >= 0 || t.MboDiplomaAt(s.Brin4, s.Start, next);
                    Emit(Indicator.Startersresultaat, i, cohort, s.Start, hit);
                }
            }
        }

        /// <summary>D8, once per 1 October t enrolled in mbo at niveau 2–4: see <see cref="Indicator.Jaarresultaat"/>.</summary>
        public void Jaarresultaat()
        {
            for (var i = 0; i < t.SpellCount; i++)
            {
                ref var s = ref t.Spells[i];
                if (!s.Mbo || s.Brin4 is null) continue;
                var from = s.Start.Month < 10 || (s.Start.Month == 10 && s.Start.Day == 1) ? s.Start.Year : s.Start.Year + 1;
                for (var year = from; October(year) <= s.End && October(year + 1) <= through; year++)
                {
                    var peil = October(year);
                    // One observation per institution and 1 October: the spell that stands for the pupil there.
                    if (t.SpellOn(peil, mboOnly: true, s.Brin4) != i) continue;
                    if (t.NiveauOn(i, peil) is not (>= 2 and <= 4)) continue;
                    var next = October(year + 1);
                    var diploma = t.MboDiplomaAt(s.Brin4, peil, next);
                    var stays = t.SpellOn(next, mboOnly: true, s.Brin4) >= 0;
                    if (!diploma && stays) continue;
                    Emit(Indicator.Jaarresultaat, i, year, peil, diploma);
                }
            }
        }

        /// <summary>D9, per programme left (uitschrijving or switch): see <see cref="Indicator.Diplomaresultaat"/>.</summary>
        public void Diplomaresultaat()
        {
            for (var i = 0; i < t.SpellCount; i++)
            {
                ref var s = ref t.Spells[i];
                if (!s.Mbo) continue;
                var segmentStart = s.Start;
                for (var w = 0; w < t.SwitchCount; w++)
                {
                    if (t.Switches[w].Spell != i) continue;
                    var left = t.Switches[w].Date;
                    LeftProgramme(i, segmentStart, left);
                    segmentStart = left;
                }
                if (s.End != DateOnly.MaxValue) LeftProgramme(i, segmentStart, s.End);
            }
        }

        private void LeftProgramme(int spell, DateOnly start, DateOnly left)
        {
            var cohort = OpbrengstJaar(left);
            if (October(cohort + 1) > through) return;
            var hit = false;
            for (var d = 0; d < t.DiplomaCount && !hit; d++)
            {
                ref var g = ref t.Diplomas[d];
                hit = g.Spell == spell && g.Type == Timeline.DiplomaType.Mbo && g.Date >= start && g.Date <= left;
            }
            // The programme left is the one followed the day before leaving (a switch on day d leaves the old one).
            Emit(Indicator.Diplomaresultaat, spell, cohort, left.AddDays(-1) >= start ? left.AddDays(-1) : start, hit);
        }

        /// <summary>D11 opstroom and kwalificatiewinst, per mbo diploma.</summary>
        public void PerDiploma()
        {
            for (var d = 0; d < t.DiplomaCount; d++)
            {
                ref var g = ref t.Diplomas[d];
                if (g.Type != Timeline.DiplomaType.Mbo || g.Spell < 0) continue;
                var cohort = StudieJaar(g.Date);
                if (g.Niveau is 2 or 3)
                {
                    var peil = October(g.Date < October(g.Date.Year) ? g.Date.Year : g.Date.Year + 1);
                    if (peil <= through)
                    {
                        var next = t.SpellOn(peil, mboOnly: true);
                        var hit = next >= 0 && t.NiveauOn(next, peil) > g.Niveau;
                        Emit(Indicator.Opstroom, g.Spell, cohort, g.Date, hit);
                    }
                }
                if (October(cohort + 1) <= through)
                    Emit(Indicator.Kwalificatiewinst, g.Spell, cohort, g.Date, g.Niveau >= Expected(t.Spells[g.Spell].Start));
            }
        }

        /// <summary>The niveau expected from the prior education before the date (D11 passend diploma).</summary>
        private int Expected(DateOnly before)
        {
            var expected = 0;
            var pro = false;
            for (var d = 0; d < t.DiplomaCount; d++)
            {
                ref var g = ref t.Diplomas[d];
                if (g.Date >= before) continue;
                var e = g.Type switch
                {
                    Timeline.DiplomaType.Pro => 1,
                    Timeline.DiplomaType.HavoVwo => 4,
                    Timeline.DiplomaType.Mbo => Math.Min(g.Niveau + 1, 4),
                    _ when g.Spell >= 0 && string.Equals(t.Spells[g.Spell].Route, Timeline.Vm2Route, StringComparison.Ordinal) => 2,
                    _ => g.Leerweg switch { Leerweg.Bb => 2, Leerweg.Kb => 3, _ => 4 },
                };
                if (e > expected) expected = e;
            }
            if (expected > 0) return expected;
            var vmbo = false;
            for (var i = 0; i < t.SpellCount; i++)
            {
                ref var s = ref t.Spells[i];
                if (s.Start >= before || s.Mbo) continue;
                if (s.Pro) pro = true;
                else vmbo = true;
            }
            return pro && !vmbo ? 1 : 2;
        }

        /// <summary>Doorstroom vo→mbo (direct, after a year) and time to SK for the pupil's vmbo leaving.</summary>
        public void VoMbo()
        {
            var left = t.VmboLeaving();
            if (left < 0) return;
            ref var v = ref t.Spells[left];
            if (v.Reason == Uitschrijfreden.Buitenland) return;
            var leaveDate = v.End;
            var cohort = OpbrengstJaar(leaveDate) + 1;
            var peil = October(cohort);
            if (peil > through) return;
            var mbo = t.SpellOn(peil, mboOnly: true);
            EmitVo(Indicator.DoorstroomVoMbo, left, mbo, cohort, peil, mbo >= 0);
            var next = October(cohort + 1);
            if (next <= through)
            {
                var later = t.SpellOn(next, mboOnly: true);
                EmitVo(Indicator.DoorstroomVoMboNaEenJaar, left, later, cohort, next, later >= 0);
            }
            var sk = t.Startkwalificatie;
            var firstMbo = -1;
            for (var i = 0; i < t.SpellCount; i++)
            {
                ref var s = ref t.Spells[i];
                if (s.Mbo && s.Start > leaveDate && (firstMbo < 0 || s.Start < t.Spells[firstMbo].Start)) firstMbo = i;
            }
            var reached = sk != DateOnly.MaxValue;
            var years = reached ? Math.Max(0, sk.DayNumber - leaveDate.DayNumber) / DaysPerYear : 0;
            EmitVo(Indicator.TijdTotStartkwalificatie, left, firstMbo, cohort, firstMbo >= 0 ? t.Spells[firstMbo].Start : peil, reached, years);
        }

        /// <summary>An observation of a vmbo leaver: the vmbo spell's route and vestiging, the mbo spell's institution, niveau and sector.</summary>
        private void EmitVo(Indicator indicator, int vmbo, int mbo, int cohort, DateOnly on, bool hit, double value = 0)
        {
            ref var v = ref t.Spells[vmbo];
            var cell = mbo < 0
                ? new Cell(v.Route, cohort, v.Institution, null, leerweg, null, null)
                : new Cell(v.Route ?? t.RouteOf(mbo), cohort, v.Institution, t.Spells[mbo].Brin4, leerweg, DirectionOf(t.CreboOn(mbo, on)), t.NiveauOn(mbo, on));
            sink.Add(new Observation(indicator, cell, hit, value));
        }
    }
}
