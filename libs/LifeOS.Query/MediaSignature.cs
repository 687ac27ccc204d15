namespace LifeOS.Query;

/// <summary>Recognises the image, audio and video formats devices upload from their first bytes, so media is shown
/// inline only as what the server itself found it to be, never as the type an uploader claimed.</summary>
/// <remarks>A dozen fixed signatures; no maintained package on the feed does this without native libmagic. Formats not
/// listed here (SVG, which can carry script, among them) are served as downloads.</remarks>
public static class MediaSignature
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int HeadLength = 16;

    /// <summary>The media type the bytes are, or null when they are not an image, audio or video format known here.</summary>
    public static string? Detect(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            return "image/png";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return "image/gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8))
        {
            var form = head.Slice(8, 4);
            if (form.SequenceEqual("WEBP"u8))
                return "image/webp";
            if (form.SequenceEqual("WAVE"u8))
                return "audio/wav";
        }

        if (head.StartsWith("OggS"u8))
            return "audio/ogg";
        if (head.StartsWith("fLaC"u8))
            return "audio/flac";
        if (head.StartsWith("ID3"u8) || (head.Length >= 2 && head[0] == 0xFF && (head[1] & 0xE0) == 0xE0 && (head[1] & 0x06) != 0))
            return "audio/mpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
            return "video/webm";
        if (head.Length >= 12 && head.Slice(4, 4).SequenceEqual("ftyp"u8))
            return IsoBrand(head.Slice(8, 4));
        return null;
    }

    // ISO base media files (MP4, M4A, HEIC, QuickTime) name their kind in the ftyp box's major brand.
    private static string IsoBrand(ReadOnlySpan<byte> brand)
    {
        if (brand.SequenceEqual("M4A "u8))
            return "audio/mp4";
        if (brand.SequenceEqual("heic"u8) || brand.SequenceEqual("heix"u8) || brand.SequenceEqual("mif1"u8))
            return "image/heic";
        if (brand.SequenceEqual("avif"u8))
            return "image/avif";
        return brand.SequenceEqual("qt  "u8) ? "video/quicktime" : "video/mp4";
    }
}
