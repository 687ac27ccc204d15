using LifeOS.KafkaMock;

// Parsing, --help and the exit code come from System.CommandLine; the broker itself is MockBroker.
var command = KafkaMockCommand.Create(MockBroker.RunAsync);
return await command.Parse(args).InvokeAsync();
