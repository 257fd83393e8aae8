using Microsoft.Data.Sqlite;

namespace Recut.Tasks.Tests;

/// <summary>A folder of the test's own under the system temp path, removed afterwards.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("recut-tasks-").FullName;

    public void Dispose()
    {
        // Pooled connections keep the file open; let go of them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Another test's pooled connection may still be closing; temp folders are cleaned by the OS eventually.
        }
    }
}
