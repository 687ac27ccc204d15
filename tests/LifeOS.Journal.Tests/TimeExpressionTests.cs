namespace LifeOS.Journal.Tests;

/// <summary>Facts are dated against the entry's time: "yesterday", "last night", "this morning", weekdays, zones.</summary>
public sealed class TimeExpressionTests
{
    // Sunday 22 November 2026, 21:30 at UTC+1.
    private static readonly DateTimeOffset At = Extraction.WrittenAt;
    private static readonly DateOnly Today = new(2026, 11, 22);

    private static FactTime TimeOf(string text, JournalField field, DateTimeOffset? at = null, TimeZoneInfo? zone = null) =>
        Assert.Single(Extraction.Facts(text, at, zone), fact => fact.Field == field.Name).Time!;

    [Fact]
    public void A_fact_with_no_time_words_belongs_to_the_entry_and_its_instant()
    {
        var time = TimeOf("Mood 6/10.", JournalFields.MoodScore);

        Assert.Equal(new FactTime(Today, DayPart.Day, At), time);
    }

    [Fact]
    public void Yesterday_moves_the_fact_to_noon_of_the_day_before()
    {
        var time = TimeOf("Yesterday I ran 5k.", JournalFields.ExerciseDistance);

        Assert.Equal(Today.AddDays(-1), time.Date);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.FromHours(1)), time.Instant);
    }

    [Fact]
    public void Sleep_yesterday_is_the_night_that_ended_yesterday_morning()
    {
        var time = TimeOf("Yesterday I slept 6h and felt wrecked.", JournalFields.SleepDuration);

        Assert.Equal(Today.AddDays(-1), time.Date);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.FromHours(1)), time.Instant);
    }

    [Fact]
    public void Sleep_last_night_and_unmarked_sleep_both_end_this_morning()
    {
        Assert.Equal(Today, TimeOf("last night I slept 7 hours", JournalFields.SleepDuration).Date);
        Assert.Equal(Today, TimeOf("slept 7 hours", JournalFields.SleepDuration).Date);
    }

    [Fact]
    public void Other_facts_last_night_belong_to_yesterday_evening()
    {
        var time = TimeOf("Last night we had pizza for dinner.", JournalFields.FoodItems);

        Assert.Equal(new FactTime(Today.AddDays(-1), DayPart.Night, new DateTimeOffset(2026, 11, 21, 22, 0, 0, TimeSpan.FromHours(1))), time);
    }

    [Theory]
    [InlineData("This morning I ran 5k.", DayPart.Morning, 8)]
    [InlineData("Ran 5k this afternoon.", DayPart.Afternoon, 14)]
    [InlineData("In the evening I ran 5k.", DayPart.Evening, 19)]
    public void A_part_of_today_sets_the_hour(string text, DayPart part, int hour)
    {
        var time = TimeOf(text, JournalFields.ExerciseDistance);

        Assert.Equal(Today, time.Date);
        Assert.Equal(part, time.Part);
        Assert.Equal(hour, time.Instant.Hour);
    }

    [Fact]
    public void A_date_carries_to_later_sentences_until_another_date()
    {
        var facts = Extraction.Facts("Yesterday was rough. Stress 8/10. Today is better, mood 7/10.");

        Assert.Equal(Today.AddDays(-1), Assert.Single(facts, fact => fact.Field == "stress.score").Time!.Date);
        Assert.Equal(Today, Assert.Single(facts, fact => fact.Field == "mood.score").Time!.Date);
    }

    [Fact]
    public void A_part_of_the_day_holds_only_in_its_sentence()
    {
        var facts = Extraction.Facts("This morning I ran 5k. Worked 8 hours.");

        Assert.Equal(DayPart.Morning, Assert.Single(facts, fact => fact.Field == "exercise.distance").Time!.Part);
        Assert.Equal(DayPart.Day, Assert.Single(facts, fact => fact.Field == "work.duration").Time!.Part);
    }

    [Fact]
    public void Two_dates_in_one_sentence_each_take_the_facts_after_them()
    {
        var facts = Extraction.Facts("Ran 5k yesterday and today mood 7/10");

        Assert.Equal(Today.AddDays(-1), Assert.Single(facts, fact => fact.Field == "exercise.distance").Time!.Date);
        Assert.Equal(Today, Assert.Single(facts, fact => fact.Field == "mood.score").Time!.Date);
    }

    [Theory]
    [InlineData("the day before yesterday I ran 5k", -2)]
    [InlineData("3 days ago I ran 5k", -3)]
    [InlineData("two days ago I ran 5k", -2)]
    [InlineData("On Friday I ran 5k", -2)]
    [InlineData("Last Sunday I ran 5k", -7)]
    [InlineData("Sunday: ran 5k", 0)]
    public void Days_back_and_weekdays(string text, int days) =>
        Assert.Equal(Today.AddDays(days), TimeOf(text, JournalFields.ExerciseDistance).Date);

    [Fact]
    public void An_instant_is_never_later_than_the_entry()
    {
        var early = new DateTimeOffset(2026, 11, 22, 6, 15, 0, TimeSpan.FromHours(1));

        Assert.Equal(early, TimeOf("slept 7 hours", JournalFields.SleepDuration, early).Instant);
        Assert.Equal(early, TimeOf("This evening I ran 5k.", JournalFields.ExerciseDistance, early).Instant);
    }

    [Fact]
    public void The_zone_decides_which_day_the_entry_was_written_on()
    {
        // 23:30 UTC on the 21st is already the 22nd in Berlin (UTC+1 in November).
        var written = new DateTimeOffset(2026, 11, 21, 23, 30, 0, TimeSpan.Zero);
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var time = TimeOf("Yesterday I ran 5k.", JournalFields.ExerciseDistance, written, berlin);

        Assert.Equal(new DateOnly(2026, 11, 21), time.Date);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.FromHours(1)), time.Instant);
        Assert.Equal(new DateOnly(2026, 11, 20), TimeOf("Yesterday I ran 5k.", JournalFields.ExerciseDistance, written).Date);
    }

    [Fact]
    public void A_morning_on_a_daylight_saving_day_takes_that_days_offset()
    {
        // Berlin switched to summer time on 29 March 2026: the morning before is UTC+1, the entry after is UTC+2.
        var written = new DateTimeOffset(2026, 3, 29, 20, 0, 0, TimeSpan.FromHours(2));
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

        var yesterday = TimeOf("Yesterday morning I ran 5k.", JournalFields.ExerciseDistance, written, berlin);
        var today = TimeOf("This morning I ran 5k.", JournalFields.ExerciseDistance, written, berlin);

        Assert.Equal(TimeSpan.FromHours(1), yesterday.Instant.Offset);
        Assert.Equal(TimeSpan.FromHours(2), today.Instant.Offset);
    }

    [Fact]
    public void The_extraction_says_which_day_the_entry_is_about()
    {
        var extraction = new DeterministicJournalExtractor().Extract("Yesterday was a blur. Nothing else.", At);

        Assert.Equal(Today.AddDays(-1), extraction.About.Date);
        Assert.Equal(Today, new DeterministicJournalExtractor().Extract("Quiet day.", At).About.Date);
    }
}
