using LifeOS.PgBench;

// Parsing, --help and the exit code come from System.CommandLine; the run itself is BenchRun.
var command = PgBenchCommand.Create(BenchRun.ExecuteAsync);
return await command.Parse(args).InvokeAsync();
