namespace Doorstroom.Bench;

/// <summary>Bad input from the user: printed as one line, exit code 2, never a stack trace.</summary>
internal sealed class BadInputException(string message) : Exception(message);
