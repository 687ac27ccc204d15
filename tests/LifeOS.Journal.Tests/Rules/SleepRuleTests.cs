namespace LifeOS.Journal.Tests.Rules;

public sealed class SleepRuleTests
{
    [Theory]
    [InlineData("Slept 7h20, woke up feeling ok.", 7.3333)]
    [InlineData("slept 7 hours", 7)]
    [InlineData("Slept for 6.5 hours", 6.5)]
    [InlineData("slept 6,5 hours", 6.5)]
    [InlineData("Got only 4.5 hours of sleep.", 4.5)]
    [InlineData("about 7 hours' sleep", 7)]
    [InlineData("Sleep: 6h45m.", 6.75)]
    [InlineData("sleep 8h", 8)]
    [InlineData("slept seven and a half hours", 7.5)]
    [InlineData("Slept nine hours!!", 9)]
    [InlineData("slept an hour and a half on the train", 1.5)]
    [InlineData("Slept badly, maybe 5 hours.", 5)]
    [InlineData("last night I only slept like 4 hours", 4)]
    [InlineData("slept 7 hours 20 minutes", 7.3333)]
    [InlineData("slept 9+ hours", 9)]
    public void Durations_after_sleep_words(string text, double hours) =>
        Assert.Equal(hours, Assert.Single(Extraction.Numbers(text, JournalFields.SleepDuration)), 3);

    [Theory]
    [InlineData("Slept from 1am to 8am.", 7)]
    [InlineData("slept 11 to 7", 8)]
    [InlineData("Went to bed at 11:30, woke up at 7.", 7.5)]
    [InlineData("in bed by midnight, up at 6:30", 6.5)]
    [InlineData("fell asleep around 10pm and woke at 5am", 7)]
    public void Clock_intervals_across_midnight(string text, double hours) =>
        Assert.Equal(hours, Assert.Single(Extraction.Numbers(text, JournalFields.SleepDuration)), 3);

    [Theory]
    [InlineData("Slept in until 10, lovely.")]
    [InlineData("Woke up at 6, couldn't get back to sleep.")]
    [InlineData("Took a 20 minute power nap.")]
    [InlineData("Need to fix my sleep.")]
    [InlineData("slept 8 to 9 hours")]
    public void Clock_times_naps_ranges_and_vague_mentions_are_not_sleep_durations(string text) =>
        Assert.Empty(Extraction.Numbers(text, JournalFields.SleepDuration));

    [Fact]
    public void Sleep_is_in_hours_with_its_unit() =>
        Assert.Equal("h", Extraction.Single("slept 90 minutes", JournalFields.SleepDuration).Unit);
}
