using System.Diagnostics.CodeAnalysis;

namespace LifeOS.AI;

/// <summary>The answer to "is there a model for this?": the client, or the reason there is none.</summary>
public sealed class ModelLookup<T>
    where T : class
{
    internal ModelLookup(ModelCapability capability, T? client, string description)
    {
        Capability = capability;
        Client = client;
        Description = description;
    }

    /// <summary>The capability asked about.</summary>
    public ModelCapability Capability { get; }

    /// <summary>Whether a model is configured.</summary>
    [MemberNotNullWhen(true, nameof(Client))]
    public bool IsConfigured => Client is not null;

    /// <summary>The client, or null when no model is configured.</summary>
    public T? Client { get; }

    /// <summary>What the model is when configured; why there is none otherwise (record it as the skip reason).</summary>
    public string Description { get; }

    /// <summary>The client, or <see cref="ModelNotConfiguredException"/> saying why there is none.</summary>
    public T GetRequired() => Client ?? throw new ModelNotConfiguredException(Capability, Description);

    /// <summary>The client when configured.</summary>
    public bool TryGet([NotNullWhen(true)] out T? client)
    {
        client = Client;
        return client is not null;
    }
}
