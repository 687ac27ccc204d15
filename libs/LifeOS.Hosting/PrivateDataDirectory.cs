using System.Runtime.InteropServices;

namespace LifeOS.Hosting;

/// <summary>The data directory holds a person's whole life: on Unix it is created 0700, and the process's umask is set
/// to 077 so every file under it (SQLite databases and their journals, blobs, keys) is created 0600, whichever library
/// creates it.</summary>
public static partial class PrivateDataDirectory
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="path"/> (or narrows an existing one) to the owner only; returns its full path.</summary>
    public static string Create(string path)
    {
        var full = Path.GetFullPath(path);
        if (OperatingSystem.IsWindows())
        {
            // Windows has no mode bits; a new directory inherits its parent's ACL, usually the user's profile.
            Directory.CreateDirectory(full);
            return full;
        }

        RestrictNewFiles();
        Directory.CreateDirectory(full, OwnerOnly);
        if ((File.GetUnixFileMode(full) & ~OwnerOnly) != 0)
            File.SetUnixFileMode(full, OwnerOnly);
        return full;
    }

    /// <summary>Files and directories this process creates from now on are readable by their owner only.</summary>
    public static void RestrictNewFiles()
    {
        if (!OperatingSystem.IsWindows())
            _ = SetUmask(Convert.ToUInt32("077", 8));
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint SetUmask(uint mask);
}
