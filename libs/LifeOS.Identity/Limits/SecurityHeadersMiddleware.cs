using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace LifeOS.Identity.Limits;

/// <summary>Headers that keep browsers from sniffing, framing, caching or leaking referrers of API answers.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var response = ((HttpContext)state).Response;
            var headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            // API answers load nothing; pages (a web UI served by the embedded server) may load their own assets only.
            headers.ContentSecurityPolicy = IsApi(((HttpContext)state).Request.Path)
                ? "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'"
                : "default-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            headers["Cross-Origin-Resource-Policy"] = "same-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            // Life data must not linger in shared or browser caches.
            if (!headers.ContainsKey("Cache-Control"))
                headers.CacheControl = "no-store";
            // The CORS answer depends on the Origin header: a cache must not hand one origin's answer to another.
            if (((HttpContext)state).Request.Headers.ContainsKey(HeaderNames.Origin)
                && !headers.Vary.Any(v => v?.Contains(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase) == true))
                headers.Append(HeaderNames.Vary, HeaderNames.Origin);
            if (((HttpContext)state).Request.IsHttps)
                headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
            return Task.CompletedTask;
        }, context);
        return next(context);
    }

    private static bool IsApi(PathString path) =>
        path.StartsWithSegments("/v1") || path.StartsWithSegments("/openapi") || path.StartsWithSegments("/health") || path.StartsWithSegments("/alive");
}
