using System.Security.Cryptography;
using System.Text;

namespace LifeOS.Identity;

/// <summary>Random bearer tokens and the hashes they are stored as.</summary>
public static class Tokens
{
    /// <summary>Personal access and device tokens.</summary>
    public const string Prefix = "los_";

    /// <summary>Refresh tokens: a prefix of their own, so one is never mistaken for the other by people or scanners.</summary>
    public const string RefreshPrefix = "lor_";

    /// <summary>A new token: 32 random bytes, base64url, with a prefix that secret scanners can match.</summary>
    public static string Generate(string prefix = Prefix) => prefix + RandomId(32);

    /// <summary>Random base64url text of <paramref name="bytes"/> bytes (ids of users, sessions, shares).</summary>
    public static string RandomId(int bytes = 16) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 is enough here: tokens are high-entropy random values, not passwords.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
