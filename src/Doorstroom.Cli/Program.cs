using System.CommandLine;
using Doorstroom.Cli;
using Doorstroom.Storage;

// doorstroom: the article's question for one pupil, from the command line.
// Exit codes: 0 done; 2 bad input (one line naming the field and what was expected); 3 the store failed (one line).
var root = Commands.Root();
var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine("doorstroom: " + parse.Errors[0].Message);
    return ExitCodes.BadInput;
}
try
{
    // Our own handler below turns bad input into one line and exit 2; anything else is a bug and keeps its trace.
    return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (BadInputException e)
{
    Console.Error.WriteLine("doorstroom: " + e.Message);
    return ExitCodes.BadInput;
}
catch (System.Data.Common.DbException e)
{
    Console.Error.WriteLine("doorstroom: " + StoreFailure.Explain(StoreCommands.Opened, e));
    return ExitCodes.StoreFailure;
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException)
{
    // A file that cannot be read or written (the message names it): one line, not a stack trace.
    Console.Error.WriteLine("doorstroom: " + e.Message);
    return ExitCodes.BadInput;
}
