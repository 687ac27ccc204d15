using System.Security.Cryptography;
using System.Text;
using LifeOS.Storage;
using Microsoft.AspNetCore.DataProtection;

namespace LifeOS.Identity.Secrets;

/// <summary>Integration secrets (OAuth tokens of calendar, mail, fitness services) encrypted at rest with ASP.NET Core
/// Data Protection; each user's ciphertext is bound to that user, so a row copied to another account does not decrypt.</summary>
public sealed class IntegrationSecrets(IIntegrationSecretStore store, IDataProtectionProvider protection, TimeProvider clock)
{
    public const string Purpose = "LifeOS.IntegrationSecrets.v1";

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);

    public Task PutAsync(string userId, string name, string secret, CancellationToken cancellationToken = default) =>
        store.PutAsync(userId, name, For(userId).Protect(Encoding.UTF8.GetBytes(secret)), clock.GetUtcNow(), cancellationToken);

    /// <summary>The plaintext, or null when absent; throws <see cref="CryptographicException"/> when the ciphertext was tampered with or moved.</summary>
    public async Task<string?> GetAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        var ciphertext = await store.GetAsync(userId, name, cancellationToken).ConfigureAwait(false);
        return ciphertext is null ? null : Encoding.UTF8.GetString(For(userId).Unprotect(ciphertext));
    }

    public Task<IReadOnlyList<IntegrationSecretInfo>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        store.ListAsync(userId, cancellationToken);

    public Task<bool> DeleteAsync(string userId, string name, CancellationToken cancellationToken = default) =>
        store.DeleteAsync(userId, name, cancellationToken);

    private IDataProtector For(string userId) => _protector.CreateProtector(userId);
}
