using System.Buffers.Text;
using System.Globalization;
using System.Text;
using LifeOS.Contracts;
using LifeOS.Storage;

namespace LifeOS.Query;

/// <summary>Opaque timeline cursors: the last item's (time, id), base64url-encoded.</summary>
public static class Cursor
{
    public static string Encode(TimelinePosition position) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            Timestamps.ToUnixMicros(position.Time).ToString(CultureInfo.InvariantCulture) + ":" + position.Id));

    public static bool TryDecode(string text, out TimelinePosition? position)
    {
        position = null;
        if (text.Length > 512)
            return false;
        try
        {
            var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !long.TryParse(decoded.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var micros))
                return false;
            position = new TimelinePosition(Timestamps.FromUnixMicros(micros), decoded[(colon + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
