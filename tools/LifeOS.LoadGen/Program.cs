using LifeOS.LoadGen;

// Parsing, --help and the exit code come from System.CommandLine; the run itself is LoadRun.
var command = LoadGenCommand.Create(LoadRun.ExecuteAsync);
return await command.Parse(args).InvokeAsync();
