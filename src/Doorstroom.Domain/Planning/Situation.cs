using System.Collections.Immutable;

namespace Doorstroom.Domain;

public sealed record Diploma(DiplomaKind Kind, int? Year = null, Sector? Sector = null, ImmutableArray<string> Subjects = default, bool ExtraVak = false)
{
    public ImmutableArray<string> Subjects { get; init; } = Subjects.IsDefault ? [] : Subjects;

    /// <summary>The subjects known to be in the exam: those listed plus, for a V0 landbouw diploma, wiskunde (V4).</summary>
    public bool HasSubject(string subject) =>
        Subjects.Contains(subject, StringComparer.OrdinalIgnoreCase)
        || (subject == "wiskunde" && Sector == Domain.Sector.Groen && Kind.IsVmbo() && Year is <= 2016);

    public bool SubjectsKnown => !Subjects.IsEmpty || (Sector == Domain.Sector.Groen && Kind.IsVmbo() && Year is <= 2016);
}

/// <summary>
/// A pupil's situation on a date: the input of every question. Unknown facts are null.
/// Only <see cref="On"/> and <see cref="School"/> are required.
/// </summary>
public sealed record Situation(DateOnly On, SchoolType School)
{
    public DateOnly? BirthDate { get; init; }
    public Leerweg? Leerweg { get; init; }
    public int? Leerjaar { get; init; }
    public int? Niveau { get; init; }
    public Sector? Sector { get; init; }
    public ImmutableArray<Diploma> Diplomas { get; init; } = [];
    public Goal Goal { get; init; } = Goal.Startkwalificatie;
    public Sector? WantsSector { get; init; }
    public Leerweg? MboLeerweg { get; init; }
    public bool? SureOfChoice { get; init; }
    public bool? AtRiskOfNoDiploma { get; init; }
    public DateOnly? AppliedOn { get; init; }

    /// <summary>True with a diploma marked extra vak; false with only gl/tl diplomas without one; unknown otherwise.</summary>
    public bool? ExtraVak
    {
        get
        {
            bool? result = null;
            foreach (var d in Diplomas)
            {
                if (d.ExtraVak)
                    return true;
                if (d.Kind is DiplomaKind.VmboGl or DiplomaKind.VmboTl)
                    result = false;
            }
            return result;
        }
    }

    public bool Holds(DiplomaKind kind)
    {
        foreach (var d in Diplomas)
        {
            if (d.Kind == kind)
                return true;
        }
        return false;
    }
}
