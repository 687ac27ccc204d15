namespace LifeOS.Contracts;

/// <summary>Derived topic names. Topic names themselves are spelled only in <see cref="TopicCatalogue"/>.</summary>
public static class TopicNames
{
    public const string DeadLetterSuffix = ".dlq";

    public static string DeadLetterOf(string topic) => topic + DeadLetterSuffix;
}
