namespace Doorstroom.Storage;

/// <summary>
/// Why an operator's change was refused: the field (name, role, institution, pupil, password), what is wrong (English, for
/// the command line), which rule (<see cref="Fault"/>), and for a weak password which part of the rule.
/// </summary>
public sealed record AccountProblem(string Field, string Message, AccountFault Fault, PasswordWeakness? Weakness = null);
