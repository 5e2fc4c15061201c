namespace Doorstroom.Storage;

/// <summary>
/// The stored rows a read left out because it could not interpret them (a row put in by SQL past every check): how many,
/// and for the first few the row id and what was wrong — never a pupil key or a value, so it may go to a log.
/// </summary>
public sealed class SkippedRows
{
    private readonly List<string> _examples = [];

    /// <summary>How many rows were left out.</summary>
    public long Count { get; private set; }

    /// <summary>Up to five of them: "event 42: its date lies outside …".</summary>
    public IReadOnlyList<string> Examples => _examples;

    internal void Add(long id, string problem)
    {
        Count++;
        if (_examples.Count < 5)
            _examples.Add($"event {id}: {problem}");
    }

    /// <summary>One line for a person: none when nothing was skipped.</summary>
    public string? Note() =>
        Count == 0
            ? null
            : $"{Count:N0} stored event{(Count == 1 ? "" : "s")} could not be read and {(Count == 1 ? "was" : "were")} left out "
                + $"({string.Join("; ", Examples)}{(Count > Examples.Count ? "; …" : "")}); correct or remove {(Count == 1 ? "it" : "them")} in the store";
}
