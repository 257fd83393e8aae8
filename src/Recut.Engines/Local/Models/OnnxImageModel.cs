using System.Collections.Concurrent;
using Microsoft.ML.OnnxRuntime;

namespace Recut.Engines.Local.Models;

/// <summary>
/// A MediaPipe .tflite model run by ONNX Runtime after <see cref="TfliteToOnnx"/> rewrote it: one NCHW float32 input,
/// its outputs in fixed buffers that are reused from call to call. Not thread-safe: one instance per task.
/// </summary>
public sealed class OnnxImageModel : IDisposable
{
    // Conversion takes tens of milliseconds (weight permutation); a task makes a segmenter per render, so the
    // converted bytes are kept per file, keyed by its write time so a replaced model file is converted again.
    private static readonly ConcurrentDictionary<(string Path, DateTime Written), Lazy<byte[]>> Converted = new();

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _input;
    private readonly OrtValue[] _outputValues;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;

    public OnnxImageModel(string tflitePath, int threads = 1)
    {
        if (!File.Exists(tflitePath))
        {
            throw new FileNotFoundException($"model not found: {tflitePath} (run scripts/fetch-models.sh)", tflitePath);
        }
        var full = Path.GetFullPath(tflitePath);
        var bytes = Converted.GetOrAdd((full, File.GetLastWriteTimeUtc(full)),
            key => new Lazy<byte[]>(() => TfliteToOnnx.ConvertFile(key.Path))).Value;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads,
            InterOpNumThreads = 1,
        };
        // The frame pipeline already keeps both cores busy (analysis beside composite); spinning workers would steal them.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(bytes, options);
        var input = _session.InputMetadata.Single();
        _inputNames = [input.Key];
        InputShape = input.Value.Dimensions;
        // Pinned so a Mat can wrap an output in place (OrtValue pins them anyway while it lives).
        Input = GC.AllocateArray<float>(InputShape.Aggregate(1, (a, d) => a * d), pinned: true);
        _input = OrtValue.CreateTensorValueFromMemory(Input, InputShape.Select(d => (long)d).ToArray());
        _outputNames = [.. _session.OutputMetadata.Keys];
        Outputs = _session.OutputMetadata.Values.Select(m => GC.AllocateArray<float>(m.Dimensions.Aggregate(1, (a, d) => a * d), pinned: true)).ToArray();
        _outputValues = _session.OutputMetadata.Values
            .Select((m, i) => OrtValue.CreateTensorValueFromMemory(Outputs[i], m.Dimensions.Select(d => (long)d).ToArray()))
            .ToArray();
    }

    /// <summary>The input's NCHW shape.</summary>
    public int[] InputShape { get; }

    /// <summary>Fill this (NCHW) before <see cref="Run"/>.</summary>
    public float[] Input { get; }

    /// <summary>The outputs of the last <see cref="Run"/>, in the model's output order (rank-4 outputs NCHW).</summary>
    public float[][] Outputs { get; }

    /// <summary>The output named like the tflite tensor it comes from.</summary>
    public float[] Output(string name)
    {
        var index = Array.IndexOf(_outputNames, name);
        return index >= 0 ? Outputs[index] : throw new KeyNotFoundException($"the model has no output {name}");
    }

    /// <summary>Copies a float NCHW blob (as CvDnn.BlobFromImage makes) into <see cref="Input"/>.</summary>
    public void SetInput(OpenCvSharp.Mat blob)
    {
        ArgumentNullException.ThrowIfNull(blob);
        if (blob.Type() != OpenCvSharp.MatType.CV_32F || !blob.IsContinuous() || blob.Total() != Input.Length)
        {
            throw new ArgumentException($"the blob must be {Input.Length} contiguous floats", nameof(blob));
        }
        System.Runtime.InteropServices.Marshal.Copy(blob.Data, Input, 0, Input.Length);
    }

    /// <summary>A Mat over output <paramref name="index"/> (no copy), valid until the next <see cref="Run"/>.</summary>
    public unsafe OpenCvSharp.Mat OutputMat(int index, int rows, int cols)
    {
        var output = Outputs[index];
        if (rows * cols != output.Length)
        {
            throw new ArgumentException($"output {index} has {output.Length} values, not {rows}×{cols}");
        }
        fixed (float* data = output)
        {
            return OpenCvSharp.Mat.FromPixelData(rows, cols, OpenCvSharp.MatType.CV_32FC1, (IntPtr)data);
        }
    }

    public void Run() => _session.Run(_runOptions, _inputNames, [_input], _outputNames, _outputValues);

    public void Dispose()
    {
        _input.Dispose();
        foreach (var value in _outputValues)
        {
            value.Dispose();
        }
        _runOptions.Dispose();
        _session.Dispose();
    }
}
