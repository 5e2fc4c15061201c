namespace Doorstroom.Storage;

/// <summary>What an import did. A refused file is an expected answer, so it is a value with its problems.</summary>
public abstract record ImportOutcome(string Kind, string File)
{
    /// <summary>True unless the file was refused.</summary>
    public bool Ok => this is not Refused;
}
