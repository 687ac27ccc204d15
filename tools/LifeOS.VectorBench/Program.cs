using LifeOS.VectorBench;

// Parsing, --help and the exit code come from System.CommandLine; the run itself is BenchRun.
var command = BenchCommand.Create(BenchRun.ExecuteAsync);
return await command.Parse(args).InvokeAsync();
