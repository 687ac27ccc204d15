using System.Diagnostics;
using LifeOS.Postgres.Tests.Support;
using LifeOS.Storage.Postgres.Schema;

namespace LifeOS.Postgres.Tests.Schema;

/// <summary>The migrator as the AppHost runs it: a process configured by environment variables, judged by exit code and output.</summary>
public sealed class MigratorProcessTests(PostgresServer server)
{
    private static async Task<(int ExitCode, string Output)> RunAsync(IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "LifeOS.Migrator.dll"));
        start.Environment.Remove("ConnectionStrings__timescale");
        foreach (var (name, value) in environment)
            start.Environment[name] = value;

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    [Fact]
    public async Task It_migrates_a_fresh_database_prints_what_it_did_and_exits_0_then_finds_nothing_to_do()
    {
        var database = await TestDatabases.CreateEmptyAsync(server);

        var (code, output) = await RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__timescale"] = database });
        var (againCode, again) = await RunAsync(new Dictionary<string, string?> { ["ConnectionStrings__timescale"] = database });

        Assert.True(code == 0, output);
        Assert.Contains($"is at schema version {PostgresSchema.RequiredVersion} (plain PostgreSQL); applied 0001_accounts", output, StringComparison.Ordinal);
        Assert.True(againCode == 0, again);
        Assert.Contains("nothing to apply", again, StringComparison.Ordinal);
        Assert.Equal(PostgresSchema.RequiredVersion, await TestDatabases.ScalarAsync<int>(database, "SELECT max(version) FROM schema_migrations"));
    }

    [Fact]
    public async Task A_missing_connection_string_exits_2_and_says_what_to_set()
    {
        var (code, output) = await RunAsync(new Dictionary<string, string?>());

        Assert.Equal(2, code);
        Assert.Contains("set ConnectionStrings__timescale", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_never_answers_exits_3_after_waiting_visibly()
    {
        var (code, output) = await RunAsync(new Dictionary<string, string?>
        {
            // Port 1 on loopback: nothing listens there.
            ["ConnectionStrings__timescale"] = "Host=127.0.0.1;Port=1;Username=postgres;Database=lifeos",
            ["LifeOS__Migrator__ConnectTimeoutSeconds"] = "2",
        });

        Assert.Equal(3, code);
        Assert.Contains("Waiting for PostgreSQL at 127.0.0.1:1/lifeos to accept connections", output, StringComparison.Ordinal);
        Assert.Contains("did not accept connections within 2 s", output, StringComparison.Ordinal);
    }
}
