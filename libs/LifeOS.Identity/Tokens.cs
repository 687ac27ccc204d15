using System.Security.Cryptography;
using System.Text;

namespace LifeOS.Identity;

/// <summary>Random bearer tokens and the hashes they are stored as.</summary>
public static class Tokens
{
    public const string Prefix = "los_";

    /// <summary>A new token: 32 random bytes, base64url, with a prefix that secret scanners can match.</summary>
    public static string Generate() =>
        Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>SHA-256 is enough here: tokens are high-entropy random values, not passwords.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
