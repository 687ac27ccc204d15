namespace LifeOS.Journal.Tests.Rules;

public sealed class WorkRuleTests
{
    [Theory]
    [InlineData("Worked 9 hours anyway.", 9)]
    [InlineData("8h at work, then dinner.", 8)]
    [InlineData("9 hours at the office", 9)]
    [InlineData("Work: 8h.", 8)]
    [InlineData("Work was fine, about 8 hours.", 8)]
    [InlineData("Zoom calls all day, 6 hours of work total.", 6)]
    [InlineData("Work was intense, 10-hour day.", 10)]
    [InlineData("a 12 hour shift", 12)]
    [InlineData("Worked from 9 to 6 with a short lunch break.", 9)]
    [InlineData("worked 8:30-5", 8.5)]
    [InlineData("worked 7.5 hours from home", 7.5)]
    public void Hours_worked(string text, double hours) =>
        Assert.Equal([hours], Extraction.Numbers(text, JournalFields.WorkDuration));

    [Theory]
    [InlineData("Worked out for 40 minutes.")]
    [InlineData("Did 45 min of yoga before work.")]
    [InlineData("Walked to work, 30 minutes.")]
    [InlineData("Had a long 2h meeting.")]
    [InlineData("Spent 3 hours on homework.")]
    [InlineData("worked on my novel for 2 hours")]
    public void Workouts_commutes_and_other_tasks_are_not_work_hours(string text) =>
        Assert.Empty(Extraction.Numbers(text, JournalFields.WorkDuration));
}
