using System.Security.Cryptography;
using System.Text;

namespace LifeOS.Vectors.Qdrant;

/// <summary>Qdrant point ids must be integers or UUIDs; LifeOS ids are strings, so each maps to one name-based UUID.</summary>
/// <remarks>
/// A UUIDv8 (RFC 9562) from SHA-256 of a fixed namespace and the id: the same id always lands on the same point, so an
/// upsert replaces and a delete by id finds it. The original id travels in the payload.
/// </remarks>
public static class QdrantPointIds
{
    private static readonly byte[] Namespace = Guid.Parse("6f1c9a52-3e0b-4d7a-9b8e-2c4f5a1d7e90").ToByteArray(bigEndian: true);

    public static string ToUuid(string id)
    {
        var name = Encoding.UTF8.GetBytes(id);
        var input = new byte[Namespace.Length + name.Length];
        Namespace.CopyTo(input, 0);
        name.CopyTo(input, Namespace.Length);

        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(input, hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true).ToString("D");
    }
}
