using System.Text.RegularExpressions;
using LifeOS.Identity.Audit;
using LifeOS.Identity.Jwt;
using LifeOS.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity.Accounts;

/// <summary>Registration, login, refresh-token rotation, logout and password changes.</summary>
public sealed partial class AccountService(
    IAccountStore accounts,
    ISessionStore sessions,
    Passwords passwords,
    AccessTokens accessTokens,
    CredentialCache credentials,
    AuditTrail audit,
    IOptions<IdentityOptions> options,
    TimeProvider clock)
{
    public const int MaxPasswordLength = 1024;

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{2,63}$")]
    private static partial Regex LoginPattern();

    public string? ValidateLogin(string? login) =>
        login is not null && LoginPattern().IsMatch(login.ToLowerInvariant())
            ? null
            : "login: must be 3 to 64 characters: letters, digits, '.', '_' or '-', starting with a letter or digit";

    public string? ValidatePassword(string? password, string field) =>
        password is null || password.Length < options.Value.MinimumPasswordLength || password.Length > MaxPasswordLength
            ? $"{field}: must be {options.Value.MinimumPasswordLength} to {MaxPasswordLength} characters"
            : null;

    /// <summary>A fresh account id.</summary>
    public static string NewUserId() => "u_" + Tokens.RandomId(12);

    /// <summary>Creates an account; null when the login is taken.</summary>
    public async Task<UserAccount?> RegisterAsync(HttpContext context, string login, string password, string? name)
    {
        var user = new UserAccount(NewUserId(), login.ToLowerInvariant(), string.IsNullOrWhiteSpace(name) ? login : name.Trim(),
            passwords.Hash(password), clock.GetUtcNow());
        if (!await accounts.CreateUserAsync(user, context.RequestAborted).ConfigureAwait(false))
            return null;
        await audit.RecordAsync(context, user.Id, AuditTrail.Actions.Registered).ConfigureAwait(false);
        return user;
    }

    /// <summary>Checks the password and starts a session; null when the login or password is wrong (audited either way).</summary>
    public async Task<TokenPair?> LoginAsync(HttpContext context, string login, string password)
    {
        var user = ValidateLogin(login) is null ? await accounts.FindUserByLoginAsync(login, context.RequestAborted).ConfigureAwait(false) : null;
        var check = passwords.Verify(user, password);
        if (check == PasswordCheck.Failed)
        {
            if (user is not null)
                await audit.RecordAsync(context, user.Id, AuditTrail.Actions.LoginFailed).ConfigureAwait(false);
            return null;
        }

        if (check == PasswordCheck.OkRehash)
            await accounts.SetPasswordHashAsync(user!.Id, passwords.Hash(password), context.RequestAborted).ConfigureAwait(false);

        var session = new LoginSession("s_" + Tokens.RandomId(), user!.Id, clock.GetUtcNow());
        var (refresh, grant) = NewRefresh(session);
        await sessions.CreateAsync(session, grant, context.RequestAborted).ConfigureAwait(false);
        await audit.RecordAsync(context, user.Id, AuditTrail.Actions.Login, "session " + session.Id).ConfigureAwait(false);
        return Pair(user.Id, session.Id, refresh);
    }

    /// <summary>Uses a refresh token up and returns the next pair; a token used twice ends its whole session.</summary>
    public async Task<TokenPair?> RefreshAsync(HttpContext context, string refreshToken)
    {
        if (!refreshToken.StartsWith(Tokens.RefreshPrefix, StringComparison.Ordinal))
            return null;
        var hash = Tokens.Hash(refreshToken);
        var grant = await sessions.FindRefreshAsync(hash, context.RequestAborted).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        if (grant is null || grant.Expires <= now)
            return null;

        if (grant.Used is not null)
        {
            // Reuse of a rotated token: whoever holds the family (thief or owner) loses it, and the owner logs in again.
            await EndSessionAsync(grant.SessionId).ConfigureAwait(false);
            await audit.RecordAsync(context, grant.UserId, AuditTrail.Actions.RefreshReused, "session " + grant.SessionId).ConfigureAwait(false);
            return null;
        }

        var session = new LoginSession(grant.SessionId, grant.UserId, grant.Created);
        var (next, nextGrant) = NewRefresh(session);
        return await sessions.RotateAsync(hash, nextGrant, now, context.RequestAborted).ConfigureAwait(false)
            ? Pair(grant.UserId, grant.SessionId, next)
            : null;
    }

    public async Task LogoutAsync(HttpContext context, Caller caller)
    {
        if (caller.SessionId is null)
            return;
        await EndSessionAsync(caller.SessionId).ConfigureAwait(false);
        await audit.RecordAsync(context, caller.UserId, AuditTrail.Actions.Logout, "session " + caller.SessionId).ConfigureAwait(false);
    }

    /// <summary>Changes the password and ends every other session; false when the current password is wrong.</summary>
    /// <remarks>An account that never had a password (the bootstrap owner) sets its first one without a current one.</remarks>
    public async Task<bool> ChangePasswordAsync(HttpContext context, Caller caller, string? current, string next)
    {
        var user = await accounts.FindUserAsync(caller.UserId, context.RequestAborted).ConfigureAwait(false);
        if (user is null)
            return false;
        if (user.PasswordHash is not null && (current is null || passwords.Verify(user, current) == PasswordCheck.Failed))
        {
            await audit.RecordAsync(context, user.Id, AuditTrail.Actions.LoginFailed, "password change").ConfigureAwait(false);
            return false;
        }

        await accounts.SetPasswordHashAsync(user.Id, passwords.Hash(next), context.RequestAborted).ConfigureAwait(false);
        foreach (var ended in await sessions.RevokeAllAsync(user.Id, caller.SessionId, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false))
            credentials.ForgetSession(ended);
        await audit.RecordAsync(context, user.Id, AuditTrail.Actions.PasswordChanged).ConfigureAwait(false);
        return true;
    }

    private async Task EndSessionAsync(string sessionId)
    {
        await sessions.RevokeAsync(sessionId, clock.GetUtcNow(), CancellationToken.None).ConfigureAwait(false);
        credentials.ForgetSession(sessionId);
    }

    private (string Token, RefreshGrant Grant) NewRefresh(LoginSession session)
    {
        var token = Tokens.Generate(Tokens.RefreshPrefix);
        var now = clock.GetUtcNow();
        return (token, new RefreshGrant(Tokens.Hash(token), session.Id, session.UserId, now, now.Add(options.Value.Jwt.RefreshTokenLifetime)));
    }

    private TokenPair Pair(string userId, string sessionId, string refresh) => new(
        accessTokens.Issue(userId, sessionId), "Bearer", (int)accessTokens.Lifetime.TotalSeconds,
        refresh, (int)options.Value.Jwt.RefreshTokenLifetime.TotalSeconds);
}
