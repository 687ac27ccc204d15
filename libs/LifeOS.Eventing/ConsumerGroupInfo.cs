namespace LifeOS.Eventing;

/// <summary>A consumer group a host runs and the topics it reads; registered in DI so lag can be reported.</summary>
public sealed record ConsumerGroupInfo(string Group, IReadOnlyCollection<string> Topics);
