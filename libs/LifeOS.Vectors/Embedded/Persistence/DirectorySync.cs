using System.Runtime.InteropServices;

namespace LifeOS.Vectors.Embedded.Persistence;

/// <summary>Makes a directory's entries (a created or renamed file) durable, which .NET has no API for.</summary>
/// <remarks>
/// Without it a power cut after renaming a compacted log into place could bring back the old directory entry,
/// and with it lose records acknowledged after the rename. Windows makes renames durable through the file system itself.
/// </remarks>
internal static partial class DirectorySync
{
    private const int ReadOnly = 0;

    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
            return;

        var fd = Open(directory, ReadOnly);
        if (fd < 0)
            throw new IOException($"cannot open directory '{directory}' to flush it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0)
                throw new IOException($"fsync of directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
