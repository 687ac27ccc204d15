namespace LifeOS.Journal.Rules;

/// <summary>One family of extraction rules (sleep, ratings, exercise, ...); it reads the entry and adds facts to the context.</summary>
internal interface IFactRule
{
    void Apply(RuleContext context);
}
