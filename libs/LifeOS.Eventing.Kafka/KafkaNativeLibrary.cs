using System.Reflection;
using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace LifeOS.Eventing.Kafka;

/// <summary>Points Confluent.Kafka and the mock cluster's P/Invokes at one librdkafka: the package's copy if it ships one, else the OS's.</summary>
/// <remarks>
/// Where the feed lacks librdkafka.redist, an empty stand-in restores instead and Confluent.Kafka's own probing only
/// finds the unversioned <c>librdkafka.so</c> of the -dev package; the runtime package (Debian librdkafka1) ships the
/// versioned soname, which is tried here. Where the real package restored, its copy is found first and wins.
/// </remarks>
internal static class KafkaNativeLibrary
{
    /// <summary>The library name the mock cluster's P/Invokes use.</summary>
    public const string Name = "librdkafka";

    private static readonly string[] OperatingSystemNames = OperatingSystem.IsMacOS()
        ? ["librdkafka.1.dylib", "librdkafka.dylib"]
        : OperatingSystem.IsWindows() ? ["librdkafka.dll"] : ["librdkafka.so.1", "librdkafka.so"];

    private static readonly Lock Gate = new();
    private static bool _registered;
    private static IntPtr _handle;

    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (_registered)
                return;
            _registered = true;
        }

        Register(typeof(Library).Assembly);
        Register(typeof(KafkaNativeLibrary).Assembly);
    }

    private static void Register(Assembly assembly)
    {
        try
        {
            NativeLibrary.SetDllImportResolver(assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // The host already resolves this assembly's native libraries itself; its choice stands.
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        // Confluent.Kafka also probes distribution-specific names (centos7-librdkafka); those keep the default lookup.
        if (libraryName != Name)
            return IntPtr.Zero;

        lock (Gate)
        {
            if (_handle != IntPtr.Zero)
                return _handle;

            // The package's copy (runtimes/<rid>/native via deps.json) first, then the operating system's sonames.
            if (!NativeLibrary.TryLoad(Name, typeof(Library).Assembly, searchPath, out _handle))
            {
                foreach (var name in OperatingSystemNames)
                {
                    if (NativeLibrary.TryLoad(name, out _handle))
                        break;
                }
            }

            return _handle;
        }
    }
}
