namespace LifeOS.Journal.Tests.Rules;

public sealed class RatingRuleTests
{
    [Theory]
    [InlineData("Mood 6/10.", 6)]
    [InlineData("mood: 6", 6)]
    [InlineData("Mood was 4 out of 10 today", 4)]
    [InlineData("feeling 7 out of 10", 7)]
    [InlineData("Felt like a 8/10 most of the day", 8)]
    [InlineData("8/10 mood", 8)]
    [InlineData("mood 3/5", 6)]
    [InlineData("mood 65/100", 6.5)]
    [InlineData("Mood okay, maybe 6.", 6)]
    [InlineData("mood 6.5 and rising", 6.5)]
    public void Mood_ratings_in_several_phrasings(string text, double expected) =>
        Assert.Equal([expected], Extraction.Numbers(text, JournalFields.MoodScore));

    [Theory]
    [InlineData("Energy 8/10 afterwards.", 8)]
    [InlineData("energy levels: 4", 4)]
    [InlineData("today energy is a 3", 3)]
    [InlineData("Energy through the roof, 9/10.", 9)]
    public void Energy_ratings(string text, double expected) =>
        Assert.Equal([expected], Extraction.Numbers(text, JournalFields.EnergyScore));

    [Theory]
    [InlineData("Stress level 4.", 4)]
    [InlineData("stressed 8/10", 8)]
    [InlineData("7/10 stress", 7)]
    [InlineData("Stress: 7.", 7)]
    public void Stress_ratings(string text, double expected) =>
        Assert.Equal([expected], Extraction.Numbers(text, JournalFields.StressScore));

    [Theory]
    [InlineData("Sleep quality 4/10, woke up three times.", 4)]
    [InlineData("quality of sleep: 7", 7)]
    [InlineData("Slept badly, 3/10.", 3)]
    public void Sleep_quality_ratings(string text, double expected) =>
        Assert.Equal([expected], Extraction.Numbers(text, JournalFields.SleepQuality));

    [Theory]
    [InlineData("Mood swings all day.")]
    [InlineData("Feeling great today!")]
    [InlineData("Stress levels: high. Mood: low.")]
    [InlineData("Energy at 2pm was awful.")]
    [InlineData("stress 10 emails before lunch")]
    [InlineData("had 2 energy drinks")]
    [InlineData("mood 12")]
    [InlineData("mood 11/10")]
    [InlineData("feeling 7")]
    public void Words_clock_times_counts_and_out_of_range_numbers_are_not_ratings(string text)
    {
        var ratings = new[] { JournalFields.MoodScore, JournalFields.EnergyScore, JournalFields.StressScore, JournalFields.SleepQuality };
        Assert.DoesNotContain(Extraction.Facts(text), fact => ratings.Any(field => field.Name == fact.Field));
    }

    [Fact]
    public void Several_ratings_in_one_sentence_each_go_to_their_own_field()
    {
        var facts = Extraction.Facts("Energy 5, stress 6, mood 7.");

        Assert.Equal(5, Assert.Single(facts, fact => fact.Field == "energy.score").Number);
        Assert.Equal(6, Assert.Single(facts, fact => fact.Field == "stress.score").Number);
        Assert.Equal(7, Assert.Single(facts, fact => fact.Field == "mood.score").Number);
    }

    [Fact]
    public void A_rating_with_its_scale_is_more_certain_than_one_without()
    {
        Assert.Equal(ExplicitConfidence.Stated, Extraction.Single("mood 6/10", JournalFields.MoodScore).Confidence);
        Assert.Equal(ExplicitConfidence.Assumed, Extraction.Single("mood: 6", JournalFields.MoodScore).Confidence);
        Assert.Equal(ExplicitConfidence.Assumed, Extraction.Single("mood 3/5", JournalFields.MoodScore).Confidence);
    }

    [Fact]
    public void Ratings_carry_the_score_unit() =>
        Assert.Equal(JournalFields.ScoreUnit, Extraction.Single("energy 4/10", JournalFields.EnergyScore).Unit);
}
