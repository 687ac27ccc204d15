using System.Diagnostics;
using System.Globalization;
using LifeOS.Contracts;
using LifeOS.Storage.Postgres;
using LifeOS.Storage.Postgres.Schema;
using LifeOS.Testing.Servers;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LifeOS.PgBench;

/// <summary>One benchmark run: generate once, then per round load the same rows both ways into fresh databases and compare.</summary>
public static class BenchRun
{
    public static async Task<int> ExecuteAsync(BenchOptions options, CancellationToken cancellationToken)
    {
        await using var server = options.Connection is null ? await StartClusterAsync(cancellationToken) : null;
        var admin = options.Connection ?? server!.ConnectionString;
        var psql = options.Psql ?? FindPsql();

        var rows = RowGenerator.Generate(options.Rows, options.Users, options.Seed);
        var samples = rows.Count(r => r.Type is RowGenerator.HeartRate or RowGenerator.Steps);
        var folder = Directory.CreateTempSubdirectory("lifeos-pgbench-");
        try
        {
            var csv = new CsvFiles(folder.FullName);
            csv.Write(rows);
            await using var cluster = new BenchDatabases(admin);
            Console.WriteLine(await DescribeAsync(cluster, rows, samples, options));

            var results = new List<RoundResult>();
            for (var round = 1; round <= options.Rounds; round++)
            {
                var storeDatabase = await cluster.CreateMigratedAsync("pgbench_store", cancellationToken);
                var copyDatabase = await cluster.CreateMigratedAsync("pgbench_copy", cancellationToken);
                TimeSpan store, copy;
                // Alternating the order keeps a checkpoint or a warm cache from favouring one side every time.
                if (round % 2 == 1)
                {
                    store = await TimeStoreAsync(cluster, storeDatabase, rows, options.Batch, cancellationToken);
                    copy = await TimeCopyAsync(cluster, copyDatabase, psql, csv, cancellationToken);
                }
                else
                {
                    copy = await TimeCopyAsync(cluster, copyDatabase, psql, csv, cancellationToken);
                    store = await TimeStoreAsync(cluster, storeDatabase, rows, options.Batch, cancellationToken);
                }

                var problems = await BenchDatabases.CompareAsync(storeDatabase, copyDatabase, rows.Count, samples, cancellationToken);
                if (problems is not null)
                {
                    await Console.Error.WriteLineAsync($"round {round}: the two databases differ: {problems}");
                    return 1;
                }

                var result = new RoundResult(rows.Count / store.TotalSeconds, rows.Count / copy.TotalSeconds, store, copy);
                results.Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"round {round}: store {result.StoreRate,10:N0} rows/s ({store.TotalSeconds:0.00} s)   psql \\copy {result.CopyRate,10:N0} rows/s ({copy.TotalSeconds:0.00} s)   ratio {result.Ratio:0.00}"));
                await cluster.DropAsync(storeDatabase, cancellationToken);
                await cluster.DropAsync(copyDatabase, cancellationToken);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"median of {results.Count}: store {Median(results.Select(r => r.StoreRate)):N0} rows/s, psql \\copy {Median(results.Select(r => r.CopyRate)):N0} rows/s, "
                + $"ratio {Median(results.Select(r => r.Ratio)):0.00} (goal: 0.70 or more)"));
            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<PostgresServer> StartClusterAsync(CancellationToken cancellationToken)
    {
        await Console.Error.WriteLineAsync("starting a private PostgreSQL cluster (pass --connection to use a running server) ...");
        return await PostgresServer.StartNewAsync(cancellationToken);
    }

    private static async Task<TimeSpan> TimeStoreAsync(
        BenchDatabases cluster, string connectionString, IReadOnlyList<LifeEvent> rows, int batch, CancellationToken cancellationToken)
    {
        await using var database = new PostgresDatabase(connectionString);
        var store = new PostgresLifeStore(database);
        // Connected and the flavour known before the clock starts, as in a worker that has been running.
        await database.GetFlavourAsync(cancellationToken);
        await cluster.CheckpointAsync(cancellationToken);

        var elapsed = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += batch)
        {
            var slice = rows.Skip(start).Take(batch).ToList();
            var stored = await store.WriteAsync(slice, cancellationToken);
            if (stored != slice.Count)
                throw new InvalidOperationException($"the store kept {stored} of {slice.Count} new events");
        }

        return elapsed.Elapsed;
    }

    private static async Task<TimeSpan> TimeCopyAsync(
        BenchDatabases cluster, string connectionString, string psql, CsvFiles csv, CancellationToken cancellationToken)
    {
        await cluster.CheckpointAsync(cancellationToken);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(psql)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[
            "-X", "-q", "-v", "ON_ERROR_STOP=1",
            "-h", settings.Host!, "-p", settings.Port.ToString(CultureInfo.InvariantCulture),
            "-U", settings.Username ?? Environment.UserName, "-d", settings.Database!,
            "-c", $"\\copy events (user_id, device, seq, id, type, time, data) FROM '{csv.Events}' WITH (FORMAT csv)",
            "-c", $"\\copy samples (user_id, type, time, event_id, device, value) FROM '{csv.Samples}' WITH (FORMAT csv)"])
        {
            start.ArgumentList.Add(argument);
        }

        if (settings.Password is { } password)
            start.Environment["PGPASSWORD"] = password;

        var elapsed = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {psql}");
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var took = elapsed.Elapsed;
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"psql \\copy failed with exit code {process.ExitCode}: {await error}");
        return took;
    }

    private static async Task<string> DescribeAsync(BenchDatabases cluster, List<LifeEvent> rows, int samples, BenchOptions options)
    {
        var server = await cluster.DescribeServerAsync();
        return string.Create(CultureInfo.InvariantCulture,
            $"PgBench: {rows.Count:N0} events ({samples:N0} of them samples: heart rate, steps; {rows.Count - samples:N0} app events), "
            + $"{options.Users} users x 3 devices, batches of {options.Batch:N0}, {options.Rounds} round(s)\n{server}");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string FindPsql()
    {
        foreach (var candidate in new[] { "/usr/lib/postgresql/15/bin/psql", "/usr/bin/psql" })
        {
            if (File.Exists(candidate))
                return candidate;
        }

        return "psql";
    }

    private sealed record RoundResult(double StoreRate, double CopyRate, TimeSpan Store, TimeSpan Copy)
    {
        public double Ratio => StoreRate / CopyRate;
    }
}
