using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace LifeOS.EndToEnd.Tests;

/// <summary>The real LifeOS.Server as a child process on one port and data folder, which a test can SIGKILL and start again.</summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    public const string Token = "e2e-crash-test-bootstrap-token";
    private const int MaxLogLines = 500;

    // Other engineers rebuild the server while tests run; a copy keeps every restart on the same, complete binaries.
    private static readonly Lazy<string> ServerDll = new(SnapshotServerBuild, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _dataDir;
    private readonly Queue<string> _log = new();
    private readonly Lock _logLock = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Stopwatch _launched = new();
    private Process? _process;

    private ServerProcess(string dataDir, int port)
    {
        _dataDir = dataDir;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>How many times the process was started (the current start's number).</summary>
    public int Starts { get; private set; }

    /// <summary>From launch to the first 200 from /health, the last time it got there.</summary>
    public TimeSpan LastStartup { get; private set; }

    public static ServerProcess Create(string dataDir) => new(dataDir, FreePort());

    /// <summary>Launches the process without waiting for it to answer (a kill during start-up needs exactly that).</summary>
    public void Launch()
    {
        if (_process is not null)
            throw new InvalidOperationException("The server is already running.");

        var dll = ServerDll.Value;
        var start = ++Starts;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.GetLeftPart(UriPartial.Authority));
        info.Environment["LifeOS__DataDir"] = _dataDir;
        info.Environment["LifeOS__Auth__BootstrapToken"] = Token;
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

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

    /// <summary>Launches the process and waits until <c>GET /health</c> answers 200.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        Launch();
        await WaitHealthyAsync(TimeSpan.FromSeconds(30), cancellationToken);
    }

    public async Task WaitHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var process = _process ?? throw new InvalidOperationException("The server is not running.");
            if (process.HasExited)
                throw new InvalidOperationException($"The server exited with code {process.ExitCode} before /health answered.\n{LogTail()}");

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
                throw new TimeoutException($"/health did not answer 200 within {timeout.TotalSeconds:0} s.\n{LogTail()}");
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>SIGKILL (Process.Kill on Linux), no shutdown hooks: exactly what a power cut or the OOM killer does to the process.</summary>
    public void Kill()
    {
        var process = _process ?? throw new InvalidOperationException("The server is not running.");
        _process = null;
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It had already exited; the log tail says why.
        }

        // Also waits for the redirected output to reach its end, so the log tail is complete.
        process.WaitForExit();
        Append(Starts, "test", $"killed; exit code {process.ExitCode}");
        process.Dispose();
    }

    /// <summary>The last lines the server wrote, each tagged with the start it came from.</summary>
    public string LogTail(int lines = 120)
    {
        lock (_logLock)
        {
            var tail = _log.Skip(Math.Max(0, _log.Count - lines));
            return "---- server log (last " + lines + " lines) ----\n" + string.Join('\n', tail);
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

    private static string SnapshotServerBuild()
    {
        // The tests' configuration is the server's: building the tests builds the server (a ProjectReference) the same way.
        var configuration = typeof(ServerProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var build = Path.Combine(RepositoryRoot(), "services", "LifeOS.Server", "bin", configuration, "net10.0");
        if (!File.Exists(Path.Combine(build, "LifeOS.Server.dll")))
            throw new InvalidOperationException($"No server build at {build}; build tests/LifeOS.EndToEnd.Tests (it builds the server first).");

        var copy = Directory.CreateTempSubdirectory("lifeos-e2e-server-").FullName;
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
        return Path.Combine(copy, "LifeOS.Server.dll");
    }

    private static string RepositoryRoot()
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
