using System.Diagnostics;
using System.Runtime.InteropServices;
using LifeOS.Contracts;
using static LifeOS.Kafka.Tests.KafkaTestKit;

namespace LifeOS.Kafka.Tests;

/// <summary>The LifeOS.KafkaMock console, run as its own process: hosts elsewhere provision and use it, Ctrl+C stops it.</summary>
public sealed partial class KafkaMockToolTests
{
    private static Process Start(string arguments)
    {
        var tool = Path.Combine(AppContext.BaseDirectory, "LifeOS.KafkaMock.dll");
        var start = new ProcessStartInfo("dotnet", $"\"{tool}\" {arguments}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        return Process.Start(start) ?? throw new InvalidOperationException("could not start the tool");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    [Fact]
    public async Task A_host_in_another_process_provisions_and_uses_the_catalogue_topics_it_created()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sends SIGINT through libc, as Ctrl+C does on Linux");
        using var tool = Start("--brokers 2");
        try
        {
            var bootstrap = await tool.StandardOutput.ReadLineAsync(Cancellation).AsTask().WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
            Assert.NotNull(bootstrap);
            Assert.Equal(2, KafkaEventLogOptions.ParseConnectionString(bootstrap).Split(',').Length);

            // No topic creator: exactly what a host given ConnectionStrings__kafka does; it finds every topic in place.
            await using (var log = new KafkaEventLog(new KafkaEventLogOptions { BootstrapServers = bootstrap, AdminTimeout = TimeSpan.FromSeconds(5) }))
            {
                await new TopicProvisioner(log).StartAsync(Cancellation);
                var heartRate = TopicCatalogue.HeartRate.Name;
                await log.AppendAsync([Message(heartRate, "watch-1", "61")], Cancellation);
                Assert.Equal(1, await log.GetLagAsync("persistence", [heartRate], Cancellation));
            }
        }
        finally
        {
            Assert.Equal(0, Kill(tool.Id, 2)); // SIGINT, as Ctrl+C
        }

        await tool.WaitForExitAsync(Cancellation).WaitAsync(TimeSpan.FromSeconds(30), Cancellation);
        Assert.Equal(0, tool.ExitCode);
        Assert.Contains("# stopped", await tool.StandardOutput.ReadToEndAsync(Cancellation));
    }

    [Fact]
    public async Task A_bad_broker_count_is_refused_with_a_message_and_a_failing_exit_code()
    {
        using var tool = Start("--brokers 0");
        var errors = await tool.StandardError.ReadToEndAsync(Cancellation);
        await tool.WaitForExitAsync(Cancellation).WaitAsync(TimeSpan.FromSeconds(30), Cancellation);

        Assert.NotEqual(0, tool.ExitCode);
        Assert.Contains("--brokers must be between 1 and 16", errors);
    }
}
