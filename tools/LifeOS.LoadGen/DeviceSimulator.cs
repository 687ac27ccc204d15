namespace LifeOS.LoadGen;

/// <summary>One generated event. A, B, C, D carry the numbers of its kind (see <see cref="EventJson.WriteData"/>).</summary>
public readonly record struct SimulatedEvent(
    EventKind Kind, long Seq, long TimeTicks, double A, double B = 0, double C = 0, double D = 0,
    string? App = null, string? Action = null);

/// <summary>One simulated phone or watch: its own clock, seq counter and body/sensor state, yielding events in time order.</summary>
public sealed class DeviceSimulator
{
    private const double Gravity = 9.81;
    private const double MetresPerDegree = 111_320;

    private readonly Random _random;
    private readonly bool _isPhone;
    private readonly int _gravityAxis;
    private readonly double _gravitySign;

    // Each device has three streams: 50 Hz accelerometer, a 1 Hz one (GPS or heart rate), a slow one (apps or steps).
    private long _nextAccelerometer;
    private long _nextSecondly;
    private long _nextSlow;
    private long _seq;

    private bool _walking;
    private long _activityChangesAt;
    private double _heartRate = 64;
    private double _lat;
    private double _lon;
    private double _heading;
    private string? _foregroundApp;
    private readonly HashSet<string> _runningApps = new(StringComparer.Ordinal);

    public DeviceSimulator(string name, bool isPhone, int seed, int deviceIndex)
    {
        Name = name;
        _isPhone = isPhone;
        // Seeded System.Random is stable across runs of one .NET version, which is all "comparable runs" needs.
        _random = new Random(unchecked((seed * 7919) + deviceIndex));
        _gravityAxis = _random.Next(3);
        _gravitySign = _random.Next(2) == 0 ? 1 : -1;
        _lat = 52.52 + ((_random.NextDouble() - 0.5) * 0.1);
        _lon = 13.405 + ((_random.NextDouble() - 0.5) * 0.1);
        _heading = _random.NextDouble() * Math.Tau;

        // Random phases so devices' samples do not all land on the same instants; whole milliseconds, as devices stamp.
        var start = TrafficModel.SimulatedStart.Ticks + Milliseconds(TimeSpan.TicksPerSecond);
        _nextAccelerometer = start + Milliseconds(TrafficModel.AccelerometerPeriod);
        _nextSecondly = start + Milliseconds(TimeSpan.TicksPerSecond);
        _nextSlow = start + Milliseconds(_isPhone ? TrafficModel.AppEventMaxGap : TrafficModel.StepsPeriod);
        _activityChangesAt = start + StillDuration();
    }

    public string Name { get; }

    /// <summary>The device's next event: the earliest due of its streams, with the next seq.</summary>
    public SimulatedEvent Next()
    {
        // Ties go to the faster stream; the order is fixed, so the output is deterministic.
        if (_nextAccelerometer <= _nextSecondly && _nextAccelerometer <= _nextSlow)
        {
            var at = _nextAccelerometer;
            _nextAccelerometer += TrafficModel.AccelerometerPeriod;
            return Accelerometer(at);
        }

        if (_nextSecondly <= _nextSlow)
        {
            var at = _nextSecondly;
            _nextSecondly += TimeSpan.TicksPerSecond;
            return _isPhone ? Gps(at) : HeartRate(at);
        }

        var slowAt = _nextSlow;
        if (_isPhone)
        {
            _nextSlow += TrafficModel.AppEventMinGap + Milliseconds(TrafficModel.AppEventMaxGap - TrafficModel.AppEventMinGap);
            return AppLifecycle(slowAt);
        }

        _nextSlow += TrafficModel.StepsPeriod;
        return Steps(slowAt);
    }

    private SimulatedEvent Accelerometer(long at)
    {
        UpdateActivity(at);
        Span<double> axes = [Noise(), Noise(), Noise()];
        axes[_gravityAxis] += _gravitySign * Gravity;
        if (_walking)
        {
            // Footfalls at ~2 Hz show up mostly along gravity, a little sideways.
            var phase = Math.Sin(Math.Tau * 2.0 * at / TimeSpan.TicksPerSecond);
            axes[_gravityAxis] += 2.5 * phase;
            axes[(_gravityAxis + 1) % 3] += 0.8 * phase;
        }

        return new(EventKind.Accelerometer, ++_seq, at, Math.Round(axes[0], 4), Math.Round(axes[1], 4), Math.Round(axes[2], 4));
    }

    private SimulatedEvent Gps(long at)
    {
        UpdateActivity(at);
        if (_walking)
        {
            _heading += Gaussian() * 0.2;
            const double metresPerSecond = 1.4;
            _lat += metresPerSecond * Math.Cos(_heading) / MetresPerDegree;
            _lon += metresPerSecond * Math.Sin(_heading) / (MetresPerDegree * Math.Cos(_lat * Math.PI / 180));
        }

        var accuracy = 3 + (_random.NextDouble() * 12);
        var fixLat = _lat + (Gaussian() * accuracy / 3 / MetresPerDegree);
        var fixLon = _lon + (Gaussian() * accuracy / 3 / MetresPerDegree);
        return new(EventKind.Gps, ++_seq, at,
            Math.Round(fixLat, 7), Math.Round(fixLon, 7), Math.Round(34 + (Gaussian() * 2), 1), Math.Round(accuracy, 1));
    }

    private SimulatedEvent HeartRate(long at)
    {
        UpdateActivity(at);
        var target = _walking ? 105 : 62;
        _heartRate = Math.Clamp(_heartRate + ((target - _heartRate) * 0.05) + Gaussian(), 40, 190);
        return new(EventKind.HeartRate, ++_seq, at, Math.Round(_heartRate));
    }

    private SimulatedEvent Steps(long at)
    {
        UpdateActivity(at);
        var steps = _walking ? _random.Next(95, 126) : _random.Next(0, 9);
        return new(EventKind.Steps, ++_seq, at, steps);
    }

    private SimulatedEvent AppLifecycle(long at)
    {
        // Open or bring forward an app, later send it back or close it: the sequence a phone's OS would report.
        string app;
        string action;
        if (_foregroundApp is null)
        {
            app = TrafficModel.Apps[_random.Next(TrafficModel.Apps.Length)];
            action = _runningApps.Add(app) ? "opened" : "foreground";
            _foregroundApp = app;
        }
        else
        {
            app = _foregroundApp;
            action = _random.NextDouble() < 0.7 ? "background" : "closed";
            if (action == "closed")
                _runningApps.Remove(app);
            _foregroundApp = null;
        }

        return new(EventKind.AppLifecycle, ++_seq, at, 0, App: app, Action: action);
    }

    private void UpdateActivity(long at)
    {
        while (at >= _activityChangesAt)
        {
            _walking = !_walking;
            _activityChangesAt += _walking ? WalkDuration() : StillDuration();
        }
    }

    /// <summary>A random span below <paramref name="ticks"/>, in whole milliseconds.</summary>
    private long Milliseconds(long ticks) => _random.NextInt64(ticks / TimeSpan.TicksPerMillisecond) * TimeSpan.TicksPerMillisecond;

    private long StillDuration() => _random.NextInt64(2 * TimeSpan.TicksPerMinute, 10 * TimeSpan.TicksPerMinute);

    private long WalkDuration() => _random.NextInt64(1 * TimeSpan.TicksPerMinute, 5 * TimeSpan.TicksPerMinute);

    private double Noise() => Gaussian() * (_walking ? 0.4 : 0.05);

    // Box–Muller; 1 - NextDouble() keeps the logarithm's argument above zero.
    private double Gaussian() =>
        Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(Math.Tau * _random.NextDouble());
}
