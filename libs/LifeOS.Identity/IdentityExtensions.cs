using LifeOS.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers LifeOS authentication and authorization.</summary>
public static class IdentityExtensions
{
    /// <param name="builder">The host.</param>
    /// <param name="ensureOwner">
    /// Whether this host creates the owner account at start-up. Exactly one service should: two racing on a fresh
    /// install would each mint a different first-start token.
    /// </param>
    public static TBuilder AddLifeOSIdentity<TBuilder>(this TBuilder builder, bool ensureOwner = true) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<IdentityOptions>(builder.Configuration.GetSection(IdentityOptions.Section));
        builder.Services.AddMemoryCache();
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(Policies.Add);
        if (ensureOwner)
            builder.Services.AddHostedService<BootstrapOwner>();
        return builder;
    }
}
