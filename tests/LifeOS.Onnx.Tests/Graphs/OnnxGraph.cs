namespace LifeOS.Onnx.Tests.Graphs;

/// <summary>Builds a serialised ONNX model (ModelProto) from nodes, initializers, inputs and outputs, using the field
/// numbers of onnx.proto. The tests hand these real models to ONNX Runtime.</summary>
internal sealed class OnnxGraph
{
    // onnx.proto: TensorProto.DataType and AttributeProto.AttributeType values.
    public const int Float = 1;
    public const int Int64 = 7;
    private const int AttributeInt = 2;

    private readonly List<Action<ProtoWriter>> _nodes = [];
    private readonly List<Action<ProtoWriter>> _initializers = [];
    private readonly List<Action<ProtoWriter>> _inputs = [];
    private readonly List<Action<ProtoWriter>> _outputs = [];

    /// <summary>A graph input or output: element type and dimensions (a long is fixed, a string is symbolic).</summary>
    public OnnxGraph Input(string name, int elementType, params object[] dimensions)
    {
        _inputs.Add(w => ValueInfo(w, name, elementType, dimensions));
        return this;
    }

    public OnnxGraph Output(string name, int elementType, params object[] dimensions)
    {
        _outputs.Add(w => ValueInfo(w, name, elementType, dimensions));
        return this;
    }

    public OnnxGraph Initializer(string name, long[] dimensions, float[] values)
    {
        // TensorProto: dims = 1, data_type = 2, float_data = 4, name = 8.
        _initializers.Add(w => w.PackedInt64(1, dimensions).Int64(2, Float).PackedFloat(4, values).String(8, name));
        return this;
    }

    public OnnxGraph Initializer(string name, long[] dimensions, long[] values)
    {
        // TensorProto: int64_data = 7.
        _initializers.Add(w => w.PackedInt64(1, dimensions).Int64(2, Int64).PackedInt64(7, values).String(8, name));
        return this;
    }

    /// <summary>A node; <paramref name="intAttributes"/> become INT attributes (e.g. Cast's "to").</summary>
    public OnnxGraph Node(string opType, string[] inputs, string[] outputs, params (string Name, long Value)[] intAttributes)
    {
        var name = $"{opType}_{_nodes.Count}";
        _nodes.Add(w =>
        {
            // NodeProto: input = 1, output = 2, name = 3, op_type = 4, attribute = 5.
            foreach (var input in inputs)
            {
                w.String(1, input);
            }
            foreach (var output in outputs)
            {
                w.String(2, output);
            }
            w.String(3, name).String(4, opType);
            foreach (var (attribute, value) in intAttributes)
            {
                // AttributeProto: name = 1, i = 3, type = 20.
                w.Message(5, a => a.String(1, attribute).Int64(3, value).Int64(20, AttributeInt));
            }
        });
        return this;
    }

    /// <summary>The ModelProto bytes: IR version 8, default-domain opset <paramref name="opset"/>.</summary>
    public byte[] ToModel(int opset = 13) =>
        new ProtoWriter()
            .Int64(1, 8) // ir_version
            .String(2, "lifeos-tests") // producer_name
            .Message(7, Graph) // graph
            .Message(8, o => o.String(1, "").Int64(2, opset)) // opset_import
            .ToArray();

    private void Graph(ProtoWriter w)
    {
        // GraphProto: node = 1, name = 2, initializer = 5, input = 11, output = 12.
        foreach (var node in _nodes)
        {
            w.Message(1, node);
        }
        w.String(2, "graph");
        foreach (var initializer in _initializers)
        {
            w.Message(5, initializer);
        }
        foreach (var input in _inputs)
        {
            w.Message(11, input);
        }
        foreach (var output in _outputs)
        {
            w.Message(12, output);
        }
    }

    private static void ValueInfo(ProtoWriter w, string name, int elementType, object[] dimensions) =>
        // ValueInfoProto { name = 1, type = 2 }; TypeProto { tensor_type = 1 }; Tensor { elem_type = 1, shape = 2 };
        // TensorShapeProto { dim = 1 }; Dimension { dim_value = 1, dim_param = 2 }.
        w.String(1, name).Message(2, type => type.Message(1, tensor =>
        {
            tensor.Int64(1, elementType);
            tensor.Message(2, shape =>
            {
                foreach (var dimension in dimensions)
                {
                    shape.Message(1, d => _ = dimension is string symbol ? d.String(2, symbol) : d.Int64(1, Convert.ToInt64(dimension, System.Globalization.CultureInfo.InvariantCulture)));
                }
            });
        }));
}
