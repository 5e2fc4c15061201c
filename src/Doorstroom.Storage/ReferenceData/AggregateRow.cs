using System.Collections.Immutable;

namespace Doorstroom.Storage;

/// <summary>One row of a real aggregate: its keys (in the order asked) and its figures.</summary>
/// <param name="Keys">The value of each dimension asked for.</param>
/// <param name="Count">The sum of the published counts; suppressed cells (<c>&lt;5</c>) are not in it.</param>
/// <param name="SuppressedCells">How many published cells were <c>&lt;5</c> (0 to 4 each) and so are missing from <paramref name="Count"/>.</param>
/// <param name="Passed">For exams: the sum of passed candidates over cells where both counts are published; else null.</param>
/// <param name="PassedOf">For exams: the candidates of those same cells, the denominator of the pass rate.</param>
public sealed record AggregateRow(ImmutableArray<string> Keys, long Count, long SuppressedCells, long? Passed, long? PassedOf);
