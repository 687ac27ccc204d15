namespace LifeOS.Identity.Accounts;

public sealed record RegisterRequest(string? Login, string? Password, string? Name);

public sealed record LoginRequest(string? Login, string? Password);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed record Registered(string UserId, string Login);

/// <summary>What a login or refresh returns: a short-lived access token and the next refresh token, each shown once.</summary>
public sealed record TokenPair(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken, int RefreshExpiresIn);
