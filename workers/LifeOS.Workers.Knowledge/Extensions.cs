using LifeOS.Hosting.Distributed;
using LifeOS.Knowledge;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Workers.Knowledge;

/// <summary>The knowledge and URL worker's steps (LifeOS.Knowledge): notes and images into the search indexes, submitted
/// URLs fetched and extracted. Images are read from the shared blob folder.</summary>
public static class KnowledgeWorkerExtensions
{
    public static TBuilder AddKnowledgeWorker<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddSharedBlobStore();
        builder.AddQdrantWhenConfigured();
        builder.AddKnowledgeModule();
        return builder;
    }
}
