namespace LifeOS.AI;

/// <summary>What a model is asked to do.</summary>
public enum ModelCapability
{
    Chat,
    Embeddings,
}
