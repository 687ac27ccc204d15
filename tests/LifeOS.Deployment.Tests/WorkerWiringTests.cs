using System.Text.Json;
using LifeOS.Contracts;
using LifeOS.Contracts.Payloads;
using LifeOS.Eventing;
using LifeOS.Persistence;
using LifeOS.Pipeline;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Deployment.Tests;

/// <summary>The pipeline steps the worker hosts run: distinct groups, catalogued topics, and derived records that hold to their topic's schema.</summary>
public sealed class WorkerWiringTests
{
    private static readonly DateTimeOffset Time = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    // One valid raw payload per source topic a step reads.
    private static readonly Dictionary<string, string> Samples = new(StringComparer.Ordinal)
    {
        [TopicCatalogue.Audio.Name] = """{"fileId":"rec-1","sampleRate":16000,"format":"pcm_s16le","blob":{"sha256":"ab12","size":3200,"contentType":"audio/L16"}}""",
        [TopicCatalogue.Camera.Name] = """{"camera":"front","blob":{"sha256":"cd34","size":1000,"contentType":"image/jpeg"}}""",
        [TopicCatalogue.ScreenVideo.Name] = """{"width":1920,"height":1080,"blob":{"sha256":"ef56","size":1000,"contentType":"image/png"}}""",
        [TopicCatalogue.JournalEntry.Name] = """{"text":"Ran 5k this morning."}""",
        [TopicCatalogue.KnowledgeItem.Name] = """{"kind":"note","text":"a note"}""",
        [TopicCatalogue.UrlIngest.Name] = """{"url":"https://example.org/paper.pdf"}""",
        [TopicCatalogue.AudioVadFiltered.Name] = """{"fileId":"rec-1","blob":{"sha256":"ab12","size":3200,"contentType":"audio/L16"},"status":"skipped","reason":"no model"}""",
    };

    [Fact]
    public void Every_step_has_its_own_consumer_group_distinct_from_the_persistence_worker_and_reads_catalogued_topics()
    {
        var groups = PipelineSteps.All.Select(s => s.Group).Append(PersistenceWorker.Group).ToList();

        Assert.Equal(groups.Count, groups.Distinct(StringComparer.Ordinal).Count());
        Assert.All(PipelineSteps.All, step => Assert.All(step.SourceTopics, topic => Assert.True(TopicCatalogue.TryGetByName(topic, out _), topic)));
        Assert.All(PipelineSteps.All.Where(s => s.Output is not null), step => Assert.Equal(TopicStage.Processed, step.Output!.Stage));
    }

    [Fact]
    public void A_skipped_record_of_every_step_holds_to_its_output_topics_schema()
    {
        foreach (var step in PipelineSteps.All.Where(s => s.Output is not null))
        {
            foreach (var source in step.Sources)
            {
                var derived = DerivedEvents.Create(step, Event(source, Samples[source.Name]), StepResult.Skipped("no model configured"));

                Assert.Empty(step.Output!.Schema.Validate(derived.Data));
                Assert.Equal(ProcessingStatus.Skipped, derived.Data.GetProperty("status").GetString());
                Assert.Equal("no model configured", derived.Data.GetProperty("reason").GetString());
                Assert.Equal("watch-1", derived.Device);
            }
        }
    }

    [Fact]
    public void A_step_on_a_skipped_input_passes_the_skip_on_instead_of_running()
    {
        var skippedVad = Event(TopicCatalogue.AudioVadFiltered, Samples[TopicCatalogue.AudioVadFiltered.Name]);

        var result = UpstreamStatus.Propagate(skippedVad);

        Assert.NotNull(result);
        Assert.Equal(ProcessingStatus.Skipped, result.Status);
        Assert.Equal("its input was skipped: no model", result.Reason);
        Assert.Null(UpstreamStatus.Propagate(Event(TopicCatalogue.Audio, Samples[TopicCatalogue.Audio.Name])));
    }

    [Fact]
    public void Adding_a_step_names_its_consumer_group_and_refuses_a_group_already_taken()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddPlaceholderStep(PipelineSteps.Journal, "not built");
        builder.AddPlaceholderStep(PipelineSteps.Context, "not built");

        var groups = builder.Services.Select(d => d.ImplementationInstance).OfType<ConsumerGroupInfo>().ToList();
        Assert.Equal(["journal", "context"], groups.Select(g => g.Group));
        Assert.Equal([TopicCatalogue.Audio.Name, TopicCatalogue.Camera.Name], groups[1].Topics);
        Assert.Equal(2, builder.Services.Count(d => d.ServiceType == typeof(IHostedService) && d.ImplementationFactory is not null));
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddPlaceholderStep(PipelineSteps.Journal with { Name = "other" }, "x"));
        Assert.Contains("'journal'", error.Message, StringComparison.Ordinal);
    }

    private static LifeEvent Event(TopicDefinition topic, string data) => new()
    {
        Id = "evt-1",
        Type = topic.EventType ?? topic.Name,
        Source = LifeEvent.SourceFor("watch-1"),
        Time = Time,
        Device = "watch-1",
        Seq = 7,
        User = "owner",
        Data = JsonDocument.Parse(data).RootElement.Clone(),
    };
}
