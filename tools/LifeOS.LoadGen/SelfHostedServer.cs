using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace LifeOS.LoadGen;

/// <summary>The server could not be found or started; the message says what to do.</summary>
public sealed class ServerStartException(string message) : Exception(message);

/// <summary>The built LifeOS.Server run as a child process on a free loopback port with a throwaway data dir and token.</summary>
public sealed class SelfHostedServer : IAsyncDisposable
{
    private const string ServerProject = "services/LifeOS.Server";
    private const int OutputLinesKept = 40;
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly DirectoryInfo _dataDir;
    private readonly Queue<string> _output = new();

    private SelfHostedServer(Process process, DirectoryInfo dataDir, Uri baseUrl, string token, string dllPath)
    {
        _process = process;
        _dataDir = dataDir;
        BaseUrl = baseUrl;
        Token = token;
        DllPath = dllPath;
    }

    public Uri BaseUrl { get; }

    public string Token { get; }

    public string DllPath { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote, for when it fails to start or dies mid-run.</summary>
    public string OutputTail
    {
        get
        {
            lock (_output)
                return string.Join(Environment.NewLine, _output);
        }
    }

    public static async Task<SelfHostedServer> StartAsync(CancellationToken cancellationToken)
    {
        var dll = FindServerDll();
        var port = FreeLoopbackPort();
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var dataDir = Directory.CreateTempSubdirectory("lifeos-loadgen-server-");
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");

        var startInfo = new ProcessStartInfo
        {
            // Under `dotnet run` this process is the apphost, so ask the SDK which muxer launched us.
            FileName = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet",
            ArgumentList = { dll, "--urls", $"http://127.0.0.1:{port}" },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.Environment["LifeOS__DataDir"] = dataDir.FullName;
        startInfo.Environment["LifeOS__Auth__BootstrapToken"] = token;

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var server = new SelfHostedServer(process, dataDir, baseUrl, token, dll);
        // Output must be drained, or the server blocks once the pipe buffer fills; keep the tail for errors.
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        try
        {
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await server.WaitUntilHealthyAsync(cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started: nothing to stop.
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"warning: server process {_process.Id} did not exit within 10 s of being killed.");
        }

        _process.Dispose();
        DeleteDataDir();
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new IngestClient(BaseUrl, Token, 1);
        var deadline = Stopwatch.GetTimestamp() + (long)(StartTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new ServerStartException(
                    $"The server exited with code {_process.ExitCode} before it was healthy. Its last output:{Environment.NewLine}{OutputTail}");
            }

            if (await client.IsHealthyAsync(cancellationToken))
                return;
            await Task.Delay(100, cancellationToken);
        }

        throw new ServerStartException(
            $"The server did not answer GET /health within {StartTimeout.TotalSeconds:0} s. Its last output:{Environment.NewLine}{OutputTail}");
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_output)
        {
            _output.Enqueue(line);
            if (_output.Count > OutputLinesKept)
                _output.Dequeue();
        }
    }

    private void DeleteDataDir()
    {
        // The process tree may hold files a moment after it exits; a few tries beats leaving the dir behind.
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                _dataDir.Refresh();
                if (_dataDir.Exists)
                    _dataDir.Delete(recursive: true);
                return;
            }
            catch (IOException)
            {
                Thread.Sleep(200);
            }
            catch (UnauthorizedAccessException)
            {
                Thread.Sleep(200);
            }
        }

        Console.Error.WriteLine($"warning: could not delete the server's data dir {_dataDir.FullName}.");
    }

    private static string FindServerDll()
    {
        var root = new DirectoryInfo(Environment.CurrentDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "LifeOS.sln")))
            root = root.Parent;
        if (root is null)
        {
            throw new ServerStartException(
                $"No LifeOS.sln above {Environment.CurrentDirectory}: run from inside the repository, or pass --url and --token.");
        }

        foreach (var configuration in (string[])["Release", "Debug"])
        {
            var dll = Path.Combine(root.FullName, ServerProject, "bin", configuration, "net10.0", "LifeOS.Server.dll");
            if (File.Exists(dll))
                return dll;
        }

        throw new ServerStartException(
            $"LifeOS.Server is not built. Build it first:{Environment.NewLine}"
            + $"  cd {root.FullName} && dotnet build -c Release {ServerProject}");
    }

    private static int FreeLoopbackPort()
    {
        // Port 0 makes the OS pick; there is a small window before the server binds it, acceptable for a tool.
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
