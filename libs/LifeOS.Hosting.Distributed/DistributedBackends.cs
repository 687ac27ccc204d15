using LifeOS.Eventing.Kafka;
using LifeOS.Hosting;
using LifeOS.ServiceDefaults;
using LifeOS.State.Redis;
using LifeOS.Storage;
using LifeOS.Storage.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Hosting.Distributed;

/// <summary>The backends of the split services, each from its required connection string.</summary>
public static class DistributedBackends
{
    public const string BlobsPathKey = "LifeOS:Blobs:Path";
    public const string KafkaSection = "LifeOS:Kafka";

    /// <summary>The event log on Kafka (<c>ConnectionStrings__kafka</c>: bootstrap servers).</summary>
    public static TBuilder AddKafkaEventLog<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Client tuning (session timeout, delivery timeout...) under LifeOS:Kafka; the defaults suit a real cluster.
        var tuning = builder.Configuration.GetSection(KafkaSection);
        builder.Services.AddKafkaEventLog(Required(builder, ResourceNames.Kafka), options => tuning.Bind(options));
        return builder;
    }

    /// <summary>
    /// The store, capture ledger and accounts on PostgreSQL/TimescaleDB (<c>ConnectionStrings__timescale</c>). The
    /// host waits at start-up until the migrator has brought the schema to the version it was built for.
    /// </summary>
    public static TBuilder AddPostgresBackends<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddPostgresStore(Required(builder, ResourceNames.Timescale));
        return builder;
    }

    /// <summary>State shared between replicas on Redis (<c>ConnectionStrings__redis</c>).</summary>
    public static TBuilder AddRedisState<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddRedisStateStore(Required(builder, ResourceNames.Redis));
        return builder;
    }

    /// <summary>
    /// Media bytes in a folder every replica of ingestion and the API mounts (<c>LifeOS__Blobs__Path</c>; a shared
    /// volume under Kubernetes). The default, <c>data/blobs</c>, only suits hosts on one machine.
    /// </summary>
    public static TBuilder AddSharedBlobStore<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var path = Path.GetFullPath(builder.Configuration[BlobsPathKey] ?? Path.Combine("data", "blobs"));
        builder.Services.AddSingleton<IBlobStore>(_ => new FileBlobStore(path));
        return builder;
    }

    private static string Required(IHostApplicationBuilder builder, string name) =>
        RequiredConnectionString.Get(builder.Configuration, name, builder.Environment.ApplicationName);
}
