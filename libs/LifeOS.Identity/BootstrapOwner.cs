using LifeOS.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity;

/// <summary>At start-up, ensures the owner account and its bootstrap token, so a fresh install can be used at once.</summary>
/// <remarks>The bootstrap token is a personal access token with every scope and no expiry; revoke it once the owner has
/// a password and tokens of their own.</remarks>
public sealed class BootstrapOwner(IAccountStore accounts, IOptions<IdentityOptions> options, ILogger<BootstrapOwner> logger) : IHostedService
{
    public const string OwnerUserId = "owner";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var token = options.Value.BootstrapToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            if (await accounts.AnyUserAsync(cancellationToken).ConfigureAwait(false))
                return;

            // A fresh install with no configured token would be unusable: mint one and show it this once.
            token = Tokens.Generate();
            await EnsureOwnerAsync(token, "first-start", cancellationToken).ConfigureAwait(false);
            logger.LogWarning(
                "Created the owner account. Its bearer token, shown only now: {Token} (or set LifeOS__Auth__BootstrapToken to choose one)", token);
            return;
        }

        if (token.Length < IdentityOptions.MinimumBootstrapTokenLength)
        {
            throw new InvalidOperationException(
                $"LifeOS__Auth__BootstrapToken must be at least {IdentityOptions.MinimumBootstrapTokenLength} characters: it is a password to all your data.");
        }

        await EnsureOwnerAsync(token, "bootstrap", cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Owner account ready; the bootstrap token is a personal access token with every scope");
    }

    private async Task EnsureOwnerAsync(string token, string name, CancellationToken cancellationToken)
    {
        await accounts.EnsureUserAsync(OwnerUserId, "Owner", cancellationToken).ConfigureAwait(false);
        // Scope null: every scope, including ones later versions add. A revoked bootstrap grant stays revoked.
        await accounts.SaveTokenAsync(
            new TokenGrant(Tokens.Hash(token), OwnerUserId, TokenKind.User, null, name, DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
