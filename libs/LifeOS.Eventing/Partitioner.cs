using System.Text;

namespace LifeOS.Eventing;

/// <summary>Chooses a partition from a key, stably across processes and restarts (FNV-1a over UTF-8).</summary>
public static class Partitioner
{
    public static int PartitionFor(string key, int partitions)
    {
        if (partitions <= 1)
            return 0;

        var hash = 2166136261u;
        Span<byte> stack = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(key) <= stack.Length ? stack[..Encoding.UTF8.GetBytes(key, stack)] : Encoding.UTF8.GetBytes(key);
        foreach (var b in bytes)
            hash = (hash ^ b) * 16777619u;

        return (int)(hash % (uint)partitions);
    }
}
