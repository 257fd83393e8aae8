namespace Recut.Engines.Local.Models.Onnx;

/// <summary>
/// An ONNX graph under construction: nodes in run order, float and int64 constants, typed inputs and outputs.
/// Just what the tflite converter emits; <see cref="OnnxModelWriter"/> turns it into a model file.
/// </summary>
public sealed class OnnxGraph
{
    private int _nextName;

    public List<OnnxNode> Nodes { get; } = [];
    public List<OnnxConstant> Constants { get; } = [];
    public List<OnnxValue> Inputs { get; } = [];
    public List<OnnxValue> Outputs { get; } = [];

    /// <summary>A fresh value name for an intermediate the source model has no tensor for.</summary>
    public string NewName(string hint) => $"{hint}__{_nextName++}";

    public string AddNode(string opType, IReadOnlyList<string> inputs, string? output = null, params OnnxAttribute[] attributes)
    {
        output ??= NewName(opType);
        Nodes.Add(new OnnxNode(opType, inputs, [output], attributes));
        return output;
    }

    public string AddFloats(string hint, IReadOnlyList<long> dims, float[] values)
    {
        var name = NewName(hint);
        Constants.Add(new OnnxConstant(name, dims, values, null));
        return name;
    }

    public string AddInt64s(string hint, long[] values)
    {
        var name = NewName(hint);
        Constants.Add(new OnnxConstant(name, [values.Length], null, values));
        return name;
    }
}

public sealed record OnnxNode(string OpType, IReadOnlyList<string> Inputs, IReadOnlyList<string> Outputs, IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>A constant tensor: exactly one of <paramref name="Floats"/> and <paramref name="Int64s"/> is set.</summary>
public sealed record OnnxConstant(string Name, IReadOnlyList<long> Dims, float[]? Floats, long[]? Int64s);

/// <summary>A float32 graph input or output with a fixed shape.</summary>
public sealed record OnnxValue(string Name, IReadOnlyList<long> Dims);

public sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, string? Text = null, IReadOnlyList<long>? Ints = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, Int: value);
    public static OnnxAttribute Of(string name, float value) => new(name, Float: value);
    public static OnnxAttribute Of(string name, string value) => new(name, Text: value);
    public static OnnxAttribute Of(string name, params long[] values) => new(name, Ints: values);
}
