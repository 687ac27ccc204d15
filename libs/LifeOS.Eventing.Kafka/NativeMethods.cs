using System.Runtime.InteropServices;

namespace LifeOS.Eventing.Kafka;

/// <summary>The slice of librdkafka's C API the mock cluster needs; Confluent.Kafka does not wrap it.</summary>
internal static partial class NativeMethods
{
    public const int ProducerType = 0;
    public const int ErrorNone = 0;
    public const int ErrorTopicAlreadyExists = 36;

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial IntPtr rd_kafka_conf_new();

    [LibraryImport(KafkaNativeLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_conf_set(IntPtr conf, string name, string value, byte[] errorText, nuint errorTextSize);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial void rd_kafka_conf_destroy(IntPtr conf);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial IntPtr rd_kafka_new(int type, IntPtr conf, byte[] errorText, nuint errorTextSize);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial void rd_kafka_destroy(IntPtr handle);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial IntPtr rd_kafka_mock_cluster_new(IntPtr handle, int brokerCount);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial void rd_kafka_mock_cluster_destroy(IntPtr cluster);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial IntPtr rd_kafka_mock_cluster_bootstraps(IntPtr cluster);

    [LibraryImport(KafkaNativeLibrary.Name, StringMarshalling = StringMarshalling.Utf8)]
    public static partial int rd_kafka_mock_topic_create(IntPtr cluster, string topic, int partitionCount, int replicationFactor);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial int rd_kafka_mock_broker_set_down(IntPtr cluster, int brokerId);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial int rd_kafka_mock_broker_set_up(IntPtr cluster, int brokerId);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial void rd_kafka_mock_push_request_errors_array(IntPtr cluster, short apiKey, nuint count, int[] errors);

    [LibraryImport(KafkaNativeLibrary.Name)]
    public static partial IntPtr rd_kafka_err2str(int error);
}
