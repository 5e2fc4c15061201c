namespace Doorstroom.Domain;

/// <summary>
/// The monitor's indicators (rulebook §9, design §5) computed from one pupil's event stream. See each <see cref="Indicator"/>
/// for the exact definition implemented; the catalogue's <c>indicators.json</c> says the same in words for a table's heading
/// (<see cref="RouteCatalogue.IndicatorDefinitions"/>).
/// </summary>
public static class Indicators
{
    private const double DaysPerYear = 365.25;

    /// <summary>
    /// Every observation one pupil contributes, from the pupil's date-ordered stream: each indicator population the pupil is in,
    /// once per cohort (a pupil enrolled on several 1 Octobers is in several D2 cohorts). Events after
    /// <see cref="MonitorContext.Through"/> are ignored and a measurement whose peildatum lies after it is not made.
    /// Uses the thread's spare timeline (see <see cref="Timeline"/> for why that is safe): no allocation per pupil or event.
    /// </summary>
    /// <param name="stream">The pupil's events, in date order.</param>
    /// <param name="birthDate">The pupil's birth date; unknown (null) counts as younger than 22.</param>
    /// <param name="context">The crebo map and the date the data is complete through.</param>
    /// <param name="sink">Where the observations go.</param>
    public static void Observe(ReadOnlySpan<TransitionEvent> stream, DateOnly? birthDate, MonitorContext context, IObservationSink sink) =>
        ObserveDue(stream, birthDate, context, sink);

    /// <summary>
    /// <see cref="Observe"/>, and the pupil's due date: the earliest date after <see cref="MonitorContext.Through"/> on which the
    /// pupil's observations could change with no new event (a peildatum a measurement waits for, or an event ignored for lying
    /// after it); <see cref="DateOnly.MaxValue"/> when none. Every way <c>Through</c> enters a measurement is one comparison of a
    /// date with it (<c>Reached</c>), and a comparison that fails names its date as due: for every later <c>Through</c> before
    /// the due date every comparison comes out as before, so the observations are the same. An incremental monitor re-observes
    /// a pupil without new events only when <c>Through</c> reaches the pupil's due date.
    /// </summary>
    public static DateOnly ObserveDue(ReadOnlySpan<TransitionEvent> stream, DateOnly? birthDate, MonitorContext context, IObservationSink sink)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sink);
        if (stream.IsEmpty)
            return DateOnly.MaxValue;
        var t = Timeline.Rent();
        try
        {
            t.Build(stream, context.Through);
            if (t.SpellCount == 0)
                return t.Due;
            var m = new Measurer(t, birthDate, context, sink);
            m.NieuweVsv();
            m.Switch();
            m.PerMboSpell();
            m.Jaarresultaat();
            m.Diplomaresultaat();
            m.PerDiploma();
            m.VoMbo();
            return t.Due;
        }
        finally
        {
            Timeline.Return(t);
        }
    }

    private readonly ref struct Measurer(Timeline t, DateOnly? birthDate, MonitorContext context, IObservationSink sink)
    {
        private readonly Leerweg? leerweg = t.VmboLeerweg();
        private readonly DateOnly through = context.Through;

        /// <summary>True when the data reaches the date (date ≤ Through); else false, and the date is the pupil's due date if it is the earliest yet.</summary>
        private bool Reached(DateOnly date)
        {
            if (date <= through)
                return true;
            if (date < t.Due)
                t.Due = date;
            return false;
        }

        private static DateOnly October(int year) => new(year, 10, 1);

        /// <summary>The cohort year t of the opbrengstjaar 1 Oct t – 30 Sep t+1 holding the date.</summary>
        private static int OpbrengstJaar(DateOnly d) => d.Month >= 10 ? d.Year : d.Year - 1;

        /// <summary>The school year (1 Aug t – 31 Jul t+1) holding the date.</summary>
        private static int StudieJaar(DateOnly d) => d.Month >= 8 ? d.Year : d.Year - 1;

        private Direction? DirectionOf(int? crebo) => crebo is { } c && context.Crebos.TryGetValue(c, out var info) ? info.Direction : null;

        private string? DomainOf(int? crebo) => crebo is { } c && context.Crebos.TryGetValue(c, out var info) ? info.Domain : null;

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
                if (t.Spells[i].Start < first)
                    first = t.Spells[i].Start;
                if (t.Spells[i].End > last)
                    last = t.Spells[i].End;
            }
            var from = first.Month >= 10 && !(first.Month == 10 && first.Day == 1) ? first.Year + 1 : first.Year;
            for (var year = from; October(year) <= last && Reached(October(year + 1)); year++)
            {
                var peil = October(year);
                var spell = t.SpellOn(peil);
                if (spell < 0 || t.Spells[spell].Pro)
                    continue;
                if (birthDate is { } b && b.AddYears(22) <= peil)
                    continue;
                var next = October(year + 1);
                var hit = !t.EnrolledOn(next) && t.Startkwalificatie > next;
                if (hit && LeftAbroad(peil, next))
                    continue;
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
            if (entry < 0)
                return;
            ref var e = ref t.Spells[entry];
            if (e.Leerweg != Leerweg.Bol || e.Niveau is not >= 2)
                return;
            var yearEnd = e.Start.AddYears(1);
            if (!Reached(yearEnd) || !DirectFromVo(e.Start))
                return;
            var domain = DomainOf(e.Crebo);
            var niveau = e.Niveau;
            var switched = false;
            for (var i = 0; i < t.SwitchCount && !switched; i++)
            {
                ref var w = ref t.Switches[i];
                if (w.Spell == entry && w.Date < yearEnd)
                    switched = IsSwitch(domain, niveau, w.ToCrebo, w.ToNiveau);
            }
            for (var i = 0; i < t.SpellCount && !switched; i++)
            {
                ref var s = ref t.Spells[i];
                if (i != entry && s.Mbo && s.Start > e.Start && s.Start < yearEnd)
                    switched = IsSwitch(domain, niveau, s.Crebo, s.Niveau);
            }
            Emit(Indicator.Switch, entry, StudieJaar(e.Start), e.Start, switched);
        }

        /// <summary>A change of domain (an unknown domain is no change), or from niveau 2 any change of niveau (D6).</summary>
        private bool IsSwitch(string? fromDomain, int? fromNiveau, int? toCrebo, int? toNiveau)
        {
            if (fromNiveau == 2 && toNiveau is { } n && n != 2)
                return true;
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
                if (!s.Mbo && s.End < entry && s.End >= from)
                    return true;
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
                if (!s.Mbo || s.Brin4 is null || FirstOctober(i) is not { } peil)
                    continue;
                var cohort = peil.Year;
                if (s.Niveau is { } entryNiveau)
                {
                    var deadline = October(cohort + Math.Min(Math.Max(entryNiveau, 1), 4));
                    if (Reached(deadline))
                        Emit(Indicator.DiplomaNominaal, i, cohort, s.Start, t.MboDiplomaAt(s.Brin4, s.Start, deadline, entryNiveau));
                }
                var next = October(cohort + 1);
                if (Reached(next) && !t.WasAtBefore(s.Brin4, s.Start, i))
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
                if (!s.Mbo || s.Brin4 is null)
                    continue;
                var from = s.Start.Month < 10 || (s.Start.Month == 10 && s.Start.Day == 1) ? s.Start.Year : s.Start.Year + 1;
                for (var year = from; October(year) <= s.End && Reached(October(year + 1)); year++)
                {
                    var peil = October(year);
                    // One observation per institution and 1 October: the spell that stands for the pupil there.
                    if (t.SpellOn(peil, mboOnly: true, s.Brin4) != i)
                        continue;
                    if (t.NiveauOn(i, peil) is not (>= 2 and <= 4))
                        continue;
                    var next = October(year + 1);
                    var diploma = t.MboDiplomaAt(s.Brin4, peil, next);
                    var stays = t.SpellOn(next, mboOnly: true, s.Brin4) >= 0;
                    if (!diploma && stays)
                        continue;
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
                if (!s.Mbo)
                    continue;
                var segmentStart = s.Start;
                for (var w = 0; w < t.SwitchCount; w++)
                {
                    if (t.Switches[w].Spell != i)
                        continue;
                    var left = t.Switches[w].Date;
                    LeftProgramme(i, segmentStart, left);
                    segmentStart = left;
                }
                if (s.End != DateOnly.MaxValue)
                    LeftProgramme(i, segmentStart, s.End);
            }
        }

        private void LeftProgramme(int spell, DateOnly start, DateOnly left)
        {
            var cohort = OpbrengstJaar(left);
            if (!Reached(October(cohort + 1)))
                return;
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
                if (g.Type != Timeline.DiplomaType.Mbo || g.Spell < 0)
                    continue;
                var cohort = StudieJaar(g.Date);
                if (g.Niveau is 2 or 3)
                {
                    var peil = October(g.Date < October(g.Date.Year) ? g.Date.Year : g.Date.Year + 1);
                    if (Reached(peil))
                    {
                        var next = t.SpellOn(peil, mboOnly: true);
                        var hit = next >= 0 && t.NiveauOn(next, peil) > g.Niveau;
                        Emit(Indicator.Opstroom, g.Spell, cohort, g.Date, hit);
                    }
                }
                if (Reached(October(cohort + 1)))
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
                if (g.Date >= before)
                    continue;
                var e = g.Type switch
                {
                    Timeline.DiplomaType.Pro => 1,
                    Timeline.DiplomaType.HavoVwo => 4,
                    Timeline.DiplomaType.Mbo => Math.Min(g.Niveau + 1, 4),
                    _ when g.Spell >= 0 && string.Equals(t.Spells[g.Spell].Route, Timeline.Vm2Route, StringComparison.Ordinal) => 2,
                    _ => g.Leerweg switch
                    {
                        Leerweg.Bb => 2,
                        Leerweg.Kb => 3,
                        _ => 4,
                    },
                };
                if (e > expected)
                    expected = e;
            }
            if (expected > 0)
                return expected;
            var vmbo = false;
            for (var i = 0; i < t.SpellCount; i++)
            {
                ref var s = ref t.Spells[i];
                if (s.Start >= before || s.Mbo)
                    continue;
                if (s.Pro)
                    pro = true;
                else
                    vmbo = true;
            }
            return pro && !vmbo ? 1 : 2;
        }

        /// <summary>Doorstroom vo→mbo (direct, after a year) and time to SK for the pupil's vmbo leaving.</summary>
        public void VoMbo()
        {
            var left = t.VmboLeaving();
            if (left < 0)
                return;
            ref var v = ref t.Spells[left];
            if (v.Reason == Uitschrijfreden.Buitenland)
                return;
            var leaveDate = v.End;
            var cohort = OpbrengstJaar(leaveDate) + 1;
            var peil = October(cohort);
            if (!Reached(peil))
                return;
            var mbo = t.SpellOn(peil, mboOnly: true);
            EmitVo(Indicator.DoorstroomVoMbo, left, mbo, cohort, peil, mbo >= 0);
            var next = October(cohort + 1);
            if (Reached(next))
            {
                var later = t.SpellOn(next, mboOnly: true);
                EmitVo(Indicator.DoorstroomVoMboNaEenJaar, left, later, cohort, next, later >= 0);
            }
            var sk = t.Startkwalificatie;
            var firstMbo = -1;
            for (var i = 0; i < t.SpellCount; i++)
            {
                ref var s = ref t.Spells[i];
                if (s.Mbo && s.Start > leaveDate && (firstMbo < 0 || s.Start < t.Spells[firstMbo].Start))
                    firstMbo = i;
            }
            var reached = sk != DateOnly.MaxValue;
            var years = reached ? Math.Max(0, sk.DayNumber - leaveDate.DayNumber) / DaysPerYear : 0;
            EmitVo(Indicator.TijdTotStartkwalificatie, left, firstMbo, cohort, firstMbo >= 0 ? t.Spells[firstMbo].Start : peil, reached, years);
        }

        /// <summary>An observation of a vmbo leaver: the vmbo spell's route and vestiging, the mbo spell's institution, niveau and sector.</summary>
        private void EmitVo(Indicator indicator, int vmbo, int mbo, int cohort, DateOnly on, bool hit, double value = 0)
        {
            ref var v = ref t.Spells[vmbo];
            var cell =
                mbo < 0
                    ? new Cell(v.Route, cohort, v.Institution, null, leerweg, null, null)
                    : new Cell(
                        v.Route ?? t.RouteOf(mbo),
                        cohort,
                        v.Institution,
                        t.Spells[mbo].Brin4,
                        leerweg,
                        DirectionOf(t.CreboOn(mbo, on)),
                        t.NiveauOn(mbo, on)
                    );
            sink.Add(new Observation(indicator, cell, hit, value));
        }
    }
}
