using LifeOS.Postgres.Tests.Support;
using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LifeOS.Postgres.Tests.Schema;

/// <summary>The migrator on real databases: repeatable, one at a time, loud about edited or failing migrations.</summary>
public sealed class MigrationTests(PostgresServer server)
{
    private static int MigrationCount => MigrationCatalog.For(StoreFlavour.PostgreSql).Count;

    [Fact]
    public async Task A_fresh_database_gets_every_migration_and_a_second_run_applies_nothing()
    {
        var database = await TestDatabases.CreateEmptyAsync(server);

        var first = await TestDatabases.MigrateAsync(database);
        var second = await TestDatabases.MigrateAsync(database);

        Assert.Equal(MigrationCatalog.For(StoreFlavour.PostgreSql).Select(m => m.ToString()), first.Applied);
        Assert.Equal(0, first.AlreadyApplied);
        Assert.Equal(PostgresSchema.RequiredVersion, first.Version);
        Assert.Empty(second.Applied);
        Assert.Equal(MigrationCount, second.AlreadyApplied);
        Assert.Equal(PostgresSchema.RequiredVersion, second.Version);
        Assert.Equal(MigrationCount, await TestDatabases.ScalarAsync<long>(database, "SELECT count(*) FROM schema_migrations"));
    }

    [Fact]
    public async Task Two_migrators_at_once_wait_for_each_other_and_apply_each_migration_once()
    {
        var database = await TestDatabases.CreateEmptyAsync(server);
        await using var dataSource = NpgsqlDataSource.Create(database);

        // Hold the migrators' lock so both are certainly running at the same time when it is released.
        await using var holder = await dataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresMigrator.AdvisoryLockKey})", holder))
            await take.ExecuteNonQueryAsync();
        var logs = new ListLogger();
        var one = new PostgresMigrator(dataSource, logs).MigrateAsync();
        var two = new PostgresMigrator(dataSource, logs).MigrateAsync();
        await Task.Delay(500);
        Assert.False(one.IsCompleted || two.IsCompleted, "a migrator ran while another held the schema lock");
        Assert.Equal(0, await TestDatabases.ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'schema_migrations'"));
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({PostgresMigrator.AdvisoryLockKey})", holder))
            await release.ExecuteNonQueryAsync();

        var reports = await Task.WhenAll(one, two);

        Assert.Equal(MigrationCount, reports.Sum(r => r.Applied.Count));
        Assert.Contains(reports, r => r.Applied.Count == 0 && r.AlreadyApplied == MigrationCount);
        Assert.Equal(2, logs.Lines.Count(l => l.Contains("Another migrator is applying migrations", StringComparison.Ordinal)));
        Assert.Equal(MigrationCount, await TestDatabases.ScalarAsync<long>(database, "SELECT count(DISTINCT version) FROM schema_migrations"));
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_afterwards_stops_the_migrator()
    {
        var database = await TestDatabases.CreateEmptyAsync(server);
        await TestDatabases.MigrateAsync(database);
        await TestDatabases.ExecuteAsync(database, "UPDATE schema_migrations SET checksum = repeat('0', 64) WHERE version = 2");

        var error = await Assert.ThrowsAsync<MigrationException>(() => TestDatabases.MigrateAsync(database));

        Assert.Contains("0002_device_ledger was changed after it was applied", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_migration_is_named_and_leaves_nothing_half_applied()
    {
        var database = await TestDatabases.CreateEmptyAsync(server);
        // Something already sits where migration 2 wants a table.
        await TestDatabases.ExecuteAsync(database, "CREATE TABLE seq_runs (unrelated int)");

        var error = await Assert.ThrowsAsync<MigrationException>(() => TestDatabases.MigrateAsync(database));

        Assert.Contains("0002_device_ledger failed: 42P07", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, await TestDatabases.ScalarAsync<int>(database, "SELECT max(version) FROM schema_migrations"));
        // Migration 2's first table would exist had its transaction not been rolled back.
        Assert.Equal(0L, await TestDatabases.ScalarAsync<long>(database, "SELECT count(*) FROM pg_tables WHERE tablename = 'devices'"));
    }

    [Fact]
    public async Task A_service_waits_with_a_clear_message_until_the_migrator_has_run()
    {
        var database = await TestDatabases.CreateEmptyAsync(server);
        await using var dataSource = NpgsqlDataSource.Create(database);
        var logs = new ListLogger();

        var waiting = PostgresSchema.WaitUntilMigratedAsync(dataSource, logs, TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken);
        await Task.Delay(400);
        Assert.False(waiting.IsCompleted);
        Assert.Contains(logs.Lines, l => l.Contains("schema is at version none, this build needs", StringComparison.Ordinal)
            && l.Contains("waiting for the migrator", StringComparison.Ordinal));

        await TestDatabases.MigrateAsync(database);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(logs.Lines, l => l.Contains("store ready", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_store_on_a_database_that_was_never_migrated_says_to_run_the_migrator()
    {
        var database = await TestDatabases.CreateEmptyAsync(server);
        await using var store = new PostgresDatabase(database, retryBudget: TimeSpan.Zero);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new PostgresLifeStore(store).WriteAsync([Events.HeartRate("u1", "watch", 1, Events.Start, 60)]));

        Assert.Contains("run the migrator", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_migrator_waits_for_its_lock_without_a_command_timeout()
    {
        // A long first migration elsewhere must not make a second migrator fail after Npgsql's default 30 s timeout.
        var database = await TestDatabases.CreateEmptyAsync(server);
        var builder = new NpgsqlConnectionStringBuilder(database) { CommandTimeout = 1 };
        await using var dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        await using var holder = await dataSource.OpenConnectionAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgresMigrator.AdvisoryLockKey})", holder))
            await take.ExecuteNonQueryAsync();

        var migrating = new PostgresMigrator(dataSource, NullLogger.Instance).MigrateAsync();
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(migrating.IsCompleted);
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({PostgresMigrator.AdvisoryLockKey})", holder))
            await release.ExecuteNonQueryAsync();

        Assert.Equal(MigrationCount, (await migrating).Applied.Count);
    }
}
