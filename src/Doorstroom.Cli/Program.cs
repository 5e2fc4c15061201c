using System.CommandLine;
using Doorstroom.Storage;

namespace Doorstroom.Cli;

/// <summary>
/// doorstroom: the article's question for one pupil, from the command line.
/// Exit codes: 0 done; 2 bad input (one line naming the field and what was expected); 3 the store failed (one line).
/// </summary>
public static class Program
{
    public static Task<int> Main(string[] args) => Run(args, Terminal.System());

    /// <summary>
    /// One run of the command with the given streams, returning its exit code. The process's entry point runs it on the
    /// real console; the tests run it in their own process on string writers. Relative paths in the arguments resolve
    /// against the current directory. A cancelled token stops the commands that take long (import, simulate) where they
    /// check it.
    /// </summary>
    public static async Task<int> Run(string[] args, Terminal terminal, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(terminal);
        Terminal.Current = terminal;
        var root = Commands.Root();
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            terminal.Error.WriteLine("doorstroom: " + parse.Errors[0].Message);
            return ExitCodes.BadInput;
        }
        try
        {
            // Our own handler below turns bad input into one line and exit 2; anything else is a bug and keeps its trace.
            return await parse.InvokeAsync(
                new InvocationConfiguration
                {
                    EnableDefaultExceptionHandler = false,
                    Output = terminal.Out,
                    Error = terminal.Error,
                },
                cancellationToken
            );
        }
        catch (BadInputException e)
        {
            terminal.Error.WriteLine("doorstroom: " + e.Message);
            return ExitCodes.BadInput;
        }
        catch (System.Data.Common.DbException e)
        {
            terminal.Error.WriteLine("doorstroom: " + StoreFailure.Explain(terminal.OpenedStore, e));
            return ExitCodes.StoreFailure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file that cannot be read or written (the message names it): one line, not a stack trace.
            terminal.Error.WriteLine("doorstroom: " + e.Message);
            return ExitCodes.BadInput;
        }
        finally
        {
            terminal.Out.Flush();
            terminal.Error.Flush();
        }
    }
}
