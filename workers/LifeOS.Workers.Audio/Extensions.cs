using LifeOS.Pipeline;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Workers.Audio;

/// <summary>The audio worker's steps. Each is a placeholder until its module is built; replace one by registering its
/// real handler with <c>AddPipelineStep(step, ...)</c> in its place.</summary>
public static class AudioWorkerExtensions
{
    public static TBuilder AddAudioModules<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddPlaceholderStep(PipelineSteps.Vad, "voice activity detection is not built yet (placeholder step)");
        builder.AddPlaceholderStep(PipelineSteps.SpeechToText, "speech to text is not built yet (placeholder step)");
        return builder;
    }
}
