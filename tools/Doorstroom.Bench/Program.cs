using System.Data.Common;
using Doorstroom.Bench;
using Doorstroom.Storage;

// doorstroom-bench: the benchmarks, a tool for developers beside the product (decision 0027).
// Exit codes as doorstroom's: 0 done; 2 bad input (one line); 3 a store failed (one line); 1 the api bench's server or taskset failed.
var parse = BenchCommands.Root().Parse(args);
if (parse.Errors.Count > 0)
{
    Console.Error.WriteLine("doorstroom-bench: " + parse.Errors[0].Message);
    return BenchCommands.BadInput;
}
try
{
    return await parse.InvokeAsync(new System.CommandLine.InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (Exception e) when (OneLine(e) is { } failure)
{
    // Bad input and a failing store are said in one line; anything else is a bug and keeps its trace.
    Console.Error.WriteLine("doorstroom-bench: " + failure.Message);
    return failure.Code;
}

static (int Code, string Message)? OneLine(Exception e) =>
    e switch
    {
        BadInputException => (BenchCommands.BadInput, e.Message),
        DbException db => (BenchCommands.StoreFailure, StoreFailure.Explain(null, db)),
        IOException or UnauthorizedAccessException => (BenchCommands.BadInput, e.Message),
        _ => null,
    };
