namespace LifeOS.Journal.Tests.Rules;

public sealed class PlaceRuleTests
{
    [Theory]
    [InlineData("Went to the gym.", new[] { "gym" })]
    [InlineData("Walked around the lake.", new[] { "lake" })]
    [InlineData("Climbed at the bouldering gym.", new[] { "bouldering gym" })]
    [InlineData("Worked at a cafe all day.", new[] { "cafe" })]
    [InlineData("Stayed home sick.", new[] { "home" })]
    [InlineData("8h at work.", new[] { "work" })]
    [InlineData("In Madrid for work.", new[] { "Madrid" })]
    [InlineData("Lunch at Blue Bottle.", new[] { "Blue Bottle" })]
    [InlineData("Dinner with my wife at Luigi's.", new[] { "Luigi's" })]
    [InlineData("Brunch at Café Fleury.", new[] { "Café Fleury" })]
    [InlineData("Hiked in the Alps.", new[] { "Alps" })]
    [InlineData("Weekend trip to Rio de Janeiro.", new[] { "Rio de Janeiro" })]
    [InlineData("Ran into Tom at the supermarket, he's moving to Lisbon.", new[] { "supermarket" })]
    public void Place_nouns_home_work_and_names(string text, string[] places) =>
        Assert.Equal(places, Extraction.Texts(text, JournalFields.Places));

    [Theory]
    [InlineData("Didn't make it to the gym.")]
    [InlineData("Skipped the gym.")]
    [InlineData("Going to Rome next month.")]
    [InlineData("Not in the mood at the moment.")]
    [InlineData("Born in May.")]
    [InlineData("Talked to Anna about it.")]
    [InlineData("Went to Mom's.")]
    public void Plans_negations_idioms_months_and_people_are_not_places(string text) =>
        Assert.Empty(Extraction.Texts(text, JournalFields.Places));
}
