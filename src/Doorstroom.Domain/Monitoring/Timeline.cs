namespace Doorstroom.Domain;

/// <summary>
/// One pupil's stream reduced to what the indicators read: enrolment spells per institution, switches, diplomas, and the
/// startkwalificatie date. Built once per pupil into reused arrays (the hot path of <see cref="Indicators.Observe"/>), so a
/// pupil costs no allocation beyond the occasional growth of a buffer.
/// </summary>
/// <remarks>
/// Conventions: an <see cref="EventKind.Uitgeschreven"/> date is the last day enrolled (the simulator and the importers
/// write 31 July and the next enrolment on 1 August), so a pupil is enrolled on <c>d</c> when <c>Start ≤ d ≤ End</c>. An
/// event is mbo when it carries an mbo leerweg (bol/bbl) or a niveau; every other enrolment is vo. A vo enrolment with the
/// route <c>praktijkonderwijs</c> is praktijkonderwijs; one without a vmbo leerweg is havo/vwo (its diploma is a
/// startkwalificatie, L3).
/// </remarks>
internal sealed class Timeline
{
    internal const string PraktijkonderwijsRoute = "praktijkonderwijs";
    internal const string Vm2Route = "vm2";

    internal struct Spell
    {
        public string Institution;
        public string? Brin4;
        public DateOnly Start;
        public DateOnly End;
        public bool Mbo;
        public bool Pro;
        public Leerweg? Leerweg;
        public int? Niveau;
        public int? Crebo;
        public string? Route;
        public Uitschrijfreden? Reason;
    }

    internal struct Switch
    {
        public int Spell;
        public DateOnly Date;
        public int? FromNiveau;
        public int? FromCrebo;
        public int? ToNiveau;
        public int? ToCrebo;
    }

    internal enum DiplomaType
    {
        Vmbo,
        HavoVwo,
        Pro,
        Mbo,
    }

    internal struct Diploma
    {
        public int Spell;
        public DateOnly Date;
        public DiplomaType Type;
        public Leerweg? Leerweg;
        public int Niveau;
        public int? Crebo;
        public string Institution;
        public string? Brin4;
    }

    /// <summary>
    /// The thread's spare timeline, or null while an <see cref="Indicators.Observe"/> on this thread holds it. Kept so that the
    /// monitor's hot path (millions of pupils) allocates no timeline per pupil. Why this hidden mutable state is safe:
    /// <list type="bullet">
    /// <item><b>Threads.</b> <c>[ThreadStatic]</c>: each thread has its own field, and a timeline leaves it only through
    /// <see cref="Rent"/> and comes back through <see cref="Return"/> on the same thread, so no timeline is ever reachable from
    /// two threads.</item>
    /// <item><b>Async.</b> <see cref="Indicators.Observe"/> is synchronous and cannot await: it takes a span and measures
    /// through a ref struct, neither of which may live across an await, so it cannot resume on another thread between
    /// <see cref="Rent"/> and <see cref="Return"/>.</item>
    /// <item><b>Reentrancy.</b> While a call holds the timeline the field is null, so a call started from inside it (a sink
    /// whose <c>Add</c> observes another pupil) rents a fresh timeline and never rebuilds the one being measured.</item>
    /// <item><b>Every use starts clean.</b> <see cref="Build"/> resets the counts and <see cref="Startkwalificatie"/> before
    /// it reads the stream, and every reader looks only below the counts; the <c>brin4</c> memo maps a BRIN6 to its first four
    /// characters, a pure function, so what an earlier pupil left in it is right for every later one. A call that throws
    /// still returns the timeline (a <c>finally</c>), and the next <see cref="Build"/> resets it.</item>
    /// </list>
    /// Domain.Tests' <c>TimelineScratchTests</c> observe many pupils on many threads and from inside a sink, and compare with
    /// one thread.
    /// </summary>
    [ThreadStatic]
    private static Timeline? spare;

    // Across pupils on one thread: BRIN6 → BRIN4, bounded by the number of mbo locations.
    private readonly Dictionary<string, string> brin4 = new(StringComparer.Ordinal);

    public Spell[] Spells = new Spell[8];
    public int SpellCount;
    public Switch[] Switches = new Switch[4];
    public int SwitchCount;
    public Diploma[] Diplomas = new Diploma[4];
    public int DiplomaCount;

    /// <summary>The first date the pupil holds a startkwalificatie (mbo ≥ 2, havo, vwo); MaxValue when never.</summary>
    public DateOnly Startkwalificatie;

    /// <summary>
    /// The earliest date after the build's <c>through</c> on which this pupil's observations could change without a new event:
    /// the first event ignored for lying after it, or the first peildatum a measurement waited for (<see cref="Indicators.ObserveDue"/>);
    /// MaxValue when none.
    /// </summary>
    public DateOnly Due;

    /// <summary>The thread's spare timeline (a new one when it is held by a call further up): give it back with <see cref="Return"/>.</summary>
    public static Timeline Rent()
    {
        var t = spare ?? new Timeline();
        spare = null;
        return t;
    }

    /// <summary>Gives a timeline from <see cref="Rent"/> back as the thread's spare.</summary>
    public static void Return(Timeline timeline) => spare = timeline;

    /// <summary>Rebuilds the timeline from a date-ordered stream, ignoring events after <paramref name="through"/>.</summary>
    public void Build(ReadOnlySpan<TransitionEvent> stream, DateOnly through)
    {
        SpellCount = 0;
        SwitchCount = 0;
        DiplomaCount = 0;
        Startkwalificatie = DateOnly.MaxValue;
        Due = DateOnly.MaxValue;
        foreach (var e in stream)
        {
            if (e.Date > through)
            {
                Due = e.Date;
                break;
            }
            if (e.Institution is not { } institution)
                continue;
            switch (e.Kind)
            {
                case EventKind.Ingeschreven:
                {
                    var open = OpenAt(institution);
                    if (open >= 0)
                        Spells[open].End = e.Date.AddDays(-1);
                    Open(e, institution);
                    break;
                }
                case EventKind.Uitgeschreven:
                {
                    var open = OpenAt(institution);
                    if (open < 0)
                        break;
                    Spells[open].End = e.Date;
                    Spells[open].Reason = Enum.TryParse<Uitschrijfreden>(e.Detail, ignoreCase: true, out var reason) ? reason : Uitschrijfreden.Onbekend;
                    break;
                }
                case EventKind.Geswitcht:
                {
                    var open = OpenAt(institution);
                    if (open < 0)
                        break;
                    ref var s = ref Spells[open];
                    if (SwitchCount == Switches.Length)
                        Array.Resize(ref Switches, Switches.Length * 2);
                    Switches[SwitchCount++] = new Switch
                    {
                        Spell = open,
                        Date = e.Date,
                        FromNiveau = s.Niveau,
                        FromCrebo = s.Crebo,
                        ToNiveau = e.Niveau ?? s.Niveau,
                        ToCrebo = e.Crebo ?? s.Crebo,
                    };
                    // The spell keeps its entry niveau/crebo; NiveauOn and CreboOn apply the switches.
                    if (e.Leerweg is { } lw)
                        s.Leerweg = lw;
                    break;
                }
                case EventKind.Bevorderd or EventKind.Gedoubleerd:
                {
                    var open = OpenAt(institution);
                    if (open >= 0 && e.Leerweg is { } lw)
                        Spells[open].Leerweg = lw;
                    break;
                }
                case EventKind.DiplomaBehaald:
                    AddDiploma(e, institution);
                    break;
                default:
                    break;
            }
        }
    }

    private void Open(TransitionEvent e, string institution)
    {
        if (SpellCount == Spells.Length)
            Array.Resize(ref Spells, Spells.Length * 2);
        var mbo = IsMbo(e);
        Spells[SpellCount++] = new Spell
        {
            Institution = institution,
            Brin4 = mbo ? Brin4(institution) : null,
            Start = e.Date,
            End = DateOnly.MaxValue,
            Mbo = mbo,
            Pro = !mbo && string.Equals(e.Route, PraktijkonderwijsRoute, StringComparison.Ordinal),
            Leerweg = e.Leerweg,
            Niveau = e.Niveau,
            Crebo = e.Crebo,
            Route = e.Route,
        };
    }

    private void AddDiploma(TransitionEvent e, string institution)
    {
        // The spell the diploma closes: open at the institution, else the latest there.
        var spell = OpenAt(institution);
        if (spell < 0)
        {
            for (var i = SpellCount - 1; i >= 0; i--)
            {
                if (string.Equals(Spells[i].Institution, institution, StringComparison.Ordinal))
                {
                    spell = i;
                    break;
                }
            }
        }
        var mbo = IsMbo(e) || (spell >= 0 && Spells[spell].Mbo);
        DiplomaType type;
        var niveau = 0;
        if (mbo)
        {
            type = DiplomaType.Mbo;
            niveau = e.Niveau ?? (spell >= 0 ? NiveauOn(spell, e.Date) : null) ?? 0;
        }
        else if (spell >= 0 && Spells[spell].Pro)
            type = DiplomaType.Pro;
        else if ((e.Leerweg ?? (spell >= 0 ? Spells[spell].Leerweg : null)) is { } lw && lw.IsVmboLeerweg())
            type = DiplomaType.Vmbo;
        else
            type = DiplomaType.HavoVwo;
        if (DiplomaCount == Diplomas.Length)
            Array.Resize(ref Diplomas, Diplomas.Length * 2);
        Diplomas[DiplomaCount++] = new Diploma
        {
            Spell = spell,
            Date = e.Date,
            Type = type,
            Leerweg = e.Leerweg ?? (spell >= 0 ? Spells[spell].Leerweg : null),
            Niveau = niveau,
            Crebo = e.Crebo ?? (spell >= 0 && mbo ? CreboOn(spell, e.Date) : null),
            Institution = institution,
            Brin4 = mbo ? Brin4(institution) : null,
        };
        var sk = type == DiplomaType.HavoVwo || (type == DiplomaType.Mbo && niveau >= 2);
        if (sk && e.Date < Startkwalificatie)
            Startkwalificatie = e.Date;
    }

    /// <summary>True for an mbo event: an mbo leerweg (bol/bbl) or a niveau.</summary>
    public static bool IsMbo(TransitionEvent e) => e.Leerweg is Leerweg.Bol or Leerweg.Bbl || e.Niveau is not null;

    private string Brin4(string brin6)
    {
        if (brin6.Length <= 4)
            return brin6;
        if (!brin4.TryGetValue(brin6, out var b))
        {
            b = brin6[..4];
            brin4[brin6] = b;
        }
        return b;
    }

    private int OpenAt(string institution)
    {
        for (var i = SpellCount - 1; i >= 0; i--)
        {
            if (Spells[i].End == DateOnly.MaxValue && string.Equals(Spells[i].Institution, institution, StringComparison.Ordinal))
                return i;
        }
        return -1;
    }

    /// <summary>True when the spell covers the date (Start ≤ d ≤ End).</summary>
    public bool Covers(int spell, DateOnly d) => Spells[spell].Start <= d && d <= Spells[spell].End;

    /// <summary>True when the pupil is enrolled anywhere (vo or mbo) on the date.</summary>
    public bool EnrolledOn(DateOnly d)
    {
        for (var i = 0; i < SpellCount; i++)
        {
            if (Covers(i, d))
                return true;
        }
        return false;
    }

    /// <summary>
    /// The spell that stands for the pupil on the date: an mbo spell before a vo one, then the latest start; -1 when not enrolled.
    /// With <paramref name="mboOnly"/> only mbo spells, with <paramref name="brin4"/> only those of that institution.
    /// </summary>
    public int SpellOn(DateOnly d, bool mboOnly = false, string? brin4 = null)
    {
        var best = -1;
        for (var i = 0; i < SpellCount; i++)
        {
            ref var s = ref Spells[i];
            if (!Covers(i, d) || (mboOnly && !s.Mbo))
                continue;
            if (brin4 is not null && !string.Equals(s.Brin4, brin4, StringComparison.Ordinal))
                continue;
            if (best < 0 || (s.Mbo && !Spells[best].Mbo) || (s.Mbo == Spells[best].Mbo && s.Start >= Spells[best].Start))
                best = i;
        }
        return best;
    }

    /// <summary>The spell's niveau on the date, after the switches up to it.</summary>
    public int? NiveauOn(int spell, DateOnly d)
    {
        var n = Spells[spell].Niveau;
        for (var i = 0; i < SwitchCount; i++)
        {
            if (Switches[i].Spell == spell && Switches[i].Date <= d)
                n = Switches[i].ToNiveau;
        }
        return n;
    }

    /// <summary>The spell's crebo on the date, after the switches up to it.</summary>
    public int? CreboOn(int spell, DateOnly d)
    {
        var c = Spells[spell].Crebo;
        for (var i = 0; i < SwitchCount; i++)
        {
            if (Switches[i].Spell == spell && Switches[i].Date <= d)
                c = Switches[i].ToCrebo;
        }
        return c;
    }

    /// <summary>True when the pupil had a spell at the mbo institution (BRIN4) that started before the date.</summary>
    public bool WasAtBefore(string brin4, DateOnly d, int except)
    {
        for (var i = 0; i < SpellCount; i++)
        {
            if (i != except && Spells[i].Start < d && string.Equals(Spells[i].Brin4, brin4, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>True when an mbo diploma at the institution (BRIN4) falls in [from, before).</summary>
    public bool MboDiplomaAt(string brin4, DateOnly from, DateOnly before, int minNiveau = 0)
    {
        for (var i = 0; i < DiplomaCount; i++)
        {
            ref var g = ref Diplomas[i];
            if (
                g.Type == DiplomaType.Mbo
                && g.Date >= from
                && g.Date < before
                && g.Niveau >= minNiveau
                && string.Equals(g.Brin4, brin4, StringComparison.Ordinal)
            )
                return true;
        }
        return false;
    }

    /// <summary>The last vmbo spell that ended (the pupil left vmbo): -1 when none, or when the pupil is still in vmbo.</summary>
    public int VmboLeaving()
    {
        for (var i = SpellCount - 1; i >= 0; i--)
        {
            ref var s = ref Spells[i];
            if (!s.Mbo && s.Leerweg is { } lw && lw.IsVmboLeerweg())
                return s.End == DateOnly.MaxValue ? -1 : i;
        }
        return -1;
    }

    /// <summary>The vmbo leerweg of the pupil's last vmbo spell, if any.</summary>
    public Leerweg? VmboLeerweg()
    {
        for (var i = SpellCount - 1; i >= 0; i--)
        {
            if (!Spells[i].Mbo && Spells[i].Leerweg is { } lw && lw.IsVmboLeerweg())
                return lw;
        }
        return null;
    }

    /// <summary>The last vo vestiging (BRIN6) entered before the date: the sending school of an mbo enrolment that starts then.</summary>
    public string? VoBefore(DateOnly d)
    {
        string? vo = null;
        var start = DateOnly.MinValue;
        for (var i = 0; i < SpellCount; i++)
        {
            ref var s = ref Spells[i];
            if (!s.Mbo && s.Start < d && s.Start >= start)
            {
                vo = s.Institution;
                start = s.Start;
            }
        }
        return vo;
    }

    /// <summary>The first mbo spell of the pupil (the mbo entry), or -1.</summary>
    public int FirstMbo()
    {
        var first = -1;
        for (var i = 0; i < SpellCount; i++)
        {
            if (Spells[i].Mbo && (first < 0 || Spells[i].Start < Spells[first].Start))
                first = i;
        }
        return first;
    }

    /// <summary>The route of the spell, or else of the latest earlier spell that names one.</summary>
    public string? RouteOf(int spell)
    {
        if (spell < 0)
            return null;
        if (Spells[spell].Route is { } r)
            return r;
        string? route = null;
        var start = DateOnly.MinValue;
        for (var i = 0; i < SpellCount; i++)
        {
            ref var s = ref Spells[i];
            if (s.Route is not null && s.Start <= Spells[spell].Start && s.Start >= start && i != spell)
            {
                route = s.Route;
                start = s.Start;
            }
        }
        return route;
    }
}
