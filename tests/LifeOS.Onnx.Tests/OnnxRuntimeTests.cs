using System.Runtime.InteropServices;
using LifeOS.Onnx.Tests.Graphs;

namespace LifeOS.Onnx.Tests;

/// <summary>The binding itself: loading, sessions, names, tensors in and out, and errors that say what went wrong.</summary>
public sealed class OnnxRuntimeTests
{
    private static OnnxRuntime Runtime => SharedRuntime.Instance;

    [Fact]
    public void Loads_the_runtime_the_manifest_names()
    {
        Assert.StartsWith("1.28.", Runtime.Version, StringComparison.Ordinal);
        Assert.Equal(Path.GetFullPath(RepositoryModels.OnnxRuntimeLibrary), Runtime.LibraryPath);
    }

    [Fact]
    public void A_missing_library_is_a_clear_error()
    {
        var error = Assert.Throws<FileNotFoundException>(() => OnnxRuntime.Load(Path.Combine(Path.GetTempPath(), "no-such-dir", "libonnxruntime.so")));
        Assert.Contains("models/fetch.sh", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_library_that_is_not_onnx_runtime_is_refused()
    {
        // Any real shared library without OrtGetApiBase will do: the .NET runtime's own native shim.
        var other = Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "libSystem.Native.so");
        Assert.True(File.Exists(other), other);

        var error = Assert.Throws<OnnxRuntimeException>(() => OnnxRuntime.Load(other));
        Assert.Contains("OrtGetApiBase", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reads_input_and_output_names_of_a_real_model()
    {
        using var session = Runtime.OpenSession(RepositoryModels.SileroVad, SharedRuntime.Options);

        Assert.Equal(["input", "state", "sr"], session.InputNames);
        Assert.Equal(["output", "stateN"], session.OutputNames);
    }

    [Fact]
    public void Runs_a_graph_and_reads_float_and_int64_outputs_with_their_shapes()
    {
        var model = new OnnxGraph()
            .Input("a", OnnxGraph.Float, 2L, 3L)
            .Input("b", OnnxGraph.Float, 2L, 3L)
            .Input("n", OnnxGraph.Int64, 3L)
            .Node("Add", ["a", "b"], ["sum"])
            .Node("Mul", ["n", "n"], ["square"])
            .Output("sum", OnnxGraph.Float, 2L, 3L)
            .Output("square", OnnxGraph.Int64, 3L)
            .ToModel();
        using var session = Runtime.OpenSession(model, SharedRuntime.Options);
        using var a = Runtime.CreateTensor([1f, 2f, 3f, 4f, 5f, 6f], 2, 3);
        using var b = Runtime.CreateTensor([10f, 20f, 30f, 40f, 50f, 60f], 2, 3);
        using var n = Runtime.CreateTensor([3L, -4L, 3_000_000_000L], 3);

        using var outputs = session.Run(new Dictionary<string, OnnxTensor> { ["a"] = a, ["b"] = b, ["n"] = n });

        Assert.Equal([2L, 3L], outputs["sum"].Shape);
        Assert.Equal(OnnxElementType.Float, outputs["sum"].ElementType);
        Assert.Equal([11f, 22f, 33f, 44f, 55f, 66f], outputs["sum"].AsFloats().ToArray());
        Assert.Equal([9L, 16L, 9_000_000_000_000_000_000L], outputs["square"].AsInt64s().ToArray());
        Assert.Throws<InvalidOperationException>(() => outputs["square"].AsFloats().ToArray());
    }

    [Fact]
    public void Asks_for_a_subset_of_outputs()
    {
        var model = new OnnxGraph()
            .Input("x", OnnxGraph.Float, 2L)
            .Node("Neg", ["x"], ["negated"])
            .Node("Abs", ["x"], ["absolute"])
            .Output("negated", OnnxGraph.Float, 2L)
            .Output("absolute", OnnxGraph.Float, 2L)
            .ToModel();
        using var session = Runtime.OpenSession(model, SharedRuntime.Options);
        using var x = Runtime.CreateTensor([-1.5f, 2f], 2);

        using var outputs = session.Run(new Dictionary<string, OnnxTensor> { ["x"] = x }, ["absolute"]);

        Assert.Single(outputs);
        Assert.Equal([1.5f, 2f], outputs["absolute"].AsFloats().ToArray());
    }

    [Fact]
    public void Runs_from_many_threads_on_one_session()
    {
        var model = new OnnxGraph().Input("x", OnnxGraph.Float, "n").Node("Mul", ["x", "x"], ["y"]).Output("y", OnnxGraph.Float, "n").ToModel();
        using var session = Runtime.OpenSession(model, SharedRuntime.Options);

        Parallel.For(0, 200, i =>
        {
            float[] values = [i, i + 0.5f, -i];
            using var x = Runtime.CreateTensor(values, values.Length);
            using var outputs = session.Run(new Dictionary<string, OnnxTensor> { ["x"] = x });
            Assert.Equal(values.Select(v => v * v).ToArray(), outputs[0].AsFloats().ToArray());
        });
    }

    [Fact]
    public void A_model_that_is_not_onnx_gets_the_runtimes_own_error()
    {
        var error = Assert.Throws<OnnxRuntimeException>(() => Runtime.OpenSession("this is not a protobuf"u8.ToArray(), SharedRuntime.Options));

        Assert.NotEqual(0, error.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_missing_model_file_is_a_clear_error()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.onnx");
        var error = Assert.Throws<FileNotFoundException>(() => Runtime.OpenSession(missing));
        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tensor_whose_data_does_not_fill_its_shape_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => Runtime.CreateTensor([1f, 2f, 3f], 2, 2));
        Assert.Contains("4 elements but 3", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Runtime.CreateTensor([1L], -1));
    }

    [Fact]
    public void Unknown_input_or_output_names_are_refused_before_the_call()
    {
        using var session = Runtime.OpenSession(RepositoryModels.SileroVad, SharedRuntime.Options);
        using var tensor = Runtime.CreateTensor([16000L], ReadOnlySpan<long>.Empty);

        var input = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OnnxTensor> { ["sample_rate"] = tensor }));
        Assert.Contains("input, state, sr", input.Message, StringComparison.Ordinal);
        var output = Assert.Throws<ArgumentException>(() => session.Run(new Dictionary<string, OnnxTensor> { ["sr"] = tensor }, ["probability"]));
        Assert.Contains("output, stateN", output.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_the_model_rejects_surfaces_the_runtimes_message()
    {
        using var session = Runtime.OpenSession(RepositoryModels.SileroVad, SharedRuntime.Options);
        using var input = Runtime.CreateTensor(new float[576], 1, 576);
        using var wrongState = Runtime.CreateTensor(new float[128], 1, 1, 128);
        using var rate = Runtime.CreateTensor([16000L], ReadOnlySpan<long>.Empty);

        var error = Assert.Throws<OnnxRuntimeException>(() =>
            session.Run(new Dictionary<string, OnnxTensor> { ["input"] = input, ["state"] = wrongState, ["sr"] = rate }));
        Assert.NotEqual(0, error.ErrorCode);
        Assert.Contains("state", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disposed_session_refuses_to_run()
    {
        var session = Runtime.OpenSession(RepositoryModels.SileroVad, SharedRuntime.Options);
        session.Dispose();

        Assert.Throws<ObjectDisposedException>(() => session.Run(new Dictionary<string, OnnxTensor>()));
    }

    [Fact]
    public void Outputs_stay_readable_after_their_session_is_disposed()
    {
        var model = new OnnxGraph().Input("x", OnnxGraph.Float, 3L).Node("Abs", ["x"], ["y"]).Output("y", OnnxGraph.Float, 3L).ToModel();
        var session = Runtime.OpenSession(model, SharedRuntime.Options);
        using var x = Runtime.CreateTensor([-1f, -2f, 3f], 3);
        using var outputs = session.Run(new Dictionary<string, OnnxTensor> { ["x"] = x });
        session.Dispose();

        Assert.Equal([1f, 2f, 3f], outputs[0].AsFloats().ToArray());
    }

    [Fact]
    public void A_second_runtime_can_be_loaded_and_disposed_while_its_sessions_live_on()
    {
        var runtime = OnnxRuntime.Load(RepositoryModels.OnnxRuntimeLibrary);
        var model = new OnnxGraph().Input("x", OnnxGraph.Float, 1L).Node("Neg", ["x"], ["y"]).Output("y", OnnxGraph.Float, 1L).ToModel();
        using var session = runtime.OpenSession(model, SharedRuntime.Options);
        runtime.Dispose();

        using var x = SharedRuntime.Instance.CreateTensor([4f], 1);
        using var outputs = session.Run(new Dictionary<string, OnnxTensor> { ["x"] = x });
        Assert.Equal(-4f, outputs[0].AsFloats()[0]);
    }
}
