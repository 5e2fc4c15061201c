using Doorstroom.Storage;

namespace Doorstroom.Bench;

/// <summary>
/// A long bench run's progress on standard error, so that standard output holds only the figures: a line per stage and
/// every tenth of the way (a stream of unknown length: every 100,000). Reported on the caller's thread.
/// </summary>
internal sealed class ProgressLines(string prefix) : IProgress<ImportProgress>
{
    private string _stage = "";
    private long _step = -1;

    /// <summary>Runs <paramref name="run"/> with progress lines that start with "<paramref name="kind"/> <paramref name="subject"/>:".</summary>
    public static T Around<T>(string kind, string subject, Func<IProgress<ImportProgress>, T> run) => run(new ProgressLines($"{kind} {subject}"));

    public void Report(ImportProgress value)
    {
        var step = value.Total is { } total and > 0 ? value.Done * 10 / total : value.Done / 100_000;
        if (value.Stage == _stage && step == _step)
            return;
        (_stage, _step) = (value.Stage, step);
        var count =
            value.Total is { } all ? $" {value.Done:N0}/{all:N0}"
            : value.Done > 0 ? $" {value.Done:N0}"
            : "";
        Console.Error.WriteLine($"{prefix}: {value.Stage}{count}");
    }
}
