using LifeOS.Identity.Http;
using LifeOS.Identity.Jwt;
using LifeOS.Identity.Limits;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace LifeOS.Identity.Accounts;

/// <summary>Accounts: register, log in (JWT access token + rotating refresh token), refresh, log out, change password.</summary>
public static class AuthApi
{
    private const long SmallBody = 16 * 1024;

    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/auth").WithTags("Accounts");
        group.MapPost("/register", Register).AllowAnonymous().RequireRateLimiting(RateLimits.AuthPolicy).WithBodyLimit(SmallBody)
            .Accepts<RegisterRequest>("application/json").WithName("Register")
            .WithSummary("Creates an account with a login name and a password (open registration can be switched off).");
        group.MapPost("/login", Login).AllowAnonymous().RequireRateLimiting(RateLimits.AuthPolicy).WithBodyLimit(SmallBody)
            .Accepts<LoginRequest>("application/json").WithName("Login")
            .WithSummary("Checks a password and returns a short-lived access token and a refresh token.");
        group.MapPost("/refresh", Refresh).AllowAnonymous().RequireRateLimiting(RateLimits.AuthPolicy).WithBodyLimit(SmallBody)
            .Accepts<RefreshRequest>("application/json").WithName("Refresh")
            .WithSummary("Trades a refresh token (once) for a new access token and the next refresh token.");
        group.MapPost("/logout", Logout).RequireAuthorization(Policies.Manage).WithBodyLimit(SmallBody).WithName("Logout")
            .WithSummary("Ends the session of the access token: its refresh tokens and access tokens stop working.");
        group.MapPost("/password", ChangePassword).RequireAuthorization(Policies.Manage).WithBodyLimit(SmallBody)
            .Accepts<ChangePasswordRequest>("application/json").WithName("ChangePassword")
            .WithSummary("Changes the password and ends every other session.");
        return group;
    }

    private static async Task<Results<Created<Registered>, ProblemHttpResult>> Register(
        HttpContext context, AccountService accounts, IOptions<IdentityOptions> options)
    {
        if (!options.Value.OpenRegistration && !(context.User.Identity?.IsAuthenticated == true
                && Caller.From(context.User) is { Kind: Storage.TokenKind.User } caller && caller.Has(Scopes.Manage)))
            return ApiProblems.Field("registration", "is closed on this server; an existing account with the manage scope may create accounts", StatusCodes.Status403Forbidden);

        var (request, problem) = await JsonBody.ReadAsync<RegisterRequest>(context, """{"login": "alice", "password": "..."}""").ConfigureAwait(false);
        if (problem is not null)
            return problem;
        var error = accounts.ValidateLogin(request!.Login) ?? accounts.ValidatePassword(request.Password, "password");
        if (error is null && request.Name is { Length: > 200 })
            error = "name: must be at most 200 characters";
        if (error is not null)
            return ApiProblems.FromError(error);

        var user = await accounts.RegisterAsync(context, request.Login!, request.Password!, request.Name).ConfigureAwait(false);
        return user is null
            ? ApiProblems.Field("login", "is taken", StatusCodes.Status409Conflict)
            : TypedResults.Created("/v1/auth/login", new Registered(user.Id, user.Login));
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> Login(
        HttpContext context, AccountService accounts, AccessTokens tokens, LoginThrottle throttle)
    {
        if (!tokens.Enabled)
            return NotConfigured();
        var (request, problem) = await JsonBody.ReadAsync<LoginRequest>(context, """{"login": "alice", "password": "..."}""").ConfigureAwait(false);
        if (problem is not null)
            return problem;
        if (string.IsNullOrEmpty(request!.Login) || string.IsNullOrEmpty(request.Password) || request.Password.Length > AccountService.MaxPasswordLength)
            return ApiProblems.Field("login", "login and password are required");

        var address = RateLimits.Address(context);
        if (await throttle.RefusedAsync(request.Login, address, context.RequestAborted).ConfigureAwait(false) is { } retryAfter)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiProblems.Field("login", $"too many failed logins on this account from this address; retry after {seconds} s",
                StatusCodes.Status429TooManyRequests);
        }

        var pair = await accounts.LoginAsync(context, request.Login, request.Password).ConfigureAwait(false);
        if (pair is not null)
            return TypedResults.Ok(pair);
        await throttle.FailedAsync(request.Login, address, CancellationToken.None).ConfigureAwait(false);
        // One answer for an unknown login and a wrong password, so logins cannot be enumerated.
        return ApiProblems.Field("login", "unknown login or wrong password", StatusCodes.Status401Unauthorized);
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> Refresh(HttpContext context, AccountService accounts, AccessTokens tokens)
    {
        if (!tokens.Enabled)
            return NotConfigured();
        var (request, problem) = await JsonBody.ReadAsync<RefreshRequest>(context, """{"refreshToken": "lor_..."}""").ConfigureAwait(false);
        if (problem is not null)
            return problem;
        if (string.IsNullOrEmpty(request!.RefreshToken))
            return ApiProblems.Field("refreshToken", "is required");

        var pair = request.RefreshToken.Length <= 256 ? await accounts.RefreshAsync(context, request.RefreshToken).ConfigureAwait(false) : null;
        return pair is null
            ? ApiProblems.Field("refreshToken", "unknown, expired, already used or its session ended; log in again", StatusCodes.Status401Unauthorized)
            : TypedResults.Ok(pair);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Logout(HttpContext context, AccountService accounts)
    {
        var caller = Caller.From(context.User);
        if (caller.SessionId is null)
            return ApiProblems.Field("Authorization", "only an access token from a login has a session to end; revoke a personal access token with DELETE /v1/tokens/{id}");
        await accounts.LogoutAsync(context, caller).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(HttpContext context, AccountService accounts)
    {
        var (request, problem) = await JsonBody.ReadAsync<ChangePasswordRequest>(
            context, """{"currentPassword": "...", "newPassword": "..."}""").ConfigureAwait(false);
        if (problem is not null)
            return problem;
        if (accounts.ValidatePassword(request!.NewPassword, "newPassword") is { } error)
            return ApiProblems.FromError(error);
        if (request.CurrentPassword is { Length: > AccountService.MaxPasswordLength })
            return ApiProblems.Field("currentPassword", "is wrong", StatusCodes.Status403Forbidden);

        return await accounts.ChangePasswordAsync(context, Caller.From(context.User), request.CurrentPassword, request.NewPassword!).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : ApiProblems.Field("currentPassword", "is wrong", StatusCodes.Status403Forbidden);
    }

    private static ProblemHttpResult NotConfigured() =>
        ApiProblems.Field("LifeOS:Auth:Jwt:SigningKey", "logins are not enabled: the server has no JWT signing key configured",
            StatusCodes.Status503ServiceUnavailable);
}
