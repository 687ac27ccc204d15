namespace LifeOS.Kafka.Tests;

/// <summary>The event log contract, the same tests the embedded log passes, on Kafka (librdkafka's mock cluster).</summary>
public sealed class KafkaEventLogContractTests(MockClusterFixture fixture) : EventLogContract, IClassFixture<MockClusterFixture>
{
    // Every open is a new client on the same cluster, so ReopenAsync is a process restart against a broker that stays up.
    protected override Task<IEventLog> OpenAsync() => Task.FromResult<IEventLog>(new KafkaEventLog(fixture.Options()));

    protected override Task WaitUntilAssignedAsync(IReadOnlyList<IEventConsumer> members) => GroupAssignment.WaitUntilSettledAsync(members);
}
