using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace LifeOS.Eventing.Kafka;

/// <summary>Routes librdkafka's own log and error events to an <see cref="ILogger"/> instead of stderr.</summary>
internal static class KafkaLogging
{
    public static Action<IClient, Confluent.Kafka.LogMessage> Log(ILogger logger) =>
        (_, message) => logger.Log(Level(message.Level), "librdkafka {Name} {Facility}: {Message}", message.Name, message.Facility, message.Message);

    public static Action<IClient, Error> Errors(ILogger logger) =>
        (_, error) =>
        {
            // librdkafka recovers from most errors it reports (a broker restarting); only fatal ones stop the client.
            if (error.IsFatal)
                logger.LogError("Kafka client failed for good: {Code} {Reason}", error.Code, error.Reason);
            else
                logger.LogWarning("Kafka client error, retrying: {Code} {Reason}", error.Code, error.Reason);
        };

    // librdkafka reports recoverable connection trouble at syslog "error"; it retries on its own, so it reads as a warning.
    private static LogLevel Level(SyslogLevel level) => level switch
    {
        SyslogLevel.Emergency or SyslogLevel.Alert or SyslogLevel.Critical => LogLevel.Critical,
        SyslogLevel.Error or SyslogLevel.Warning => LogLevel.Warning,
        SyslogLevel.Notice => LogLevel.Information,
        SyslogLevel.Info => LogLevel.Debug,
        _ => LogLevel.Trace,
    };
}
