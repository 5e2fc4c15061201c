namespace Doorstroom.Storage.Tests;

/// <summary>A temporary folder, deleted with its files at the end of the test.</summary>
internal sealed class TempDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("doorstroom-events-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
