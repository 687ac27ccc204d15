using LifeOS.Pipeline;

// Beside AddServiceDefaults, so Program.cs needs no using.
namespace Microsoft.Extensions.Hosting;

/// <summary>The knowledge and URL worker's steps. Each is a placeholder until its module is built (knowledge: issue 6);
/// replace one by registering its real handler with <c>AddPipelineStep(step, ...)</c> in its place.</summary>
public static class KnowledgeWorkerExtensions
{
    public static TBuilder AddKnowledgeModules<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddPlaceholderStep(PipelineSteps.Knowledge, "knowledge chunking and embedding is not built yet (placeholder step)");
        builder.AddPlaceholderStep(PipelineSteps.Url, "URL archiving is not built yet (placeholder step)");
        return builder;
    }
}
