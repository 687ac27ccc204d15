using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace LifeOS.Identity.Jwt;

/// <summary>The one HMAC key access tokens are signed and checked with: from configuration, else (embedded server) a
/// key generated once under the key directory; else none, and logins answer that the key is missing.</summary>
public sealed class SigningKeys
{
    public const int MinimumKeyBytes = 32;
    public const string KeyFileName = "jwt-signing.key";

    private readonly Lazy<SymmetricSecurityKey?> _key;

    public SigningKeys(IOptions<IdentityOptions> options, ILogger<SigningKeys> logger)
    {
        _key = new Lazy<SymmetricSecurityKey?>(() => Load(options.Value, logger));
    }

    /// <summary>The key, or null when none is configured and no key directory exists to keep a generated one.</summary>
    public SymmetricSecurityKey? Key => _key.Value;

    private static SymmetricSecurityKey? Load(IdentityOptions options, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.Jwt.SigningKey))
            return new SymmetricSecurityKey(Decode(options.Jwt.SigningKey)) { KeyId = "configured" };

        if (string.IsNullOrWhiteSpace(options.KeyDirectory))
        {
            logger.LogWarning("No JWT signing key: set LifeOS__Auth__Jwt__SigningKey (base64, at least {Bytes} bytes) to enable logins; " +
                "personal access and device tokens work without it", MinimumKeyBytes);
            return null;
        }

        Directory.CreateDirectory(options.KeyDirectory);
        var path = Path.Combine(options.KeyDirectory, KeyFileName);
        if (!File.Exists(path))
        {
            // CreateNew: of two processes racing on a fresh folder, one writes and both read the same key.
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                file.Write(System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(64))));
                file.Flush(flushToDisk: true);
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                logger.LogInformation("Generated a JWT signing key in the key directory");
            }
            catch (IOException) when (File.Exists(path))
            {
            }
        }

        return new SymmetricSecurityKey(Decode(File.ReadAllText(path).Trim())) { KeyId = "local" };
    }

    private static byte[] Decode(string base64)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw new InvalidOperationException("LifeOS:Auth:Jwt:SigningKey must be base64 (e.g. `openssl rand -base64 48`)");
        }

        return bytes.Length >= MinimumKeyBytes
            ? bytes
            : throw new InvalidOperationException($"LifeOS:Auth:Jwt:SigningKey must decode to at least {MinimumKeyBytes} bytes (HS256)");
    }
}
