using LifeOS.Hosting.Distributed;
using LifeOS.Journal;
using LifeOS.Pipeline;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Workers.Journal;

/// <summary>The journal and context worker's steps: journal parsing (LifeOS.Journal) and context inference, still a
/// placeholder until its module is built.</summary>
public static class JournalWorkerExtensions
{
    public static TBuilder AddJournalModules<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        // Journal entries are indexed for search too; their vectors go to Qdrant when the AppHost gives one.
        builder.AddQdrantWhenConfigured();
        builder.AddJournalModule();
        builder.AddPlaceholderStep(PipelineSteps.Context, "context inference is not built yet (placeholder step)");
        return builder;
    }
}
