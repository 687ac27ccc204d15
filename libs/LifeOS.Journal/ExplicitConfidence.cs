namespace LifeOS.Journal;

/// <summary>The confidence the rules give explicit facts, by how much a rule had to assume (see README).</summary>
public static class ExplicitConfidence
{
    /// <summary>A number with its unit or scale right next to the field word: "slept 7h", "mood 6/10", "spent 20 EUR".</summary>
    public const double Stated = 0.97;

    /// <summary>A number whose scale, unit or currency the rule assumed: "mood: 6" read out of 10, "$" read as USD, a duration tied to the nearest exercise.</summary>
    public const double Assumed = 0.93;

    /// <summary>A name or item taken from a cue phrase: people, places, food, activities, exercise types.</summary>
    public const double Named = 0.90;
}
