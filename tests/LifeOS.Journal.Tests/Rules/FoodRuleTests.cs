namespace LifeOS.Journal.Tests.Rules;

public sealed class FoodRuleTests
{
    [Theory]
    [InlineData("Had eggs and toast for breakfast.", new[] { "eggs", "toast" })]
    [InlineData("Lunch was a burrito, dinner was leftover pasta.", new[] { "burrito", "leftover pasta" })]
    [InlineData("Dinner: chicken curry and rice.", new[] { "chicken curry", "rice" })]
    [InlineData("Breakfast: oatmeal with blueberries.", new[] { "oatmeal", "blueberries" })]
    [InlineData("Had a bowl of ramen and two beers with Jonas.", new[] { "ramen", "beers" })]
    [InlineData("Ate a banana before.", new[] { "banana" })]
    [InlineData("Soup for lunch.", new[] { "soup" })]
    [InlineData("had a sandwich for lunch and sushi for dinner with Kenji", new[] { "sandwich", "sushi" })]
    [InlineData("We grabbed tacos from a food truck.", new[] { "tacos" })]
    [InlineData("Jog, then oatmeal and a coffee.", new[] { "oatmeal", "coffee" })]
    [InlineData("drank a glass of wine", new[] { "wine" })]
    [InlineData("Had a protein shake after.", new[] { "protein shake" })]
    public void Items_from_eating_verbs_and_meal_frames(string text, string[] items) =>
        Assert.Equal(items, Extraction.Texts(text, JournalFields.FoodItems));

    [Theory]
    [InlineData("Had a meeting with my boss.")]
    [InlineData("Lunch was great.")]
    [InlineData("Ran out of milk again so no coffee.")]
    [InlineData("spent $9 on coffee and a muffin")]
    [InlineData("30 minute walk at lunch.")]
    [InlineData("Had a nap.")]
    [InlineData("Skipped breakfast.")]
    [InlineData("Went out for dinner with Anna.")]
    [InlineData("Need to eat more vegetables.")]
    public void Meetings_judgements_purchases_and_plans_are_not_food(string text) =>
        Assert.Empty(Extraction.Texts(text, JournalFields.FoodItems));
}
