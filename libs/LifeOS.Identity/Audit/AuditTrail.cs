using LifeOS.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace LifeOS.Identity.Audit;

/// <summary>Records privileged actions in the audit log with the time and the client address.</summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider clock, ILogger<AuditTrail> logger)
{
    /// <summary>The actions this codebase records (later issues add theirs, e.g. exports).</summary>
    public static class Actions
    {
        public const string Registered = "account.registered";
        public const string Login = "login";
        public const string LoginFailed = "login.failed";
        public const string Logout = "logout";
        public const string RefreshReused = "refresh.reused";
        public const string PasswordChanged = "password.changed";
        public const string TokenCreated = "token.created";
        public const string TokenRevoked = "token.revoked";
        public const string DeviceCreated = "device.created";
        public const string DeviceRevoked = "device.revoked";
        public const string ShareCreated = "share.created";
        public const string ShareRevoked = "share.revoked";
        public const string SecretSaved = "integration.saved";
        public const string SecretDeleted = "integration.deleted";
        public const string DataDeleted = "data.deleted";
        public const string AccountDeleted = "account.deleted";
        public const string Export = "export";
    }

    public async Task RecordAsync(HttpContext? context, string userId, string action, string? detail = null, string? actor = null)
    {
        var entry = new AuditEntry(0, userId, clock.GetUtcNow(), action, actor, detail, context?.Connection.RemoteIpAddress?.ToString());
        // The action already happened; the audit write must still happen even if the client has hung up.
        await log.AppendAsync(entry, CancellationToken.None).ConfigureAwait(false);
        logger.LogInformation("Audit {Action} for {User}", action, userId);
    }
}
