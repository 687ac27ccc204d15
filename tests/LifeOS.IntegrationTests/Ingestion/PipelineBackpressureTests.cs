using System.Text;
using LifeOS.Eventing;
using LifeOS.Eventing.Embedded;
using LifeOS.Ingestion;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LifeOS.IntegrationTests.Ingestion;

/// <summary>Backpressure on a real embedded log: acknowledgements are held while a consumer group lags, released when it catches up.</summary>
public sealed class PipelineBackpressureTests : IAsyncLifetime
{
    private const string Topic = "test.backpressure.raw";
    private readonly TempDirectory _directory = new();
    private SqliteEventLog _log = null!;

    public async ValueTask InitializeAsync()
    {
        _log = new SqliteEventLog(_directory.File("log.db"));
        await _log.EnsureTopicsAsync([new TopicSpec(Topic, 1, TimeSpan.FromDays(1))]);
    }

    public async ValueTask DisposeAsync()
    {
        await _log.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Acknowledgements_wait_while_the_group_lags_and_resume_when_it_catches_up()
    {
        var options = Options.Create(new IngestionOptions { MaxPipelineLag = 5, MaxBackpressureWait = TimeSpan.FromMilliseconds(200) });
        using var backpressure = new PipelineBackpressure(_log, [new ConsumerGroupInfo("persistence", [Topic])], options, NullLogger<PipelineBackpressure>.Instance);
        await backpressure.StartAsync(TestContext.Current.CancellationToken);

        await backpressure.WaitForRoomAsync(TestContext.Current.CancellationToken);
        await _log.AppendAsync([.. Enumerable.Range(0, 10).Select(i =>
            new OutgoingMessage(Topic, "k", Encoding.UTF8.GetBytes($"{i}"), new Dictionary<string, string>(), DateTimeOffset.UtcNow))]);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        TimeoutException? held = null;
        while (held is null && DateTime.UtcNow < deadline)
        {
            try
            {
                await backpressure.WaitForRoomAsync(TestContext.Current.CancellationToken);
                await Task.Delay(20);
            }
            catch (TimeoutException ex)
            {
                held = ex;
            }
        }

        Assert.NotNull(held);
        Assert.Contains("10 events behind", held.Message);

        await using (var consumer = await _log.SubscribeAsync("persistence", [Topic]))
            await consumer.CommitAsync(await consumer.PollAsync(100, TimeSpan.FromSeconds(5)));

        // The lag is sampled every 100 ms; within a few samples the wait must end without a timeout.
        var released = false;
        deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!released && DateTime.UtcNow < deadline)
        {
            try
            {
                await backpressure.WaitForRoomAsync(TestContext.Current.CancellationToken);
                released = true;
            }
            catch (TimeoutException)
            {
                // Not sampled yet; try again.
            }
        }

        Assert.True(released);
        await backpressure.StopAsync(TestContext.Current.CancellationToken);
    }
}
