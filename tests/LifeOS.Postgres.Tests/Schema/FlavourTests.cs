using LifeOS.Postgres.Tests.Support;
using LifeOS.Storage.Postgres.Schema;

namespace LifeOS.Postgres.Tests.Schema;

/// <summary>Which schema a database gets, and that the choice is visible to operators and to the store.</summary>
public sealed class FlavourTests(PostgresServer server)
{
    private async Task SkipWhenTimescaleIsAvailableAsync(string database)
    {
        var available = await TestDatabases.ScalarAsync<bool>(database, "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb')");
        Assert.SkipWhen(available, "this server has TimescaleDB; these tests cover plain PostgreSQL");
    }

    [Fact]
    public async Task Without_timescaledb_the_plain_postgresql_schema_is_chosen_and_reported()
    {
        var database = await TestDatabases.CreateEmptyAsync(server);
        await SkipWhenTimescaleIsAvailableAsync(database);

        var report = await TestDatabases.MigrateAsync(database);

        Assert.Equal(StoreFlavour.PostgreSql, report.Flavour);
        Assert.Contains("pg_available_extensions has no timescaledb", report.FlavourReason, StringComparison.Ordinal);
        Assert.Equal("postgresql", await TestDatabases.ScalarAsync<string>(database, "SELECT lifeos_store_flavour()"));
        Assert.Equal("postgresql", await TestDatabases.ScalarAsync<string>(database, "SELECT DISTINCT flavour FROM schema_migrations"));
        await using var opened = new PostgresDatabase(database);
        Assert.Equal(StoreFlavour.PostgreSql, await opened.GetFlavourAsync());
        Assert.Equal(StoreFlavour.PostgreSql, await PostgresSchema.GetFlavourAsync(opened.DataSource));
        // The plain schema's stand-ins for chunks: BRIN indexes on time.
        Assert.Equal(2L, await TestDatabases.ScalarAsync<long>(database, "SELECT count(*) FROM pg_indexes WHERE indexdef LIKE '%USING brin%'"));
    }

    [Fact]
    public async Task Asking_for_timescaledb_on_a_server_without_it_fails_clearly()
    {
        var database = await TestDatabases.CreateEmptyAsync(server);
        await SkipWhenTimescaleIsAvailableAsync(database);

        var error = await Assert.ThrowsAsync<MigrationException>(() => TestDatabases.MigrateAsync(database, StoreFlavour.TimescaleDb));

        Assert.Contains("pg_available_extensions has no timescaledb", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await TestDatabases.ScalarAsync<long>(database, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task The_hourly_view_answers_like_hourly_metric_buckets()
    {
        var database = await TestDatabases.CreateMigratedAsync(server);
        await using var opened = new PostgresDatabase(database);
        var store = new PostgresLifeStore(opened);
        var start = Events.Start;
        await store.WriteAsync([.. Enumerable.Range(0, 300).Select(i => Events.HeartRate("u1", "watch", i, start.AddMinutes(i * 0.7), 50 + (i % 37)))]);

        var buckets = await store.GetMetricBucketsAsync(new MetricsQuery("u1", "device.health.heartrate", start, start.AddDays(1), TimeSpan.FromHours(1), MetricAggregate.Sum));
        await using var command = opened.DataSource.CreateCommand(
            "SELECT bucket, sum, count FROM samples_hourly WHERE user_id = 'u1' AND type = 'device.health.heartrate' ORDER BY bucket");
        var view = new List<MetricBucket>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                view.Add(new MetricBucket(reader.GetFieldValue<DateTimeOffset>(0), reader.GetDouble(1), reader.GetInt64(2)));
        }

        Assert.Equal(4, buckets.Count);
        Assert.Equal(buckets, view);
    }
}
