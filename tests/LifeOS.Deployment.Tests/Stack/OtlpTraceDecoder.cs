using System.Text;

namespace LifeOS.Deployment.Tests.Stack;

/// <summary>A span as exported over OTLP: ids as hex, the service that sent it, its string attributes and its links.</summary>
public sealed record ExportedSpan(
    string Service, string Scope, string TraceId, string SpanId, string ParentSpanId, string Name,
    IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<(string TraceId, string SpanId)> Links);

/// <summary>
/// Reads <c>ExportTraceServiceRequest</c> protobuf bodies (opentelemetry/proto/collector/trace/v1) with a plain wire-format
/// reader: only the fields the tests look at (resource service.name, scope name, span ids, name, string attributes).
/// </summary>
public static class OtlpTraceDecoder
{
    public static IEnumerable<ExportedSpan> Decode(byte[] body)
    {
        var spans = new List<ExportedSpan>();
        foreach (var (field, resourceSpans) in Fields(body))
        {
            if (field != 1)
                continue;
            var service = "";
            foreach (var (f, value) in Fields(resourceSpans))
            {
                // ResourceSpans.resource (1) → Resource.attributes (1)
                if (f == 1)
                    service = Attributes(value, 1).GetValueOrDefault("service.name", "");
            }

            foreach (var (f, scopeSpans) in Fields(resourceSpans))
            {
                if (f != 2)
                    continue;
                var scope = "";
                foreach (var (g, value) in Fields(scopeSpans))
                {
                    if (g == 1)
                        scope = Fields(value).Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault() ?? "";
                    else if (g == 2)
                        spans.Add(Span(service, scope, value));
                }
            }
        }

        return spans;
    }

    private static ExportedSpan Span(string service, string scope, byte[] span)
    {
        string traceId = "", spanId = "", parent = "", name = "";
        var links = new List<(string, string)>();
        foreach (var (field, value) in Fields(span))
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(value); break;
                case 2: spanId = Convert.ToHexStringLower(value); break;
                case 4: parent = Convert.ToHexStringLower(value); break;
                case 5: name = Encoding.UTF8.GetString(value); break;
                case 13:
                    // Link { bytes trace_id = 1; bytes span_id = 2; ... }
                    var link = Fields(value);
                    links.Add((Convert.ToHexStringLower(link.First(x => x.Field == 1).Value), Convert.ToHexStringLower(link.First(x => x.Field == 2).Value)));
                    break;
            }
        }

        return new ExportedSpan(service, scope, traceId, spanId, parent, name, Attributes(span, 9), links);
    }

    // KeyValue { string key = 1; AnyValue value = 2 { string string_value = 1; ... } }: string values only.
    private static Dictionary<string, string> Attributes(byte[] message, int field)
    {
        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (f, keyValue) in Fields(message))
        {
            if (f != field)
                continue;
            string? key = null, text = null;
            foreach (var (g, value) in Fields(keyValue))
            {
                if (g == 1)
                    key = Encoding.UTF8.GetString(value);
                else if (g == 2)
                    text = Fields(value).Where(x => x.Field == 1).Select(x => Encoding.UTF8.GetString(x.Value)).FirstOrDefault();
            }

            if (key is not null && text is not null)
                attributes[key] = text;
        }

        return attributes;
    }

    /// <summary>The length-delimited fields of a message (field number, bytes); other wire types are skipped.</summary>
    private static List<(int Field, byte[] Value)> Fields(byte[] message)
    {
        var fields = new List<(int, byte[])>();
        var at = 0;
        while (at < message.Length)
        {
            var tag = Varint(message, ref at);
            var field = (int)(tag >> 3);
            switch ((int)(tag & 7))
            {
                case 0: Varint(message, ref at); break;
                case 1: at += 8; break;
                case 5: at += 4; break;
                case 2:
                    var length = (int)Varint(message, ref at);
                    fields.Add((field, message.AsSpan(at, length).ToArray()));
                    at += length;
                    break;
                default: throw new FormatException($"unsupported protobuf wire type {tag & 7}");
            }
        }

        return fields;
    }

    private static ulong Varint(byte[] data, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; ; shift += 7)
        {
            var b = data[at++];
            value |= (ulong)(b & 0x7f) << shift;
            if ((b & 0x80) == 0)
                return value;
        }
    }
}
