using System.CommandLine;

namespace LifeOS.PgBench;

/// <summary>Everything one benchmark run needs, parsed from the command line.</summary>
public sealed record BenchOptions(int Rows, int Batch, string? Connection, int Users, int Seed, int Rounds, string? Psql);

/// <summary>The command line: every option with its help text, defaults and checks.</summary>
public static class PgBenchCommand
{
    public static RootCommand Create(Func<BenchOptions, CancellationToken, Task<int>> run)
    {
        var rows = Positive(new Option<int>("--rows")
        {
            HelpName = "n",
            Description = "Events to generate: heart rate (1 Hz per watch) and step counts (one a minute) as samples, "
                + "app lifecycle events from phones, over several users and devices.",
            DefaultValueFactory = _ => 200_000,
        });
        var batch = Positive(new Option<int>("--batch")
        {
            HelpName = "events",
            Description = "Events per ILifeStore.WriteAsync call (the persistence worker's batches are up to 2000).",
            DefaultValueFactory = _ => 2000,
        });
        var connection = new Option<string?>("--connection")
        {
            HelpName = "npgsql",
            Description = "Npgsql connection string of a server where the benchmark may create two databases (it needs "
                + "CREATEDB; the databases are dropped at the end). When omitted, a private PostgreSQL cluster is "
                + "started from the Debian binaries (/usr/lib/postgresql/15/bin) in a temp folder on a free loopback "
                + "port, fsync on, and removed at the end; LIFEOS_TEST_POSTGRES, when set, is used instead.",
        };
        var users = Positive(new Option<int>("--users")
        {
            HelpName = "n",
            Description = "Users; each has a watch, a ring and a phone.",
            DefaultValueFactory = _ => 4,
        });
        var seed = new Option<int>("--seed")
        {
            HelpName = "n",
            Description = "Seed of the generated data; the same seed gives the same rows.",
            DefaultValueFactory = _ => 42,
        };
        var rounds = Positive(new Option<int>("--rounds")
        {
            HelpName = "n",
            Description = "Measure this many times, each on fresh databases, alternating which path goes first; "
                + "the summary gives the median of each rate and of the ratio.",
            DefaultValueFactory = _ => 3,
        });
        var psql = new Option<string?>("--psql")
        {
            HelpName = "path",
            Description = "The psql binary for the \\copy baseline. Default: psql next to the server binaries, else on PATH.",
        };

        var command = new RootCommand(
            "Benchmarks the PostgreSQL store's write path. Generates the rows once, then per round, on two fresh "
            + "migrated databases on the same server: (a) writes them through PostgresLifeStore.WriteAsync in --batch "
            + "sized calls, one after another like the persistence worker (binary COPY to a staging table, INSERT ... "
            + "ON CONFLICT DO NOTHING into events and samples, one commit per batch); (b) loads the same rows, written "
            + "to CSV files beforehand, with psql \\copy into the same tables (one COPY per table). Prints rows/s of "
            + "both and the ratio store/copy (goal: 0.7 or more). Exit code 1 when the two databases do not end up "
            + "with the same rows.")
        {
            rows, batch, connection, users, seed, rounds, psql,
        };

        command.SetAction((parse, cancellationToken) => run(new BenchOptions(
            parse.GetValue(rows),
            parse.GetValue(batch),
            parse.GetValue(connection),
            parse.GetValue(users),
            parse.GetValue(seed),
            parse.GetValue(rounds),
            parse.GetValue(psql)), cancellationToken));
        return command;
    }

    private static Option<int> Positive(Option<int> option)
    {
        option.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() < 1)
                r.AddError($"{option.Name} must be 1 or more.");
        });
        return option;
    }
}
