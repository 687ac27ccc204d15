using LifeOS.Pipeline;

// Beside AddServiceDefaults, so Program.cs needs no using.
namespace Microsoft.Extensions.Hosting;

/// <summary>The journal and context worker's steps. Each is a placeholder until its module is built (journal: issue 6);
/// replace one by registering its real handler with <c>AddPipelineStep(step, ...)</c> in its place.</summary>
public static class JournalWorkerExtensions
{
    public static TBuilder AddJournalModules<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddPlaceholderStep(PipelineSteps.Journal, "journal parsing is not built yet (placeholder step)");
        builder.AddPlaceholderStep(PipelineSteps.Context, "context inference is not built yet (placeholder step)");
        return builder;
    }
}
