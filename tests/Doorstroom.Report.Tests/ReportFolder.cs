namespace Doorstroom.Report.Tests;

/// <summary>A report written once into a fresh temporary folder, removed afterwards.</summary>
public sealed class ReportFolder : IDisposable
{
    public ReportFolder()
        : this(Sample.Input()) { }

    internal ReportFolder(ReportInput input)
    {
        Directory = Path.Combine(Path.GetTempPath(), "doorstroom-report-" + Guid.NewGuid().ToString("N"));
        Files = HtmlReport.Write(Directory, input);
        Html = File.ReadAllText(Files.Index);
    }

    public string Directory { get; }

    public ReportFiles Files { get; }

    public string Html { get; }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException) { }
    }
}
