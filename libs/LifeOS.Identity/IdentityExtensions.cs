using LifeOS.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.Extensions.Hosting;

/// <summary>Registers LifeOS authentication and authorization.</summary>
public static class IdentityExtensions
{
    public static TBuilder AddLifeOSIdentity<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.Configure<IdentityOptions>(builder.Configuration.GetSection(IdentityOptions.Section));
        builder.Services.AddMemoryCache();
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization(Policies.Add);
        builder.Services.AddHostedService<BootstrapOwner>();
        return builder;
    }
}
