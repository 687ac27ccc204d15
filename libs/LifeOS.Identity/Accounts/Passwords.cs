using LifeOS.Storage;
using Microsoft.AspNetCore.Identity;

namespace LifeOS.Identity.Accounts;

/// <summary>Password hashing with ASP.NET Core Identity's hasher (PBKDF2, per-password salt, versioned format).</summary>
public sealed class Passwords
{
    private static readonly UserAccount Nobody = new("", "", "", null, DateTimeOffset.UnixEpoch);
    private readonly PasswordHasher<UserAccount> _hasher = new();
    private readonly string _decoy;

    public Passwords() => _decoy = _hasher.HashPassword(Nobody, Tokens.RandomId());

    public string Hash(string password) => _hasher.HashPassword(Nobody, password);

    /// <summary>Checks a password. A user without a hash (or no user at all) is checked against a decoy, so the answer
    /// takes as long as for a real account and timing does not reveal which logins exist.</summary>
    public PasswordCheck Verify(UserAccount? user, string password)
    {
        var result = _hasher.VerifyHashedPassword(Nobody, user?.PasswordHash ?? _decoy, password);
        if (user?.PasswordHash is null)
            return PasswordCheck.Failed;
        return result switch
        {
            PasswordVerificationResult.Success => PasswordCheck.Ok,
            PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.OkRehash,
            _ => PasswordCheck.Failed,
        };
    }
}

public enum PasswordCheck
{
    Failed,
    Ok,
    OkRehash,
}
