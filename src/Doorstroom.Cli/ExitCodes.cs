namespace Doorstroom.Cli;

internal static class ExitCodes
{
    public const int Done = 0;
    public const int BadInput = 2;

    /// <summary>The store failed (locked, unreadable, damaged, unreachable): one line naming it and what to do.</summary>
    public const int StoreFailure = 3;
}

/// <summary>Bad input from the user: printed as one line, exit code 2, never a stack trace.</summary>
internal sealed class BadInputException(string message) : Exception(message);
