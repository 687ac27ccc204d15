using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace LifeOS.Testing.Servers;

/// <summary>A private PostgreSQL cluster for one test run, started from Debian's binaries in a temp folder on a free loopback port.</summary>
/// <remarks>
/// Use it as an xUnit assembly fixture (<c>[assembly: AssemblyFixture(typeof(PostgresServer))]</c>) and give each test
/// class its own database with <see cref="CreateDatabaseAsync"/>. Trust authentication, fsync on: commits behave as in
/// production, so restart and crash tests mean something. When <c>LIFEOS_TEST_POSTGRES</c> holds a connection string,
/// that server is used instead and nothing is started; it cannot be restarted from here, so tests that need
/// <see cref="RestartAsync"/> skip with <see cref="CannotRestartReason"/>.
/// </remarks>
public sealed class PostgresServer : IAsyncLifetime
{
    /// <summary>The variable that points the tests at an existing server instead of a private cluster.</summary>
    public const string ExternalServerVariable = "LIFEOS_TEST_POSTGRES";

    private const string OsUser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);

    private readonly List<string> _createdDatabases = [];
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private string? _binDirectory;
    private string? _root;
    private string? _dataDirectory;
    private string? _logFile;
    private bool _runAsPostgresUser;
    private int _port;
    private bool _running;

    /// <summary>Connection string of the maintenance database (<c>postgres</c>); use <see cref="CreateDatabaseAsync"/> for test data.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>True for the private cluster; false for a server named by <see cref="ExternalServerVariable"/>.</summary>
    public bool CanRestart => CannotRestartReason is null;

    /// <summary>Why <see cref="RestartAsync"/>, <see cref="StopAsync"/> and <see cref="StartAsync"/> are unavailable, or null when they work.</summary>
    public string? CannotRestartReason { get; private set; }

    /// <summary>Starts a cluster outside xUnit (the benchmark tool uses this); dispose it to stop the cluster and delete its files.</summary>
    public static async Task<PostgresServer> StartNewAsync(CancellationToken cancellationToken = default)
    {
        var server = new PostgresServer();
        try
        {
            await server.InitializeAsync().AsTask().WaitAsync(cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    public async ValueTask InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            ConnectionString = new NpgsqlConnectionStringBuilder(external) { Pooling = false }.ConnectionString;
            CannotRestartReason = $"{ExternalServerVariable} points the tests at an existing PostgreSQL server, which they cannot restart";
            await WaitUntilAcceptingAsync(TimeSpan.FromSeconds(30));
            return;
        }

        _binDirectory = FindBinaries();
        _runAsPostgresUser = Environment.IsPrivilegedProcess;
        _root = Directory.CreateTempSubdirectory("lifeos-pg-").FullName;
        _dataDirectory = Path.Combine(_root, "data");
        _logFile = Path.Combine(_root, "server.log");
        // initdb refuses to run as root, and the server must own its data folder.
        if (_runAsPostgresUser)
            await RunAsync("chown", ["-R", $"{OsUser}:{OsUser}", _root], asPostgres: false);

        // --no-sync only skips flushing initdb's own files; the server itself runs with fsync on.
        await RunAsync(Tool("initdb"), ["-D", _dataDirectory, "-U", OsUser, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"], asPostgres: true);
        AppDomain.CurrentDomain.ProcessExit += StopOnExit;

        // A free port can be taken between finding it and binding it (other test projects start clusters too): try again.
        for (var attempt = 1; ; attempt++)
        {
            _port = FreePort();
            WriteSettings();
            try
            {
                await PgCtlAsync("start");
                break;
            }
            catch (InvalidOperationException) when (attempt < 3 && ReadLog().Contains("could not bind", StringComparison.Ordinal))
            {
            }
        }

        _running = true;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = _port,
            Username = OsUser,
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
        await WaitUntilAcceptingAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public Task<string> CreateDatabaseAsync(CancellationToken cancellationToken) => CreateDatabaseAsync("lifeos_test", null, cancellationToken);

    /// <summary>Creates an empty database (optionally a copy of <paramref name="template"/>) and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "lifeos_test", string? template = null, CancellationToken cancellationToken = default)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        if (name.Length > 63)
            name = name[..63];
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = template is null
                ? $"CREATE DATABASE \"{name}\""
                : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        lock (_createdDatabases)
            _createdDatabases.Add(name);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name, Pooling = true }.ConnectionString;
    }

    /// <summary>Stops the cluster (fast shutdown: open sessions are cut, committed work stays) and starts it again on the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    /// <summary>Stops the cluster; connections fail until <see cref="StartAsync"/>.</summary>
    public async Task StopAsync()
    {
        EnsureRestartable();
        await _lifecycle.WaitAsync();
        try
        {
            if (_running)
                await PgCtlAsync("stop", "-m", "fast");
            _running = false;
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Starts a stopped cluster on the same port and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        EnsureRestartable();
        await _lifecycle.WaitAsync();
        try
        {
            if (!_running)
                await PgCtlAsync("start");
            _running = true;
        }
        finally
        {
            _lifecycle.Release();
        }

        await WaitUntilAcceptingAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataDirectory is null)
        {
            await DropCreatedDatabasesAsync();
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        if (_running)
        {
            try
            {
                await PgCtlAsync("stop", "-m", "immediate");
            }
            catch (InvalidOperationException)
            {
                // Already gone; the folder is removed either way.
            }
        }

        _running = false;
        try
        {
            Directory.Delete(_root!, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner gets it.
        }

        _lifecycle.Dispose();
    }

    private void EnsureRestartable()
    {
        if (CannotRestartReason is not null)
            throw new NotSupportedException(CannotRestartReason);
    }

    // On an external server the test databases would otherwise pile up run after run.
    private async Task DropCreatedDatabasesAsync()
    {
        string[] names;
        lock (_createdDatabases)
            names = [.. _createdDatabases];
        if (names.Length == 0)
            return;

        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        foreach (var name in names)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            await command.ExecuteNonQueryAsync();
        }
    }

    private async Task WaitUntilAcceptingAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(ConnectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or SocketException && deadline.Elapsed < timeout)
            {
                await Task.Delay(100);
            }
        }
    }

    private static string FindBinaries()
    {
        const string debian15 = "/usr/lib/postgresql/15/bin";
        if (File.Exists(Path.Combine(debian15, "pg_ctl")))
            return debian15;

        // Another Debian major version works as well; the newest one wins.
        var other = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        return other ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries (initdb, pg_ctl) not found in {debian15}: run tools/install-test-prerequisites.sh, "
            + $"or set {ExternalServerVariable} to the connection string of a server the tests may create databases on.");
    }

    private string Tool(string name) => Path.Combine(_binDirectory!, name);

    private void WriteSettings()
    {
        // postgresql.auto.conf is read last, so these win over the defaults initdb wrote; pg_ctl restart keeps them.
        var settings = new StringBuilder()
            .AppendLine("listen_addresses = '127.0.0.1'")
            .AppendLine($"port = {_port}")
            .AppendLine("unix_socket_directories = ''")
            .AppendLine("fsync = on")
            .AppendLine("synchronous_commit = on")
            .AppendLine("full_page_writes = on")
            .AppendLine("max_connections = 300")
            .AppendLine("shared_buffers = '128MB'")
            .AppendLine("max_wal_size = '1GB'")
            .AppendLine("log_min_messages = warning")
            .ToString();
        var path = Path.Combine(_dataDirectory!, "postgresql.auto.conf");
        File.WriteAllText(path, settings);
        if (_runAsPostgresUser)
            RunAsync("chown", [$"{OsUser}:{OsUser}", path], asPostgres: false).GetAwaiter().GetResult();
    }

    private Task PgCtlAsync(string action, params string[] extra) =>
        RunAsync(Tool("pg_ctl"), ["-D", _dataDirectory!, "-l", _logFile!, "-w", "-t", "60", .. extra, action], asPostgres: true);

    private string ReadLog()
    {
        try
        {
            return File.Exists(_logFile) ? File.ReadAllText(_logFile) : "";
        }
        catch (IOException)
        {
            return "";
        }
    }

    private async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asPostgres)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres && _runAsPostgresUser)
        {
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", OsUser, "--", program, .. arguments])
                start.ArgumentList.Add(argument);
        }
        else
        {
            start.FileName = program;
            foreach (var argument in arguments)
                start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            var log = ReadLog();
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} failed with exit code {process.ExitCode}: "
                + $"{await error}{await output}{(log.Length > 0 ? $"\nserver log:\n{log[^Math.Min(log.Length, 4000)..]}" : "")}");
        }
    }

    // If the test host exits without disposing fixtures (a crash, Ctrl+C), the cluster must not outlive it.
    private void StopOnExit(object? sender, EventArgs e)
    {
        if (!_running)
            return;
        try
        {
            RunAsync(Tool("pg_ctl"), ["-D", _dataDirectory!, "-m", "immediate", "-w", "stop"], asPostgres: true).GetAwaiter().GetResult();
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
