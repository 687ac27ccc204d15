using System.Globalization;
using System.Text;

namespace LifeOS.State;

/// <summary>Builds the keys the helpers use: a kind, then each part prefixed by its length.</summary>
/// <remarks>Parts come from clients (user, device and file ids may contain ':'), so plain joining could let
/// ("a:b", "c") and ("a", "b:c") share a key; length prefixes keep every tuple's key its own.</remarks>
internal static class StateKeys
{
    public static string Of(string kind, params ReadOnlySpan<string> parts)
    {
        var key = new StringBuilder(kind);
        foreach (var part in parts)
            key.Append(':').Append(part.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(part);
        return key.ToString();
    }
}
