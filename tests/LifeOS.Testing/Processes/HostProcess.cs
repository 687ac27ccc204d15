using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;

namespace LifeOS.Testing.Processes;

/// <summary>One LifeOS host (a service, a worker or the migrator) as a real child process, which a test can stop, kill and start again.</summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private const int MaxLogLines = 400;
    private const int SigTerm = 15;

    private readonly string _dll;
    private readonly Dictionary<string, string> _environment;
    private readonly Queue<string> _log = new();
    private readonly Lock _logLock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Stopwatch _launched = new();
    private Process? _process;

    private HostProcess(string name, string dll, Dictionary<string, string> environment, int port)
    {
        Name = name;
        _dll = dll;
        _environment = environment;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>How many times the process was launched (the current launch's number).</summary>
    public int Starts { get; private set; }

    /// <summary>From launch to the first 200 from /health, the last time it got there.</summary>
    public TimeSpan LastStartup { get; private set; }

    /// <summary>A host built from <paramref name="projectDirectory"/> (relative to the repository root), copied so rebuilds cannot change it mid-test.</summary>
    public static HostProcess Create(string projectDirectory, IReadOnlyDictionary<string, string> environment)
    {
        var name = Path.GetFileName(projectDirectory);
        return new HostProcess(name, HostBuilds.Snapshot(projectDirectory), new Dictionary<string, string>(environment), FreePort());
    }

    public void Launch()
    {
        if (_process is not null)
            throw new InvalidOperationException($"{Name} is already running.");

        var start = ++Starts;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(_dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(_dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.GetLeftPart(UriPartial.Authority));
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
        foreach (var (key, value) in _environment)
            info.Environment[key] = value;

        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => Append(start, "out", e.Data);
        process.ErrorDataReceived += (_, e) => Append(start, "err", e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        _launched.Restart();
        Append(start, "test", $"launched pid {process.Id}");
    }

    /// <summary>Launches and waits until <c>GET /health</c> answers 200.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Launch();
        await WaitHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }

    /// <summary>Runs a host that exits by itself (the migrator) and returns its exit code.</summary>
    public async Task<int> RunToExitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Launch();
        var process = _process!;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            throw new TimeoutException($"{Name} did not exit within {timeout.TotalSeconds:0} s.\n{LogTail()}");
        }

        _process = null;
        var code = process.ExitCode;
        Append(Starts, "test", $"exited with {code}");
        process.Dispose();
        return code;
    }

    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var process = _process ?? throw new InvalidOperationException($"{Name} is not running.");
            if (process.HasExited)
                throw new InvalidOperationException($"{Name} exited with code {process.ExitCode} before /health answered.\n{LogTail()}");

            try
            {
                using var response = await http.GetAsync(new Uri("health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    LastStartup = _launched.Elapsed;
                    Append(Starts, "test", $"healthy {LastStartup.TotalMilliseconds:0} ms after launch");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Listening but not answering yet.
            }

            if (waited.Elapsed > timeout)
                throw new TimeoutException($"{Name}: /health did not answer 200 within {timeout.TotalSeconds:0} s.\n{LogTail()}");
            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>SIGKILL: no shutdown hooks, exactly what the OOM killer or a node failure does.</summary>
    public void Kill()
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} is not running.");
        _process = null;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited; the log tail says why.
        }

        process.WaitForExit();
        Append(Starts, "test", $"killed; exit code {process.ExitCode}");
        process.Dispose();
    }

    /// <summary>SIGTERM and wait: the graceful stop Kubernetes gives a pod (consumers close, offsets commit).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var process = _process ?? throw new InvalidOperationException($"{Name} is not running.");
        _process = null;
        _ = Kill(process.Id, SigTerm);
        await process.WaitForExitAsync(cancellationToken);
        Append(Starts, "test", $"stopped; exit code {process.ExitCode}");
        process.Dispose();
    }

    public string LogTail(int lines = 80)
    {
        lock (_logLock)
        {
            var tail = _log.Skip(Math.Max(0, _log.Count - lines));
            return $"---- {Name} log (last {lines} lines) ----\n" + string.Join('\n', tail);
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_process is not null)
            Kill();
        return ValueTask.CompletedTask;
    }

    private void Append(int start, string stream, string? line)
    {
        if (line is null)
            return;

        lock (_logLock)
        {
            _log.Enqueue(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,7:0.000}s #{start} {stream}] {line}"));
            while (_log.Count > MaxLogLines)
                _log.Dequeue();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}

/// <summary>Finds each host's build output and copies it once per test run.</summary>
public static class HostBuilds
{
    private static readonly Dictionary<string, string> Snapshots = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();

    public static string Snapshot(string projectDirectory)
    {
        lock (Gate)
        {
            if (Snapshots.TryGetValue(projectDirectory, out var dll))
                return dll;

            // The tests' configuration is the hosts': building the tests builds them (ProjectReferences) the same way.
            var configuration = typeof(HostBuilds).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
            // A test project lists the hosts it launches as build-order-only ProjectReferences.
            var name = Path.GetFileName(projectDirectory);
            var build = Path.Combine(RepositoryRoot(), projectDirectory, "bin", configuration, "net10.0");
            if (!File.Exists(Path.Combine(build, name + ".dll")))
                throw new InvalidOperationException($"No build of {name} at {build}; build the test project (it builds the hosts it launches first).");

            var copy = Directory.CreateTempSubdirectory($"lifeos-{name}-").FullName;
            CopyDirectory(build, copy);
            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    Directory.Delete(copy, recursive: true);
                }
                catch (IOException)
                {
                    // The OS temp cleaner gets it.
                }
            };
            dll = Path.Combine(copy, name + ".dll");
            Snapshots[projectDirectory] = dll;
            return dll;
        }
    }

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "LifeOS.sln")))
                return directory.FullName;
        }

        throw new InvalidOperationException($"No LifeOS.sln above {AppContext.BaseDirectory}.");
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        foreach (var directory in Directory.EnumerateDirectories(from))
            CopyDirectory(directory, Path.Combine(to, Path.GetFileName(directory)));
    }
}
