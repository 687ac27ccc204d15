using LifeOS.Contracts.Payloads;
using LifeOS.State;

namespace LifeOS.Testing.State;

public abstract partial class StateStoreContract
{
    private static readonly DateTimeOffset ShotAt = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static CameraFrame Frame(string camera, double seconds, string id, string device = "phone", string? pairId = null) =>
        new("u1", device, camera, ShotAt.AddSeconds(seconds), id, new BlobReference(new string('f', 63) + id[^1], 1000, "image/jpeg"), pairId);

    private CameraFramePairer Pairer(IStateStore store) =>
        new(store, new DistributedLock(store), new CameraPairingOptions { Window = TimeSpan.FromSeconds(2) });

    [Fact]
    public async Task Front_and_rear_frames_within_the_window_pair_once()
    {
        var front = Frame(CameraFrame.Front, 0, "evt-1");
        var rear = Frame(CameraFrame.Rear, 1.5, "evt-2");

        Assert.Null(await Pairer(Store).OfferAsync(front));
        var pair = await Pairer(Replica).OfferAsync(rear);

        Assert.Equal(new PairedFrames(front, rear), pair);
        // Redelivery of either frame does not pair it again.
        Assert.Null(await Pairer(Store).OfferAsync(rear));
        Assert.Null(await Pairer(Replica).OfferAsync(front));
    }

    [Fact]
    public async Task Frames_outside_the_window_or_from_another_device_do_not_pair()
    {
        var pairer = Pairer(Store);

        Assert.Null(await pairer.OfferAsync(Frame(CameraFrame.Rear, 0, "evt-1")));
        Assert.Null(await pairer.OfferAsync(Frame(CameraFrame.Front, 2.5, "evt-2")));
        Assert.Null(await pairer.OfferAsync(Frame(CameraFrame.Front, -2.001, "evt-3")));
        Assert.Null(await pairer.OfferAsync(Frame(CameraFrame.Front, 0.1, "evt-4", device: "tablet")));
        Assert.Null(await pairer.OfferAsync(Frame(CameraFrame.Rear, 5.0, "evt-5", pairId: "p1")));
        // Frames that both carry a pairId pair only when the ids agree.
        Assert.Null(await pairer.OfferAsync(Frame(CameraFrame.Front, 5.0, "evt-6", pairId: "p2")));

        // The window's edge is inclusive: the waiting rear frame still pairs with a front taken exactly 2 s later.
        var edge = await pairer.OfferAsync(Frame(CameraFrame.Front, 2.0, "evt-7"));
        Assert.Equal("evt-1", edge?.Rear.EventId);
    }

    [Fact]
    public async Task A_frame_pairs_with_the_closest_waiting_partner_and_the_other_keeps_waiting()
    {
        var pairer = Pairer(Store);
        await pairer.OfferAsync(Frame(CameraFrame.Front, 0, "front-early"));
        await pairer.OfferAsync(Frame(CameraFrame.Front, 1.8, "front-late"));

        var first = await pairer.OfferAsync(Frame(CameraFrame.Rear, 1.5, "rear-1"));
        var second = await pairer.OfferAsync(Frame(CameraFrame.Rear, 0.5, "rear-2"));

        Assert.Equal(("front-late", "rear-1"), (first?.Front.EventId, first?.Rear.EventId));
        Assert.Equal(("front-early", "rear-2"), (second?.Front.EventId, second?.Rear.EventId));
    }

    [Fact]
    public async Task Frames_offered_concurrently_on_two_replicas_pair_each_pair_exactly_once()
    {
        const int Pairs = 20;
        // Shots 10 s apart, rear 0.5 s after front: every frame has exactly one partner within the window.
        var frames = Enumerable.Range(0, Pairs)
            .SelectMany(i => new[] { Frame(CameraFrame.Front, i * 10, $"f{i:00}"), Frame(CameraFrame.Rear, i * 10 + 0.5, $"r{i:00}") })
            .OrderBy(_ => Random.Shared.Next())
            .ToArray();

        var results = await RaceAsync(frames.Length, (store, i) => Pairer(store).OfferAsync(frames[i]));

        var pairs = results.OfType<PairedFrames>().ToList();
        Assert.Equal(Pairs, pairs.Count);
        Assert.All(pairs, p => Assert.Equal(p.Front.EventId[1..], p.Rear.EventId[1..]));
        Assert.Equal(Pairs, pairs.Select(p => p.Front.EventId).Distinct().Count());
    }

    [Fact]
    public async Task Only_front_and_rear_frames_of_a_named_device_can_be_offered()
    {
        var pairer = Pairer(Store);

        var screen = await Assert.ThrowsAsync<ArgumentException>(() => pairer.OfferAsync(Frame("screen", 0, "evt-1")));
        Assert.Contains("screen", screen.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => pairer.OfferAsync(Frame(CameraFrame.Front, 0, "evt-2", device: "")));
    }
}
