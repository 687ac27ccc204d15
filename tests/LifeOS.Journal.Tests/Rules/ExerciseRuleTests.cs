namespace LifeOS.Journal.Tests.Rules;

public sealed class ExerciseRuleTests
{
    [Theory]
    [InlineData("Ran 5k this morning in 27 minutes.", "running", 5, 27)]
    [InlineData("Cycled 20 km to Potsdam and back in 1h15.", "cycling", 20, 75)]
    [InlineData("Swam 1500m at the pool, took about 35 minutes.", "swimming", 1.5, 35)]
    [InlineData("Rowed 5000 m on the erg in 21 minutes.", "rowing", 5, 21)]
    [InlineData("My run today: 10K in 52 min.", "running", 10, 52)]
    [InlineData("Big day: half marathon done in 1:58!", "running", 21.0975, 118)]
    [InlineData("Bike ride along the river, 32 km, about 1h40.", "cycling", 32, 100)]
    [InlineData("Hiked 12 km in 4 hours.", "hiking", 12, 240)]
    [InlineData("Ran 3 miles around the block, 31 minutes.", "running", 4.828, 31)]
    public void Type_distance_and_duration(string text, string type, double km, double minutes)
    {
        var facts = Extraction.Facts(text);

        Assert.Equal(type, Assert.Single(facts, fact => fact.Field == "exercise.type").Text);
        Assert.Equal(km, Assert.Single(facts, fact => fact.Field == "exercise.distance").Number!.Value, 3);
        Assert.Equal(minutes, Assert.Single(facts, fact => fact.Field == "exercise.duration").Number!.Value, 3);
    }

    [Theory]
    [InlineData("Did 45 min of yoga before work.", "yoga", 45)]
    [InlineData("Worked out for 40 minutes, mostly HIIT.", "workout", 40)]
    [InlineData("Went to the gym, lifted weights for an hour.", "strength", 60)]
    [InlineData("Tennis with Marco for 90 minutes.", "tennis", 90)]
    [InlineData("Quick 25 min jog before breakfast.", "running", 25)]
    [InlineData("30 minute walk at lunch.", "walking", 30)]
    [InlineData("Spin class, 45 minutes, completely drenched.", "cycling", 45)]
    [InlineData("Gym 1h.", "workout", 60)]
    [InlineData("Climbed at the bouldering gym for two hours.", "climbing", 120)]
    [InlineData("went swimming for half an hour", "swimming", 30)]
    public void Type_and_duration(string text, string type, double minutes)
    {
        var facts = Extraction.Facts(text);

        Assert.Equal([type], facts.Where(fact => fact.Field == "exercise.type").Select(fact => fact.Text));
        Assert.Equal(minutes, Assert.Single(facts, fact => fact.Field == "exercise.duration").Number);
    }

    [Fact]
    public void Two_exercises_in_one_sentence_each_take_their_nearest_numbers()
    {
        var facts = Extraction.Facts("Ran 5k and then did 20 minutes of yoga.");

        Assert.Equal(["running", "yoga"], facts.Where(fact => fact.Field == "exercise.type").Select(fact => fact.Text));
        Assert.Equal(5, Assert.Single(facts, fact => fact.Field == "exercise.distance").Number);
        Assert.Equal(20, Assert.Single(facts, fact => fact.Field == "exercise.duration").Number);
    }

    [Fact]
    public void The_same_exercise_twice_in_a_sentence_keeps_both_distances_and_one_type()
    {
        var facts = Extraction.Facts("Ran 5k in the morning and ran 3k in the evening.");

        Assert.Equal(["running"], facts.Where(fact => fact.Field == "exercise.type").Select(fact => fact.Text));
        Assert.Equal([5.0, 3.0], facts.Where(fact => fact.Field == "exercise.distance").Select(fact => fact.Number!.Value));
    }

    [Theory]
    [InlineData("Ran out of milk again.")]
    [InlineData("Ran into Tom at the supermarket.")]
    [InlineData("Running late all week.")]
    [InlineData("He ran the meeting like a pro.")]
    [InlineData("Dropped $60 on new running shoes.")]
    [InlineData("Our post hit 5k followers today!")]
    [InlineData("Skipped the gym.")]
    [InlineData("Didn't make it to the gym.")]
    [InlineData("Planning to run a 10k next month.")]
    [InlineData("Drove to Hamburg, 3 hour drive each way.")]
    [InlineData("Walked to the fridge.")]
    [InlineData("Watched football with Dad.")]
    [InlineData("Hamburg is 300 km away.")]
    [InlineData("In the long run this will pay off.")]
    public void Idioms_negations_plans_and_stray_numbers_are_not_exercise(string text) =>
        Assert.DoesNotContain(Extraction.Facts(text), fact => fact.Field.StartsWith("exercise.", StringComparison.Ordinal));

    [Fact]
    public void A_duration_next_to_a_non_exercise_word_is_not_taken()
    {
        var facts = Extraction.Facts("Ran 5k, then a 20 minute nap.");

        Assert.Equal(5, Assert.Single(facts, fact => fact.Field == "exercise.distance").Number);
        Assert.DoesNotContain(facts, fact => fact.Field == "exercise.duration");
    }

    [Fact]
    public void A_walk_needs_a_measure_or_a_walking_phrase()
    {
        Assert.Equal(["walking"], Extraction.Texts("Went for a walk after dinner.", JournalFields.ExerciseType));
        Assert.Empty(Extraction.Texts("Walked over to the neighbours.", JournalFields.ExerciseType));
    }

    [Fact]
    public void Distances_are_in_kilometres_and_stated_units_are_more_certain_than_a_bare_k()
    {
        var stated = Extraction.Single("ran 5 km", JournalFields.ExerciseDistance);
        var bare = Extraction.Single("ran 5k", JournalFields.ExerciseDistance);

        Assert.Equal("km", stated.Unit);
        Assert.Equal(ExplicitConfidence.Stated, stated.Confidence);
        Assert.Equal(ExplicitConfidence.Assumed, bare.Confidence);
        Assert.Equal("min", Extraction.Single("ran for 30 minutes", JournalFields.ExerciseDuration).Unit);
    }
}
