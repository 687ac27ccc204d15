using LifeOS.Pipeline;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Workers.Vision;

/// <summary>The vision worker's steps. Each is a placeholder until its module is built; replace one by registering its
/// real handler with <c>AddPipelineStep(step, ...)</c> in its place.</summary>
public static class VisionWorkerExtensions
{
    public static TBuilder AddVisionModules<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddPlaceholderStep(PipelineSteps.ImageAnalysis, "image analysis is not built yet (placeholder step)");
        builder.AddPlaceholderStep(PipelineSteps.ScreenAnalysis, "screen keyframe analysis is not built yet (placeholder step)");
        return builder;
    }
}
