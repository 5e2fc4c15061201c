namespace Doorstroom.Web.Tests;

/// <summary>The clean-up of a test's temporary folder, the same in every fixture.</summary>
internal static class TempFolder
{
    /// <summary>
    /// Deletes <paramref name="folder"/> and all in it, after closing the pooled SQLite connections that may hold its
    /// files open; a folder that cannot be deleted (still in use) is left for the system's temp clean-up.
    /// </summary>
    public static void Delete(string folder)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { }
    }
}
