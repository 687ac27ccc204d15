namespace LifeOS.Storage;

/// <summary>Per-user secrets of connected services (OAuth tokens of calendar, mail, fitness), stored only as ciphertext.</summary>
/// <remarks>The store never sees plaintext: callers protect values (ASP.NET Core Data Protection) before putting them.</remarks>
public interface IIntegrationSecretStore
{
    Task PutAsync(string userId, string name, byte[] ciphertext, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task<byte[]?> GetAsync(string userId, string name, CancellationToken cancellationToken = default);

    /// <summary>The names of the user's secrets and when each was last put.</summary>
    Task<IReadOnlyList<IntegrationSecretInfo>> ListAsync(string userId, CancellationToken cancellationToken = default);

    Task<bool> DeleteAsync(string userId, string name, CancellationToken cancellationToken = default);
}

public sealed record IntegrationSecretInfo(string Name, DateTimeOffset Updated);
