namespace LifeOS.Journal.Tests.Rules;

public sealed class ActivityRuleTests
{
    [Theory]
    [InlineData("Spent the whole day at home reading and cooking.", new[] { "reading", "cooking" })]
    [InlineData("Watched a movie after dinner.", new[] { "movie" })]
    [InlineData("Meditated for 15 minutes.", new[] { "meditation" })]
    [InlineData("Spent 3 hours gardening, then cleaned the kitchen.", new[] { "gardening", "cleaning" })]
    [InlineData("played guitar for an hour and read before bed", new[] { "guitar", "reading" })]
    [InlineData("Quiet evening watching TV.", new[] { "tv" })]
    [InlineData("Played board games with the family.", new[] { "board games" })]
    [InlineData("Took a 20 minute power nap. Then studied for the exam.", new[] { "nap", "studying" })]
    [InlineData("walked the dog twice", new[] { "dog walking" })]
    [InlineData("Bought a book and read half of it.", new[] { "reading" })]
    [InlineData("did the laundry and listened to a podcast", new[] { "laundry", "podcast" })]
    public void Activities_from_the_vocabulary(string text, string[] activities) =>
        Assert.Equal(activities, Extraction.Texts(text, JournalFields.Activities));

    [Theory]
    [InlineData("Read the email from my boss.")]
    [InlineData("Saw a $999 TV at the mall.")]
    [InlineData("Need to do laundry tomorrow.")]
    [InlineData("Lost my reading glasses.")]
    [InlineData("Wrote a shopping list.")]
    public void Emails_objects_and_plans_are_not_activities(string text) =>
        Assert.Empty(Extraction.Texts(text, JournalFields.Activities));
}
