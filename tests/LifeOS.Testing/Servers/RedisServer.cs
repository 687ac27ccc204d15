using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LifeOS.Testing.Servers;

/// <summary>A private Redis server for one test run, started from Debian's <c>redis-server</c> in a temp folder on a
/// free loopback port, with persistence off.</summary>
/// <remarks>
/// Use it as an xUnit assembly fixture (<c>[assembly: AssemblyFixture(typeof(RedisServer))]</c>) and give each test its
/// own key prefix (<see cref="NewKeyPrefix"/>) so tests can share the server in parallel. When <c>LIFEOS_TEST_REDIS</c>
/// holds a connection string (<c>host:port[,password=...]</c>), that server is used instead and nothing is started;
/// it cannot be restarted from here, so tests that need <see cref="RestartAsync"/> skip with
/// <see cref="CannotRestartReason"/>. Every key the state store writes expires, so an external server is not left
/// holding test data.
/// </remarks>
public sealed class RedisServer : IAsyncLifetime
{
    /// <summary>The variable that points the tests at an existing server instead of a private one.</summary>
    public const string ExternalServerVariable = "LIFEOS_TEST_REDIS";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private string? _binary;
    private string? _root;
    private string? _password;
    private Process? _process;
    private int _port;

    /// <summary>The StackExchange.Redis connection string of the server (<c>127.0.0.1:port</c> for a private one).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>True for the private server; false for one named by <see cref="ExternalServerVariable"/>.</summary>
    public bool CanRestart => CannotRestartReason is null;

    /// <summary>Why <see cref="RestartAsync"/>, <see cref="StopAsync"/> and <see cref="StartAsync"/> are unavailable, or null when they work.</summary>
    public string? CannotRestartReason { get; private set; }

    /// <summary>Starts a server outside xUnit (or a private one a test may restart without disturbing others);
    /// dispose it to stop the server and delete its folder.</summary>
    public static async Task<RedisServer> StartNewAsync()
    {
        var server = new RedisServer();
        await server.InitializeAsync();
        return server;
    }

    /// <summary>A key prefix no other test uses.</summary>
    public static string NewKeyPrefix() => $"lifeos-test:{Guid.NewGuid():N}:";

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = external;
            (var host, _port, _password) = ParseConnectionString(external);
            CannotRestartReason = $"{ExternalServerVariable} points the tests at an existing Redis server, which they cannot restart";
            await WaitUntilAnsweringAsync(host, exited: null);
            return;
        }

        _binary = FindBinary();
        _root = Directory.CreateTempSubdirectory("lifeos-redis-").FullName;
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;
        // A free port can be taken between finding it and binding it (other test projects start servers too): try again.
        for (var attempt = 1; ; attempt++)
        {
            _port = FreePort();
            try
            {
                await StartProcessAsync();
                break;
            }
            catch (InvalidOperationException) when (attempt < 3 && ReadLog().Contains("Address already in use", StringComparison.Ordinal))
            {
            }
        }

        ConnectionString = $"127.0.0.1:{_port}";
    }

    /// <summary>Stops the server (its data goes: persistence is off, as for the ephemeral state it holds) and starts it
    /// again on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Kills the server; connections fail until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        EnsureRestartable();
        await _lifecycle.WaitAsync();
        try
        {
            await KillAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts a stopped server on the same port and waits until it answers.</summary>
    public async Task StartAsync()
    {
        EnsureRestartable();
        await _lifecycle.WaitAsync();
        try
        {
            if (_process is null)
                await StartProcessAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_root is null)
            return;
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        await KillAsync();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner gets it.
        }

        _lifecycle.Dispose();
    }

    private async Task StartProcessAsync()
    {
        var start = new ProcessStartInfo(_binary!)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _root!,
        };
        // --save "" and --appendonly no: nothing is persisted, the state store holds only ephemeral data.
        foreach (var argument in (string[])[
            "--port", $"{_port}", "--bind", "127.0.0.1", "--dir", _root!, "--save", "", "--appendonly", "no",
            "--daemonize", "no", "--logfile", LogFile, "--unixsocket", "", "--loglevel", "warning"])
            start.ArgumentList.Add(argument);

        File.Delete(LogFile);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {_binary}");
        // Drain the pipes so a chatty server can never block on a full one.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        try
        {
            await WaitUntilAnsweringAsync("127.0.0.1", process);
        }
        catch
        {
            await KillAsync();
            throw;
        }
    }

    private async Task KillAsync()
    {
        var process = _process;
        _process = null;
        if (process is null)
            return;
        try
        {
            if (!process.HasExited)
                process.Kill();
            await process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private async Task WaitUntilAnsweringAsync(string host, Process? exited)
    {
        var deadline = Stopwatch.StartNew();
        string? lastError = null;
        while (deadline.Elapsed < StartTimeout)
        {
            if (exited is { HasExited: true })
                throw new InvalidOperationException($"redis-server exited with code {exited.ExitCode} on port {_port}: {ReadLog()}");
            try
            {
                var answer = await PingAsync(host, _port, _password);
                if (answer.StartsWith("+PONG", StringComparison.Ordinal))
                    return;
                lastError = answer;
            }
            catch (Exception ex) when (ex is SocketException or IOException)
            {
                lastError = ex.Message;
            }

            await Task.Delay(50);
        }

        throw new InvalidOperationException($"Redis on {host}:{_port} did not answer PING within {StartTimeout.TotalSeconds:0} s ({lastError}). {ReadLog()}");
    }

    private static async Task<string> PingAsync(string host, int port, string? password)
    {
        using var client = new TcpClient();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
        await client.ConnectAsync(host, port, timeout.Token);
        var stream = client.GetStream();
        if (password is not null)
        {
            var auth = await CommandAsync(stream, ["AUTH", password], timeout.Token);
            if (!auth.StartsWith("+OK", StringComparison.Ordinal))
                return auth;
        }

        return await CommandAsync(stream, ["PING"], timeout.Token);
    }

    // One command as a RESP array, so any password goes through unquoted; answers the first line of the reply.
    private static async Task<string> CommandAsync(NetworkStream stream, string[] arguments, CancellationToken cancellationToken)
    {
        var request = new StringBuilder($"*{arguments.Length}\r\n");
        foreach (var argument in arguments)
            request.Append($"${Encoding.UTF8.GetByteCount(argument)}\r\n{argument}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken);

        var line = new List<byte>();
        var one = new byte[1];
        while (!(line.Count >= 2 && line[^2] == '\r' && line[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
                throw new IOException("the server closed the connection");
            line.Add(one[0]);
        }

        return Encoding.UTF8.GetString(line.ToArray()).TrimEnd();
    }

    private static (string Host, int Port, string? Password) ParseConnectionString(string connectionString)
    {
        var parts = connectionString.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var endpoint = parts.FirstOrDefault(p => !p.Contains('=', StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"{ExternalServerVariable} names no host:port: '{connectionString}'");
        var colon = endpoint.LastIndexOf(':');
        var host = colon < 0 ? endpoint : endpoint[..colon];
        var port = colon < 0 ? 6379 : int.Parse(endpoint[(colon + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var password = parts.Where(p => p.StartsWith("password=", StringComparison.OrdinalIgnoreCase)).Select(p => p["password=".Length..]).FirstOrDefault();
        return (host, port, password);
    }

    private void EnsureRestartable()
    {
        if (CannotRestartReason is not null)
            throw new NotSupportedException(CannotRestartReason);
    }

    private string LogFile => Path.Combine(_root!, "server.log");

    private string ReadLog()
    {
        try
        {
            return _root is not null && File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string FindBinary()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Append("/usr/bin").Append("/usr/sbin")
            .Select(directory => Path.Combine(directory, "redis-server"))
            .FirstOrDefault(File.Exists);
        return path ?? throw new InvalidOperationException(
            "redis-server was not found on PATH or in /usr/bin: run tools/install-test-prerequisites.sh, "
            + $"or set {ExternalServerVariable} to the connection string (host:port) of a Redis server the tests may use.");
    }

    // If the test host exits without disposing fixtures (a crash, Ctrl+C), the server must not outlive it.
    private void StopOnExit(object? sender, EventArgs e)
    {
        try
        {
            _process?.Kill();
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
