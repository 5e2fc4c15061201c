using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>The four distinct answers to "may this pupil enter this mbo programme?" (best first).</summary>
public enum AdmissionOutcome
{
    /// <summary>Meets the vooropleidingseisen (and, where toelatingsrecht exists, is entitled or may still be).</summary>
    Admissible,

    /// <summary>Meets the requirements but has no toelatingsrecht, e.g. applied after 1 April (A10).</summary>
    AdmissibleNotEntitled,

    /// <summary>Only through an exception the law allows (A8/A9, Lpw art. 3b): never a default path.</summary>
    ByException,

    /// <summary>Does not meet the requirements.</summary>
    NotAdmissible,
}

/// <summary>An mbo programme asked about: its level, direction, leerweg wanted and leerwegen offered.</summary>
public sealed record ProgrammeRequest(MboLevel Level, Direction? Direction, Leerweg? Leerweg, ImmutableArray<Leerweg> Offered)
{
    /// <summary>How sure the catalogue is of the programme's direction; a low one turns a failed nadere eis into a caveat.</summary>
    public Confidence DirectionConfidence { get; init; } = Confidence.High;

    public Qualification? Qualification { get; init; }

    public static ProgrammeRequest For(Qualification q, DomainDirection? direction, Leerweg? leerweg) =>
        new(q.Level, direction?.Direction, leerweg, q.Leerwegen) { Qualification = q, DirectionConfidence = direction?.Confidence ?? Confidence.Low };
}

public sealed record AdmissionResult(AdmissionOutcome Outcome, DateOnly Start, string Regime, ImmutableArray<Reason> Reasons, ImmutableArray<Reason> Caveats);

public static class Admission
{
    private static readonly DateOnly StructuurStart = new(2015, 8, 1);

    /// <summary>
    /// Admission of the pupil to one mbo programme (rulebook §5, A10, M6). The programme starts on the first
    /// 1 August after the pupil's (expected) diploma and after the application date.
    /// </summary>
    public static AdmissionResult Decide(RouteCatalogue catalogue, Situation s, ProgrammeRequest programme)
    {
        var priors = new List<Diploma>(s.Diplomas);
        var earliest = s.On;
        if (ImpliedDiploma(s) is { } implied)
            priors.Add(implied);
        Diploma? expected = ExpectedDiploma(s);
        if (expected is not null)
        {
            priors.Add(expected);
            var after = new DateOnly(expected.Year!.Value, 8, 1);
            if (after > earliest)
                earliest = after;
        }
        if (s.AppliedOn is { } applied && applied > earliest)
            earliest = applied;
        var start = SchoolYear.NextStart(earliest);
        var result = Decide(catalogue, s, priors, start, programme, explain: true);
        if (expected is not null)
        {
            var caveat = catalogue.Reason(
                "diploma-verwacht",
                ("diploma", DutchText.DiplomaInSentence(expected.Kind)),
                ("jaar", expected.Year!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))
            );
            result = result with { Caveats = result.Caveats.Insert(0, caveat) };
        }
        return result;
    }

    /// <summary>
    /// The diploma a pupil in vo is expected to obtain before entering mbo (the planner's default assumption): the vmbo
    /// diploma of the leerweg after leerjaar 4, or for a havo/vwo pupil in leerjaar 1–3 the overgangsbewijs 3→4 (A12).
    /// </summary>
    public static Diploma? ExpectedDiploma(Situation s)
    {
        var start = SchoolYear.StartOf(s.On).Year;
        if (s.School is SchoolType.Havo or SchoolType.Vwo && s.Leerjaar is <= 3 and { } ly && !s.Holds(DiplomaKind.HavoOvergang34))
            return new Diploma(DiplomaKind.HavoOvergang34, start + (3 - ly) + 1);
        if (s.School != SchoolType.Vmbo || s.Leerweg is not { } lw || !lw.IsVmboLeerweg() || s.Leerjaar is not { } lj)
            return null;
        return new Diploma(lw.VmboDiploma(), start + Math.Max(1, 4 - lj + 1), s.Sector);
    }

    /// <summary>A havo/vwo pupil in leerjaar 4 or later has completed the first three years: the overgangsbewijs 3→4 (A12).</summary>
    public static Diploma? ImpliedDiploma(Situation s) =>
        s.School is SchoolType.Havo or SchoolType.Vwo && s.Leerjaar >= 4 && !s.Holds(DiplomaKind.HavoOvergang34)
            ? new Diploma(DiplomaKind.HavoOvergang34, SchoolYear.StartOf(s.On).Year)
            : null;

    internal static Prior PriorOf(DiplomaKind kind) =>
        kind switch
        {
            DiplomaKind.VmboBb => Prior.VmboBb,
            DiplomaKind.VmboKb or DiplomaKind.VmboGl or DiplomaKind.VmboTl => Prior.VmboKbGlTl,
            DiplomaKind.HavoOvergang34 or DiplomaKind.Havo or DiplomaKind.Vwo => Prior.HavoVwo3,
            DiplomaKind.Assistent or DiplomaKind.Entree or DiplomaKind.Mbo1 => Prior.Mbo1,
            DiplomaKind.Mbo2 => Prior.Mbo2,
            DiplomaKind.Mbo3 or DiplomaKind.Mbo4 or DiplomaKind.HboBachelor => Prior.Mbo3,
            _ => Prior.None,
        };

    /// <summary>
    /// The core decision for a given set of prior diplomas and start date. With <paramref name="explain"/> false no
    /// texts are rendered (the planner's hot path); the outcome is the same.
    /// </summary>
    public static AdmissionResult Decide(
        RouteCatalogue catalogue,
        Situation s,
        IReadOnlyList<Diploma> priors,
        DateOnly start,
        ProgrammeRequest programme,
        bool explain
    )
    {
        var era = catalogue.AdmissionOn(start);
        var reasons = explain ? ImmutableArray.CreateBuilder<Reason>() : null;
        var caveats = explain ? ImmutableArray.CreateBuilder<Reason>() : null;
        var level = programme.Level;

        // 1. The admission matrix: the best cell over the pupil's diplomas (no diploma at all: the "none" row).
        var outcome = AdmissionOutcome.NotAdmissible;
        MatrixCell? best = null;
        Diploma? via = null;
        var any = false;
        foreach (var d in priors)
        {
            var prior = PriorOf(d.Kind);
            if (prior == Prior.None && d.Kind != DiplomaKind.Pro)
                continue;
            any = true;
            var cell = era.Cells[(prior, level)];
            var o = Resolve(cell, s, start, level, prior);
            if (best is null || o < outcome || (o == outcome && Rank(prior) > Rank(PriorOf(via!.Kind))))
            {
                outcome = o;
                best = cell;
                via = d;
            }
        }
        if (!any)
        {
            best = era.Cells[(Prior.None, level)];
            outcome = Resolve(best, s, start, level, Prior.None);
        }
        if (explain)
            Explain(catalogue, s, start, level, best!, via, outcome, reasons!, caveats!);

        // 2. Nadere vooropleidingseisen (N1/N2) for niet-verwant entry with the diploma that admits.
        if (outcome == AdmissionOutcome.Admissible && via is not null && programme.Direction is { } into)
        {
            var sector = via.Sector ?? (via.Kind.IsVmbo() ? s.Sector : null);
            foreach (var req in catalogue.SubjectRequirements)
            {
                if (req.Into != into || !req.Window.Contains(start) || !Applies(req, via.Kind, level))
                    continue;
                if (sector is not { } sec)
                {
                    caveats?.Add(
                        catalogue.Reason(
                            "nadere-eis-sector-onbekend",
                            ("vakken", string.Join(", ", req.AnyOfSubjects)),
                            ("richting", DutchText.Direction(into))
                        ) with
                        {
                            Rule = req.Rule,
                        }
                    );
                    continue;
                }
                if (!req.FromSectors.Contains(sec))
                    continue;
                var met = req.AnyOfSubjects.Any(via.HasSubject);
                if (met)
                    continue;
                var args = new[]
                {
                    ("vakken", string.Join(" of ", req.AnyOfSubjects)),
                    ("richting", DutchText.Direction(into)),
                    ("sector", DutchText.SectorInSentence(sec)),
                };
                if (!via.SubjectsKnown)
                {
                    caveats?.Add(catalogue.Reason("nadere-eis-vakken-onbekend", args) with { Rule = req.Rule, Confidence = req.Confidence });
                }
                else if (req.Confidence == Confidence.Low || programme.DirectionConfidence == Confidence.Low)
                {
                    caveats?.Add(catalogue.Reason("nadere-eis-onzeker", args) with { Rule = req.Rule });
                }
                else
                {
                    outcome = AdmissionOutcome.NotAdmissible;
                    if (explain)
                    {
                        reasons!.Add(catalogue.Reason("nadere-eis-vakken", args) with { Rule = req.Rule, Confidence = req.Confidence });
                        reasons.Add(catalogue.Reason("uitzondering-a9"));
                    }
                }
            }
        }

        // 3. Leerweg: offered at all, and bbl only once full leerplicht has ended (M6).
        if (programme.Leerweg is { } lw && outcome <= AdmissionOutcome.ByException)
        {
            if (!programme.Offered.IsDefaultOrEmpty && !programme.Offered.Contains(lw))
            {
                outcome = AdmissionOutcome.NotAdmissible;
                reasons?.Add(catalogue.Reason("leerweg-niet-aangeboden", ("leerweg", JsonSpelling.Of(lw))));
            }
            else if (lw == Leerweg.Bbl)
            {
                switch (Leerplicht.FullLeerplichtEndedBefore(s.BirthDate, start))
                {
                    case false:
                        outcome = AdmissionOutcome.ByException;
                        reasons?.Add(catalogue.Reason("bbl-leerplichtig", ("start", DutchFormat.Date(start))));
                        break;
                    case null:
                        caveats?.Add(catalogue.Reason("bbl-leeftijd-onbekend"));
                        break;
                }
                caveats?.Add(catalogue.Reason("bbl-leerbedrijf"));
            }
        }

        // 4. Toelatingsrecht (A10, from the study year 2018/19) or the institution's own decision before it (A11).
        if (outcome == AdmissionOutcome.Admissible && level != MboLevel.Specialist)
        {
            if (start >= Dates.ToelatingsrechtFirstStudyYear)
            {
                var deadline = start.Year == 2020 ? new DateOnly(2020, 5, 1) : new DateOnly(start.Year, 4, 1);
                if (s.AppliedOn is { } applied && SchoolYear.NextStart(applied) == start)
                {
                    if (applied > deadline)
                    {
                        outcome = AdmissionOutcome.AdmissibleNotEntitled;
                        reasons?.Add(
                            catalogue.Reason("aangemeld-na-deadline", ("aangemeld", DutchFormat.Date(applied)), ("deadline", DutchFormat.Date(deadline)))
                        );
                    }
                    else
                    {
                        caveats?.Add(catalogue.Reason("toelatingsrecht", ("aangemeld", DutchFormat.Date(applied)), ("deadline", DutchFormat.Date(deadline))));
                    }
                }
                else
                {
                    caveats?.Add(catalogue.Reason("toelatingsrecht-aanmelden", ("deadline", DutchFormat.Date(deadline))));
                }
                caveats?.Add(catalogue.Reason("bsa"));
            }
            else
            {
                caveats?.Add(catalogue.Reason("geen-toelatingsrecht"));
            }
        }

        if (explain && programme.Qualification is not null && start < StructuurStart)
        {
            caveats!.Add(catalogue.Reason("kwalificatiestructuur-2015", ("start", DutchFormat.Date(start))));
        }

        var regime = explain ? catalogue.RegimesOn(start).Where(r => r.Id.StartsWith('M')).Select(r => r.Id).LastOrDefault() ?? era.Regime : era.Regime;
        return new AdmissionResult(outcome, start, regime, reasons?.ToImmutable() ?? [], caveats?.ToImmutable() ?? []);
    }

    private static int Rank(Prior prior) => (int)prior;

    private static bool Applies(SubjectRequirement req, DiplomaKind kind, MboLevel level)
    {
        foreach (var (d, l) in req.Applies)
        {
            if (d == kind && l == level)
                return true;
        }
        return false;
    }

    private static AdmissionOutcome Resolve(MatrixCell cell, Situation s, DateOnly start, MboLevel level, Prior prior) =>
        cell.Verdict switch
        {
            MatrixVerdict.Admissible or MatrixVerdict.Drempelloos or MatrixVerdict.SameDirection or MatrixVerdict.SameBeroep => AdmissionOutcome.Admissible,
            MatrixVerdict.LeerplichtEnded => Leerplicht.FullLeerplichtEndedBefore(s.BirthDate, start) == false
                ? AdmissionOutcome.ByException
                : AdmissionOutcome.Admissible,
            MatrixVerdict.MeetsHigherLevel => AdmissionOutcome.NotAdmissible,
            // A8/A9: without any diploma, mbo-2/3/4 only by the exception of an onderzoek — a distinct answer, never a default path.
            MatrixVerdict.NotAdmissible when prior == Prior.None && level is >= MboLevel.Basisberoeps and <= MboLevel.Middenkader =>
                AdmissionOutcome.ByException,
            _ => AdmissionOutcome.NotAdmissible,
        };

    private static void Explain(
        RouteCatalogue catalogue,
        Situation s,
        DateOnly start,
        MboLevel level,
        MatrixCell cell,
        Diploma? via,
        AdmissionOutcome outcome,
        ImmutableArray<Reason>.Builder reasons,
        ImmutableArray<Reason>.Builder caveats
    )
    {
        var prior = via is null ? "geen diploma" : DutchText.DiplomaInSentence(via.Kind);
        var lvl = DutchText.Level(level);
        switch (cell.Verdict)
        {
            case MatrixVerdict.Admissible:
                caveats.Add(catalogue.Reason("vooropleiding-voldoet", ("diploma", prior), ("niveau", lvl)) with { Rule = cell.Rule });
                break;
            case MatrixVerdict.Drempelloos:
                caveats.Add(catalogue.Reason("drempelloos", ("niveau", lvl)) with { Rule = cell.Rule });
                break;
            case MatrixVerdict.SameDirection:
                caveats.Add(catalogue.Reason("zelfde-richting", ("diploma", prior), ("niveau", lvl)) with { Rule = cell.Rule });
                break;
            case MatrixVerdict.SameBeroep:
                caveats.Add(catalogue.Reason("zelfde-beroep") with { Rule = cell.Rule });
                break;
            case MatrixVerdict.LeerplichtEnded:
                if (outcome == AdmissionOutcome.ByException)
                    reasons.Add(catalogue.Reason("entree-leerplichtig", ("start", DutchFormat.Date(start))));
                else if (s.BirthDate is null)
                    caveats.Add(catalogue.Reason("entree-leeftijd-onbekend"));
                break;
            case MatrixVerdict.MeetsHigherLevel:
                reasons.Add(catalogue.Reason("entree-niet-voor-diplomahouder", ("diploma", prior)) with { Rule = cell.Rule });
                break;
            case MatrixVerdict.NotAdmissible when outcome == AdmissionOutcome.ByException:
                reasons.Add(catalogue.Reason("geen-diploma-uitzondering", ("niveau", lvl)));
                break;
            case MatrixVerdict.NotAdmissible:
                reasons.Add(catalogue.Reason("vooropleiding-onvoldoende", ("diploma", prior), ("niveau", lvl)) with { Rule = cell.Rule });
                if (level != MboLevel.Entree)
                    reasons.Add(catalogue.Reason("uitzondering-a9"));
                break;
        }
    }
}
