using LifeOS.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity;

/// <summary>At start-up, ensures the owner account and its bootstrap token, so a fresh install can be used at once.</summary>
public sealed class BootstrapOwner(IAccountStore accounts, IOptions<IdentityOptions> options, ILogger<BootstrapOwner> logger) : IHostedService
{
    public const string OwnerUserId = "owner";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var token = options.Value.BootstrapToken;
        if (string.IsNullOrWhiteSpace(token))
        {
            logger.LogInformation("No LifeOS__Auth__BootstrapToken set; use an existing token or set one to create the owner account");
            return;
        }

        if (token.Length < IdentityOptions.MinimumBootstrapTokenLength)
        {
            throw new InvalidOperationException(
                $"LifeOS__Auth__BootstrapToken must be at least {IdentityOptions.MinimumBootstrapTokenLength} characters: it is a password to all your data.");
        }

        await accounts.EnsureUserAsync(OwnerUserId, "Owner", cancellationToken).ConfigureAwait(false);
        await accounts.SaveTokenAsync(
            new TokenGrant(Tokens.Hash(token), OwnerUserId, TokenKind.User, null, "bootstrap", DateTimeOffset.UtcNow),
            cancellationToken).ConfigureAwait(false);
        logger.LogInformation("Owner account ready; the bootstrap token may ingest and query");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
