namespace LifeOS.Journal.Tests.Rules;

public sealed class PeopleRuleTests
{
    [Theory]
    [InlineData("$12.50 on lunch with Anna and Tom at Blue Bottle.", new[] { "Anna", "Tom" })]
    [InlineData("Met Sarah in Kreuzberg.", new[] { "Sarah" })]
    [InlineData("Texted Priya and called my dad.", new[] { "Priya", "dad" })]
    [InlineData("Called Mom, she's doing better.", new[] { "mom" })]
    [InlineData("Walked with my sister around the lake.", new[] { "sister" })]
    [InlineData("Hiked with Paul, Mia and Jonas.", new[] { "Paul", "Mia", "Jonas" })]
    [InlineData("Ran into Tom at the supermarket.", new[] { "Tom" })]
    [InlineData("Took the kids to the zoo.", new[] { "kids" })]
    [InlineData("Drove to Hamburg to visit grandma.", new[] { "grandma" })]
    [InlineData("Caught up with Anna Schmidt over coffee.", new[] { "Anna Schmidt" })]
    [InlineData("Lena came over for dinner.", new[] { "Lena" })]
    public void Names_and_relatives_after_social_cues(string text, string[] people) =>
        Assert.Equal(people, Extraction.Texts(text, JournalFields.People));

    [Theory]
    [InlineData("Played board games with the family.")]
    [InlineData("Chilled with Netflix all evening.")]
    [InlineData("Pancakes with maple syrup.")]
    [InlineData("Met on Monday to plan.")]
    [InlineData("Hung out with friends.")]
    [InlineData("Took the train to work.")]
    public void Groups_brands_weekdays_and_food_are_not_people(string text) =>
        Assert.Empty(Extraction.Texts(text, JournalFields.People));
}
