using System.Collections.Immutable;

namespace Doorstroom.Domain;

/// <summary>
/// An entry condition: a closed tree of sealed records (rulebook rules as data). Leaves test one fact of the
/// situation; <see cref="Because"/> attaches the reason (code, rule, Dutch text) given when its subtree fails.
/// Dates are tested against the date the pupil would enter the route, not the date the question is asked.
/// </summary>
public abstract record Condition
{
    private protected Condition() { }
}

public sealed record SchoolIn(ImmutableArray<SchoolType> Schools) : Condition;

public sealed record LeerwegIn(ImmutableArray<Leerweg> Leerwegen) : Condition;

public sealed record LeerjaarIn(int Min, int Max) : Condition;

public sealed record SectorIn(ImmutableArray<Sector> Sectors) : Condition;

public sealed record WantsSectorIn(ImmutableArray<Sector> Sectors) : Condition;

public sealed record HasDiploma(ImmutableArray<DiplomaKind> Kinds) : Condition;

public sealed record OnOrAfter(DateOnly Date) : Condition;

public sealed record Before(DateOnly Date) : Condition;

public sealed record AgeAtLeast(int Years) : Condition;

public sealed record FactIs(PupilFact Fact, bool Value) : Condition;

public sealed record AllOf(ImmutableArray<Condition> Conditions) : Condition;

public sealed record AnyOf(ImmutableArray<Condition> Conditions) : Condition;

public sealed record Not(Condition Condition) : Condition;

public sealed record Because(Condition Condition, Reason Reason) : Condition;

/// <summary>Yes/no facts of a pupil. ExtraVak: a gl/tl diploma with an extra avo exam subject (R11.1).</summary>
public enum PupilFact
{
    SureOfChoice,
    AtRiskOfNoDiploma,
    ExtraVak,
}

/// <summary>Three-valued: a fact the input leaves unknown makes a leaf <see cref="Unknown"/>, never a silent yes or no.</summary>
public enum Verdict
{
    Fail,
    Unknown,
    Pass,
}

/// <summary>Collects the reasons of one evaluation; reused across evaluations to keep planning allocation-light.</summary>
public sealed class ReasonSink
{
    internal readonly List<Reason> Failed = [];
    internal readonly List<Reason> Unknown = [];

    public IReadOnlyList<Reason> FailedReasons => Failed;
    public IReadOnlyList<Reason> UnknownReasons => Unknown;

    public void Clear()
    {
        Failed.Clear();
        Unknown.Clear();
    }
}

public static class Conditions
{
    /// <summary>The one function that evaluates a condition tree for a situation entering on <paramref name="entry"/>.</summary>
    public static Verdict Evaluate(Condition condition, Situation s, DateOnly entry, ReasonSink sink)
    {
        switch (condition)
        {
            case SchoolIn c:
                return c.Schools.Contains(s.School) ? Verdict.Pass : Verdict.Fail;
            case LeerwegIn c:
                return s.Leerweg is { } lw ? (c.Leerwegen.Contains(lw) ? Verdict.Pass : Verdict.Fail) : Verdict.Unknown;
            case LeerjaarIn c:
                return s.Leerjaar is { } lj ? (lj >= c.Min && lj <= c.Max ? Verdict.Pass : Verdict.Fail) : Verdict.Unknown;
            case SectorIn c:
                return s.Sector is { } sec ? (c.Sectors.Contains(sec) ? Verdict.Pass : Verdict.Fail) : Verdict.Unknown;
            case WantsSectorIn c:
                return s.WantsSector is { } ws ? (c.Sectors.Contains(ws) ? Verdict.Pass : Verdict.Fail) : Verdict.Unknown;
            case HasDiploma c:
                foreach (var d in s.Diplomas)
                {
                    if (c.Kinds.Contains(d.Kind))
                        return Verdict.Pass;
                }
                return Verdict.Fail;
            case OnOrAfter c:
                return entry >= c.Date ? Verdict.Pass : Verdict.Fail;
            case Before c:
                return entry < c.Date ? Verdict.Pass : Verdict.Fail;
            case AgeAtLeast c:
                return s.BirthDate is { } b ? (Leerplicht.AgeOn(b, entry) >= c.Years ? Verdict.Pass : Verdict.Fail) : Verdict.Unknown;
            case FactIs c:
                bool? value = c.Fact switch
                {
                    PupilFact.SureOfChoice => s.SureOfChoice,
                    PupilFact.AtRiskOfNoDiploma => s.AtRiskOfNoDiploma,
                    PupilFact.ExtraVak => s.ExtraVak,
                    _ => throw new ArgumentOutOfRangeException(nameof(condition), c.Fact, null),
                };
                return value is { } known ? (known == c.Value ? Verdict.Pass : Verdict.Fail) : Verdict.Unknown;
            case AllOf c:
            {
                var result = Verdict.Pass;
                foreach (var child in c.Conditions)
                {
                    var v = Evaluate(child, s, entry, sink);
                    if (v < result)
                        result = v;
                }
                return result;
            }
            case AnyOf c:
            {
                int failed = sink.Failed.Count,
                    unknown = sink.Unknown.Count;
                var result = Verdict.Fail;
                foreach (var child in c.Conditions)
                {
                    var v = Evaluate(child, s, entry, sink);
                    if (v > result)
                        result = v;
                }
                // Once one alternative holds, the others' reasons are no reasons.
                if (result == Verdict.Pass)
                    Truncate(sink, failed, unknown);
                else if (result == Verdict.Unknown)
                    sink.Failed.RemoveRange(failed, sink.Failed.Count - failed);
                return result;
            }
            case Not c:
            {
                int failed = sink.Failed.Count,
                    unknown = sink.Unknown.Count;
                var v = Evaluate(c.Condition, s, entry, sink);
                Truncate(sink, failed, unknown);
                return v switch
                {
                    Verdict.Pass => Verdict.Fail,
                    Verdict.Fail => Verdict.Pass,
                    _ => Verdict.Unknown,
                };
            }
            case Because c:
            {
                int failed = sink.Failed.Count,
                    unknown = sink.Unknown.Count;
                var v = Evaluate(c.Condition, s, entry, sink);
                Truncate(sink, failed, unknown);
                if (v == Verdict.Fail)
                    sink.Failed.Add(c.Reason);
                else if (v == Verdict.Unknown)
                    sink.Unknown.Add(c.Reason);
                return v;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(condition), condition.GetType().Name, "unknown condition kind");
        }
    }

    private static void Truncate(ReasonSink sink, int failed, int unknown)
    {
        sink.Failed.RemoveRange(failed, sink.Failed.Count - failed);
        sink.Unknown.RemoveRange(unknown, sink.Unknown.Count - unknown);
    }

    /// <summary>Every leaf must lie under a <see cref="Because"/>, so that every "no" has a reason with a rule id.</summary>
    public static IEnumerable<string> UncoveredLeaves(Condition condition, bool covered = false) =>
        condition switch
        {
            Because b => UncoveredLeaves(b.Condition, true),
            AllOf a => a.Conditions.SelectMany(c => UncoveredLeaves(c, covered)),
            AnyOf a => a.Conditions.SelectMany(c => UncoveredLeaves(c, covered)),
            Not n => UncoveredLeaves(n.Condition, covered),
            _ => covered ? [] : [condition.GetType().Name],
        };

    public static IEnumerable<Reason> AllReasons(Condition condition) =>
        condition switch
        {
            Because b => AllReasons(b.Condition).Prepend(b.Reason),
            AllOf a => a.Conditions.SelectMany(AllReasons),
            AnyOf a => a.Conditions.SelectMany(AllReasons),
            Not n => AllReasons(n.Condition),
            _ => [],
        };
}
