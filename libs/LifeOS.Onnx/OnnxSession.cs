using System.Runtime.InteropServices;
using LifeOS.Onnx.Native;

namespace LifeOS.Onnx;

/// <summary>A loaded model: its input and output names, and runs. Runs may be made from several threads at once.</summary>
public sealed class OnnxSession : IDisposable
{
    private readonly OnnxRuntime _runtime;
    private readonly OrtHandle _session;

    internal OnnxSession(OnnxRuntime runtime, OrtHandle session, string source)
    {
        _runtime = runtime;
        _session = session;
        Source = source;
        var api = runtime.Api;
        var raw = session.DangerousGetHandle();
        InputNames = Enumerable.Range(0, api.SessionGetInputCount(raw)).Select(i => api.SessionGetInputName(raw, i)).ToArray();
        OutputNames = Enumerable.Range(0, api.SessionGetOutputCount(raw)).Select(i => api.SessionGetOutputName(raw, i)).ToArray();
    }

    /// <summary>The model file the session was opened from, or "(in memory)".</summary>
    public string Source { get; }

    /// <summary>The model's input names, in the model's order.</summary>
    public IReadOnlyList<string> InputNames { get; }

    /// <summary>The model's output names, in the model's order.</summary>
    public IReadOnlyList<string> OutputNames { get; }

    /// <summary>Runs the model on <paramref name="inputs"/> (name to tensor) and returns the outputs named in
    /// <paramref name="outputNames"/>, or all of them.</summary>
    public OnnxRunResult Run(IReadOnlyDictionary<string, OnnxTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ObjectDisposedException.ThrowIf(_session.IsClosed, this);
        foreach (var name in inputs.Keys.Where(name => !InputNames.Contains(name)))
        {
            throw new ArgumentException($"The model has no input named '{name}'; its inputs are: {string.Join(", ", InputNames)}.", nameof(inputs));
        }
        outputNames ??= OutputNames;
        foreach (var name in outputNames.Where(name => !OutputNames.Contains(name)))
        {
            throw new ArgumentException($"The model has no output named '{name}'; its outputs are: {string.Join(", ", OutputNames)}.", nameof(outputNames));
        }

        var api = _runtime.Api;
        var entries = inputs.ToArray();
        var inputNamePointers = new nint[entries.Length];
        var inputValues = new nint[entries.Length];
        var outputNamePointers = new nint[outputNames.Count];
        var outputValues = new nint[outputNames.Count];
        var held = new List<SafeHandle>(entries.Length + 1);
        try
        {
            // Hold every handle for the length of the call so no finalizer or Dispose can release it mid-run.
            Hold(_session, held);
            for (var i = 0; i < entries.Length; i++)
            {
                inputNamePointers[i] = Marshal.StringToCoTaskMemUTF8(entries[i].Key);
                Hold(entries[i].Value.Value, held);
                inputValues[i] = entries[i].Value.Value.DangerousGetHandle();
            }
            for (var i = 0; i < outputNames.Count; i++)
            {
                outputNamePointers[i] = Marshal.StringToCoTaskMemUTF8(outputNames[i]);
            }
            api.Run(_session.DangerousGetHandle(), inputNamePointers, inputValues, outputNamePointers, outputValues);
        }
        catch
        {
            foreach (var value in outputValues.Where(value => value != 0))
            {
                api.Release(OrtApiTable.ReleaseValue, value);
            }
            throw;
        }
        finally
        {
            foreach (var handle in held)
            {
                handle.DangerousRelease();
            }
            foreach (var pointer in inputNamePointers.Concat(outputNamePointers).Where(pointer => pointer != 0))
            {
                Marshal.FreeCoTaskMem(pointer);
            }
        }

        var results = new OnnxValue[outputValues.Length];
        try
        {
            for (var i = 0; i < outputValues.Length; i++)
            {
                // Outputs keep the session alive: their memory came from its allocators.
                var handle = new OrtHandle(api, OrtApiTable.ReleaseValue, outputValues[i], _session);
                outputValues[i] = 0;
                try
                {
                    results[i] = new OnnxValue(api, handle, outputNames[i]);
                }
                catch
                {
                    handle.Dispose();
                    throw;
                }
            }
            return new OnnxRunResult(results);
        }
        catch
        {
            foreach (var result in results.Where(result => result is not null))
            {
                result.Dispose();
            }
            foreach (var value in outputValues.Where(value => value != 0))
            {
                api.Release(OrtApiTable.ReleaseValue, value);
            }
            throw;
        }
    }

    private static void Hold(SafeHandle handle, List<SafeHandle> held)
    {
        var added = false;
        handle.DangerousAddRef(ref added);
        held.Add(handle);
    }

    public void Dispose() => _session.Dispose();
}
