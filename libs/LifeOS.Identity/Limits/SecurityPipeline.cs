using LifeOS.Identity.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace LifeOS.Identity;

/// <summary>Rate limits, body limits, CORS allow-list and security headers, as every LifeOS web host applies them.</summary>
public static class SecurityPipeline
{
    public static TBuilder AddRequestLimits<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var section = builder.Configuration.GetSection(LimitsOptions.Section);
        builder.Services.Configure<LimitsOptions>(section);
        var limits = section.Get<LimitsOptions>() ?? new LimitsOptions();
        builder.Services.AddRateLimiter(options => RateLimits.Configure(options, limits));
        builder.Services.AddSingleton<StreamLimits>();

        var origins = builder.Configuration.GetSection(CorsOptions.Section).Get<CorsOptions>()?.AllowedOrigins ?? [];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            // Only listed origins; bearer tokens travel in a header, so no cookies (credentials) are ever allowed.
            policy.WithOrigins([.. origins.Where(o => !string.IsNullOrWhiteSpace(o) && o != "*")])
                .WithHeaders("Authorization", "Content-Type")
                .WithMethods("GET", "POST", "PUT", "DELETE")
                .WithExposedHeaders("Retry-After", "Location")
                .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        }));
        return builder;
    }

    /// <summary>Headers and CORS: before anything can answer.</summary>
    public static WebApplication UseSecurityHeadersAndCors(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseCors();
        return app;
    }

    /// <summary>Rate and body limits: after authentication (limits are per credential), before authorization.</summary>
    public static WebApplication UseRequestLimits(this WebApplication app)
    {
        app.UseRateLimiter();
        app.UseMiddleware<BodyLimitMiddleware>();
        return app;
    }
}
