using LifeOS.Contracts;

namespace LifeOS.UnitTests;

public sealed class TimestampsTests
{
    [Theory]
    [InlineData("2026-11-22T08:00:00Z")]
    [InlineData("2026-11-22T08:00:00.123456Z")]
    [InlineData("2026-11-22T09:00:00+01:00")]
    public void Accepts_rfc3339_with_offset(string text)
    {
        Assert.True(Timestamps.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(8, value.UtcDateTime.Hour);
    }

    [Theory]
    [InlineData("2026-11-22T08:00:00")]
    [InlineData("yesterday")]
    [InlineData("")]
    [InlineData("2026-13-22T08:00:00Z")]
    public void Rejects_local_or_malformed_times(string text) => Assert.False(Timestamps.TryParse(text, out _));

    [Fact]
    public void Unix_micros_round_trip()
    {
        var time = new DateTimeOffset(2026, 11, 22, 8, 0, 0, 123, TimeSpan.Zero).AddTicks(4560);
        Assert.Equal(time, Timestamps.FromUnixMicros(Timestamps.ToUnixMicros(time)));
    }
}
