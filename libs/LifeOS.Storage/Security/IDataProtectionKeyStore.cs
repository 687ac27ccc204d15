namespace LifeOS.Storage;

/// <summary>Where the Data Protection key ring lives when replicas must share it (the split services): XML elements by name.</summary>
public interface IDataProtectionKeyStore
{
    IReadOnlyList<string> GetAll();

    /// <summary>Stores a key element; a name stored before keeps its first element (keys are immutable once written).</summary>
    void Store(string name, string xml);
}
