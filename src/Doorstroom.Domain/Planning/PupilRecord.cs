using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// What a pupil's record says for the planner on a date: the <see cref="Domain.Situation"/> to start from, the route the pupil
/// is on (as recorded on the enrolment, an id the catalogue may or may not know) and since when.
/// </summary>
/// <param name="Known">The facts the record gave (for saying what was filled in): school, leerweg, leerjaar, niveau, birth date, diplomas, application.</param>
public sealed record RecordedSituation(Situation Situation, string? Route, DateOnly? OnRouteSince, ImmutableArray<string> Known);

/// <summary>
/// The planner's starting point read from a pupil's stream (issue 14: a personal planner). Pure: the stream as it counts
/// (corrections applied), the birth date the store keeps and the question date come in. The store keeps no sector or
/// profiel and no wishes, so those stay unknown; what the stream does not say is never guessed.
/// </summary>
public static class PupilRecord
{
    /// <summary>
    /// The situation on <paramref name="on"/>: the current school from the last enrolment (a vmbo leerweg is vmbo, bol or
    /// bbl or a niveau is mbo, the havo-doorstroom route is havo; leaving without a new enrolment is no school), the leerjaar
    /// of the last enrolment, promotion or repeat (for mbo the study year since enrolment), the diplomas obtained, and from
    /// this school year's applications the first application date, the mbo leerweg and the level of the latest open one as
    /// the goal. Events after <paramref name="on"/> are left out.
    /// </summary>
    public static RecordedSituation Situation(IEnumerable<TransitionEvent> stream, DateOnly? birthDate, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var events = stream.Where(e => e.Date <= on).OrderBy(e => e.Date).ToList();
        var known = new List<string>();
        SchoolType? school = null;
        Leerweg? leerweg = null;
        int? leerjaar = null,
            niveau = null;
        DateOnly? mboSince = null;
        string? route = null;
        DateOnly? routeSince = null;
        var diplomas = ImmutableArray.CreateBuilder<Diploma>();

        foreach (var e in events)
        {
            switch (e.Kind)
            {
                case EventKind.Ingeschreven or EventKind.Bevorderd or EventKind.Gedoubleerd or EventKind.Geswitcht:
                    Enrolled(e);
                    break;
                case EventKind.Uitgeschreven:
                    school = SchoolType.None;
                    leerweg = null;
                    leerjaar = niveau = null;
                    route = null;
                    routeSince = null;
                    break;
                case EventKind.DiplomaBehaald when DiplomaOf(e) is { } kind:
                    if (!diplomas.Any(d => d.Kind == kind))
                        diplomas.Add(new Diploma(kind, e.Date.Year));
                    break;
            }
        }

        if (school == SchoolType.Mbo && mboSince is { } since)
            leerjaar = Math.Clamp(SchoolYear.StartOf(on).Year - SchoolYear.StartOf(since).Year + 1, 1, 4);
        // A leerjaar outside what the school type has is not the planner's to read.
        var max = school switch
        {
            SchoolType.Vmbo or SchoolType.Mbo => 4,
            SchoolType.Havo => 5,
            SchoolType.Vwo or SchoolType.Praktijkonderwijs => 6,
            _ => 0,
        };
        if (leerjaar is { } lj && (lj < 1 || lj > max))
            leerjaar = null;
        if (school != SchoolType.Mbo)
            niveau = null;

        var situation = new Situation(on, school ?? SchoolType.Vmbo)
        {
            BirthDate = birthDate is { } b && b < on ? b : null,
            Leerweg = leerweg,
            Leerjaar = leerjaar,
            Niveau = niveau,
            Diplomas = diplomas.ToImmutable(),
        };
        if (school is not null)
            known.Add("school");
        if (leerweg is not null)
            known.Add("leerweg");
        if (leerjaar is not null)
            known.Add("leerjaar");
        if (niveau is not null)
            known.Add("niveau");
        if (situation.BirthDate is not null)
            known.Add("geboortedatum");
        if (diplomas.Count > 0)
            known.Add("diploma");

        // This school year's applications (last year's led to where the pupil is now).
        var applications = Applications.Of(events).Where(a => a.AppliedOn >= SchoolYear.StartOf(on)).ToList();
        if (applications.Count > 0)
        {
            situation = situation with { AppliedOn = applications.Min(a => a.AppliedOn) };
            known.Add("aangemeld");
            if (applications.LastOrDefault(a => a.Active) is { } open)
            {
                if (open.Leerweg is Leerweg.Bol or Leerweg.Bbl)
                {
                    situation = situation with { MboLeerweg = open.Leerweg };
                    known.Add("mboleerweg");
                }
                if (open.Niveau is >= 1 and <= 4 and var n)
                {
                    situation = situation with
                    {
                        Goal = n switch
                        {
                            1 => Goal.Mbo1,
                            2 => Goal.Mbo2,
                            3 => Goal.Mbo3,
                            _ => Goal.Mbo4,
                        },
                    };
                    known.Add("doel");
                }
            }
        }
        return new(situation, route, route is null ? null : routeSince, [.. known]);

        void Enrolled(TransitionEvent e)
        {
            var isMbo = e.Leerweg is Leerweg.Bol or Leerweg.Bbl || (e.Niveau is not null && e.Leerjaar is null);
            if (isMbo)
            {
                if (school != SchoolType.Mbo)
                    mboSince = e.Date;
                school = SchoolType.Mbo;
                leerweg =
                    e.Leerweg is Leerweg.Bol or Leerweg.Bbl ? e.Leerweg
                    : leerweg is Leerweg.Bol or Leerweg.Bbl ? leerweg
                    : null;
                niveau = e.Niveau ?? niveau;
                leerjaar = null;
            }
            else
            {
                var vo =
                    e.Leerweg is { } lw && lw.IsVmboLeerweg() ? SchoolType.Vmbo
                    : e.Route == HavoRoute ? SchoolType.Havo
                    : e.Route == ProRoute ? SchoolType.Praktijkonderwijs
                    : school is SchoolType.Vmbo or SchoolType.Havo or SchoolType.Vwo or SchoolType.Praktijkonderwijs ? school.Value
                    : (SchoolType?)null;
                if (vo is null && e.Leerjaar is null)
                    return; // an enrolment that says nothing the planner can read
                school = vo ?? SchoolType.Vmbo;
                leerweg = school == SchoolType.Vmbo ? e.Leerweg ?? (leerweg is { } l && l.IsVmboLeerweg() ? leerweg : null) : null;
                leerjaar = e.Leerjaar ?? leerjaar;
                niveau = null;
                mboSince = null;
            }
            if (e.Route is { Length: > 0 } r)
            {
                if (r != route)
                    routeSince = e.Date;
                route = r;
            }
        }
    }

    /// <summary>The route id of the havo-doorstroom route (a vmbo-gl/tl pupil in havo 4).</summary>
    public const string HavoRoute = "havo-doorstroom";

    /// <summary>The route id of praktijkonderwijs.</summary>
    public const string ProRoute = "praktijkonderwijs";

    /// <summary>The diploma a DiplomaBehaald event stands for, or null when it names none the planner knows.</summary>
    public static DiplomaKind? DiplomaOf(TransitionEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Kind != EventKind.DiplomaBehaald)
            return null;
        if (e.Niveau is >= 1 and <= 5 and var n)
            return Vocabulary.MboDiploma((MboLevel)n, e.Date);
        if (e.Leerweg is { } lw && lw.IsVmboLeerweg())
            return lw.VmboDiploma();
        if (e.Route == HavoRoute)
            return DiplomaKind.Havo;
        if (e.Route == ProRoute)
            return DiplomaKind.Pro;
        return null;
    }
}
