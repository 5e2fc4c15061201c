namespace Doorstroom.Storage;

/// <summary>What linking came to: the account now linked, or why not (then nothing changed).</summary>
public sealed record LinkOutcome(string? Account, LinkRefusal? Refusal)
{
    public bool Linked => Account is not null;

    internal static LinkOutcome Refused(LinkRefusal refusal) => new(null, refusal);
}
