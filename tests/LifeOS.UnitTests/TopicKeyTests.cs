using System.Text.Json;

namespace LifeOS.UnitTests;

/// <summary>Message keys follow the topic's <see cref="TopicKey"/>, falling back to the device.</summary>
public sealed class TopicKeyTests
{
    private static LifeEvent Event(string type, string dataJson)
    {
        using var document = JsonDocument.Parse(dataJson);
        return new LifeEvent
        {
            Id = "01JD8X3K9Q2W4E6R8T0Y2U4I6O",
            Type = type,
            Source = LifeEvent.SourceFor("pixel-8"),
            Time = new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero),
            Device = "pixel-8",
            Seq = 42,
            User = "user-1",
            Data = document.RootElement.Clone(),
        };
    }

    [Fact]
    public void A_device_keyed_topic_keys_by_device() =>
        Assert.Equal("pixel-8", TopicCatalogue.KeyOf(TopicCatalogue.HeartRate, Event("device.health.heartrate", """{ "value": 72 }""")));

    [Fact]
    public void A_file_keyed_topic_keys_by_the_payloads_file_id() =>
        Assert.Equal("rec-7", TopicCatalogue.KeyOf(TopicCatalogue.Audio, Event("device.audio", """{ "fileId": "rec-7" }""")));

    [Fact]
    public void A_url_keyed_topic_keys_by_the_payloads_url() =>
        Assert.Equal(
            "https://example.com/a.pdf",
            TopicCatalogue.KeyOf(TopicCatalogue.UrlIngest, Event("task.url", """{ "url": "https://example.com/a.pdf" }""")));

    [Fact]
    public void A_user_keyed_topic_keys_by_user() =>
        Assert.Equal("user-1", TopicCatalogue.KeyOf(TopicCatalogue.JournalEntry, Event("journal.entry", """{ "text": "hi" }""")));

    [Theory]
    [InlineData("{}")]
    [InlineData("""{ "fileId": "", "url": "" }""")]
    [InlineData("""{ "fileId": 7, "url": 7 }""")]
    [InlineData("""{ "fileId": null, "url": null }""")]
    [InlineData("[]")]
    [InlineData("\"rec-7\"")]
    public void A_missing_or_unusable_key_field_falls_back_to_the_device(string dataJson)
    {
        var e = Event("device.audio", dataJson);

        Assert.Equal("pixel-8", TopicCatalogue.KeyOf(TopicCatalogue.Audio, e));
        Assert.Equal("pixel-8", TopicCatalogue.KeyOf(TopicCatalogue.UrlIngest, e));
    }

    [Fact]
    public void Every_topic_keys_its_sample_by_a_non_empty_key_taken_from_where_its_key_says()
    {
        foreach (var topic in TopicCatalogue.All)
        {
            using var document = JsonDocument.Parse(PayloadSamples.For(topic));
            var data = document.RootElement;
            var expected = topic.Key switch
            {
                TopicKey.FileId => data.GetProperty("fileId").GetString(),
                TopicKey.Url => data.GetProperty("url").GetString(),
                TopicKey.User => "user-1",
                _ => "pixel-8",
            };

            Assert.Equal(expected, TopicCatalogue.KeyOf(topic, Event(topic.EventType ?? topic.Name, data.GetRawText())));
        }
    }
}
