using Microsoft.Extensions.Configuration;

namespace LifeOS.Storage;

/// <summary>The folder the embedded stores keep their files in: <c>LifeOS:DataDir</c>, default <c>data</c> under the
/// working directory.</summary>
public static class DataDirectory
{
    public const string Key = "LifeOS:DataDir";

    public static string Resolve(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return Path.GetFullPath(configuration[Key] ?? "data");
    }
}
