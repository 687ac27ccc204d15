using LifeOS.Contracts;
using LifeOS.Identity.Accounts;
using LifeOS.Identity.Audit;
using LifeOS.Identity.Deletion;
using LifeOS.Identity.Jwt;
using LifeOS.Identity.Secrets;
using LifeOS.Identity.Sharing;
using LifeOS.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Identity;

/// <summary>Registers LifeOS authentication, authorization, accounts, sharing, audit, secrets and deletion.</summary>
public static class IdentityExtensions
{
    /// <param name="builder">The host.</param>
    /// <param name="ensureOwner">
    /// Whether this host creates the owner account at start-up. Exactly one service should: two racing on a fresh
    /// install would each mint a different first-start token.
    /// </param>
    public static TBuilder AddLifeOSIdentity<TBuilder>(this TBuilder builder, bool ensureOwner = true) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        var keyDirectory = KeyDirectory(builder.Configuration);
        services.Configure<IdentityOptions>(builder.Configuration.GetSection(IdentityOptions.Section));
        services.PostConfigure<IdentityOptions>(options => options.KeyDirectory ??= keyDirectory);
        services.AddMemoryCache();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<CredentialCache>();
        services.AddSingleton<CredentialWatches>();
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<AccessTokens>();
        services.AddSingleton<Passwords>();
        services.AddSingleton<AccountService>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<DataDeletion>();
        services.AddSingleton<PipelineDrain>();
        services.AddSingleton<IntegrationSecrets>();
        AddDataProtection(services, keyDirectory);

        services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(Policies.Add);
        if (ensureOwner)
            services.AddHostedService<BootstrapOwner>();
        return builder;
    }

    /// <summary>Maps the account routes: auth, tokens, shares, audit, deletion, integration secrets (devices: <see cref="DevicesApi.MapDevicesApi"/>).</summary>
    public static IEndpointRouteBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        app.MapAuthApi();
        app.MapTokensApi();
        app.MapSharesApi();
        app.MapAuditApi();
        app.MapDataDeletionApi();
        app.MapIntegrationsApi();
        return app;
    }

    // The embedded server keeps keys next to its data; the split services have no data folder and use the shared store.
    private static string? KeyDirectory(IConfiguration configuration) =>
        configuration[IdentityOptions.Section + ":KeyDirectory"] is { Length: > 0 } configured ? Path.GetFullPath(configured)
        : configuration[DataDirectory.Key] is { Length: > 0 } dataDir ? Path.Combine(Path.GetFullPath(dataDir), "keys")
        : null;

    private static void AddDataProtection(IServiceCollection services, string? keyDirectory)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("LifeOS");
        if (keyDirectory is not null)
        {
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(keyDirectory, "data-protection")));
            return;
        }

        // Replicas must share one key ring, or one could not read what another protected.
        services.AddOptions<KeyManagementOptions>().Configure<IServiceProvider>((options, provider) =>
        {
            if (provider.GetService<IDataProtectionKeyStore>() is { } store)
                options.XmlRepository = new KeyStoreXmlRepository(store);
        });
    }
}
