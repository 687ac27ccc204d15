namespace LifeOS.AI;

/// <summary>One place a model for a capability could come from, registered in DI: either available (with a factory)
/// or not (with the reason), so the registry can say exactly why nothing is configured.</summary>
/// <param name="Capability">What the model does.</param>
/// <param name="Description">For an available model, what it is ("gpt-4o-mini at https://..."); otherwise why it is not
/// available ("ConnectionStrings:chat is not set").</param>
/// <param name="Preference">Higher wins when several are available (local ONNX over a remote endpoint).</param>
/// <param name="Create">Builds the client (an IChatClient or an IEmbeddingGenerator&lt;string, Embedding&lt;float&gt;&gt;);
/// null when not available.</param>
public sealed record ModelRegistration(ModelCapability Capability, string Description, int Preference, Func<IServiceProvider, object>? Create)
{
    /// <summary>Preference of an OpenAI-compatible endpoint.</summary>
    public const int RemotePreference = 0;

    /// <summary>Preference of a model that runs in process (nothing leaves the machine).</summary>
    public const int LocalPreference = 10;

    /// <summary>Whether this registration can build a client.</summary>
    public bool IsAvailable => Create is not null;

    /// <summary>A source that can serve <paramref name="capability"/>.</summary>
    public static ModelRegistration Available(ModelCapability capability, string description, int preference, Func<IServiceProvider, object> create) =>
        new(capability, description, preference, create);

    /// <summary>A source that was looked at and cannot serve <paramref name="capability"/>, and why.</summary>
    public static ModelRegistration Unavailable(ModelCapability capability, string reason) =>
        new(capability, reason, int.MinValue, null);
}
