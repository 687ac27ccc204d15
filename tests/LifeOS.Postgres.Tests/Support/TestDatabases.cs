using LifeOS.Storage.Postgres.Schema;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LifeOS.Postgres.Tests.Support;

/// <summary>Fresh databases for tests: empty ones, and migrated ones cloned from a template migrated once per run.</summary>
internal static class TestDatabases
{
    private static readonly SemaphoreSlim Gate = new(1, 1);
    // One template per server: the restart tests run a cluster of their own.
    private static readonly Dictionary<PostgresServer, string> Templates = [];

    /// <summary>A database at the latest schema version (a copy of a template the migrator built once).</summary>
    public static async Task<string> CreateMigratedAsync(PostgresServer server)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Templates.TryGetValue(server, out var template))
                Templates[server] = template = await CreateTemplateAsync(server);
            return await server.CreateDatabaseAsync(template: template);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>A database with nothing in it, for migration tests.</summary>
    public static Task<string> CreateEmptyAsync(PostgresServer server) => server.CreateDatabaseAsync("lifeos_empty");

    public static async Task<MigrationReport> MigrateAsync(string connectionString, StoreFlavour? flavour = null)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        return await new PostgresMigrator(dataSource, NullLogger.Instance) { Flavour = flavour }.MigrateAsync();
    }

    private static async Task<string> CreateTemplateAsync(PostgresServer server)
    {
        var connectionString = await server.CreateDatabaseAsync("lifeos_template");
        await MigrateAsync(connectionString);
        // CREATE DATABASE ... TEMPLATE refuses a template that has open sessions, pooled ones included.
        NpgsqlConnection.ClearAllPools();
        return new NpgsqlConnectionStringBuilder(connectionString).Database!;
    }

    /// <summary>Runs one scalar query on a database.</summary>
    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
