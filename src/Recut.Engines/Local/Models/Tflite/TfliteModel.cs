using System.Buffers.Binary;
using System.Text;

namespace Recut.Engines.Local.Models.Tflite;

/// <summary>
/// The parts of a TensorFlow Lite model file (a FlatBuffer, schema <c>tensorflow/lite/schema/schema.fbs</c>) that the
/// ONNX converter needs: the first subgraph's tensors, operators and constant buffers. Read-only, no TensorFlow
/// runtime; every offset is bounds-checked because the file is read like any outside bytes.
/// </summary>
public sealed class TfliteModel
{
    private readonly byte[] _data;

    private TfliteModel(byte[] data, IReadOnlyList<TfliteTensor> tensors, IReadOnlyList<TfliteOperator> operators,
        IReadOnlyList<int> inputs, IReadOnlyList<int> outputs)
    {
        _data = data;
        Tensors = tensors;
        Operators = operators;
        Inputs = inputs;
        Outputs = outputs;
    }

    public IReadOnlyList<TfliteTensor> Tensors { get; }
    public IReadOnlyList<TfliteOperator> Operators { get; }
    public IReadOnlyList<int> Inputs { get; }
    public IReadOnlyList<int> Outputs { get; }

    public static TfliteModel Read(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var reader = new FlatReader(data);
        // "TFL3" is the file identifier written after the root offset.
        if (data.Length < 8 || Encoding.ASCII.GetString(data, 4, 4) != "TFL3")
        {
            throw new InvalidDataException("not a TensorFlow Lite model (no TFL3 identifier)");
        }
        var model = reader.Root();
        var codes = reader.Tables(model, ModelField.OperatorCodes).Select(c => ReadOperatorCode(reader, c)).ToList();
        var buffers = reader.Tables(model, ModelField.Buffers).Select(b => reader.Bytes(b, 0)).ToList();
        var subgraphs = reader.Tables(model, ModelField.Subgraphs);
        if (subgraphs.Count == 0)
        {
            throw new InvalidDataException("the model has no subgraph");
        }
        var graph = subgraphs[0];
        var tensors = reader.Tables(graph, 0).Select((t, i) => ReadTensor(reader, t, i, buffers)).ToList();
        var operators = reader.Tables(graph, 3).Select(o => ReadOperator(reader, o, codes, tensors.Count)).ToList();
        return new TfliteModel(data, tensors, operators, CheckIndices(reader.Ints(graph, 1), tensors.Count),
            CheckIndices(reader.Ints(graph, 2), tensors.Count));
    }

    private static (int Builtin, string? Custom) ReadOperatorCode(FlatReader reader, int table)
    {
        // Codes above 127 live only in the int32 field; older files have only the deprecated byte.
        var deprecated = reader.Byte(table, 0, 0);
        var builtin = reader.Int(table, 3, 0);
        return (Math.Max(deprecated, builtin), reader.String(table, 1));
    }

    private static TfliteTensor ReadTensor(FlatReader reader, int table, int index, List<ReadOnlyMemory<byte>> buffers)
    {
        var shape = reader.Ints(table, 0);
        var type = (TfliteType)reader.Byte(table, 1, 0);
        var bufferIndex = reader.UInt(table, 2, 0);
        var name = reader.String(table, 3) ?? $"t{index}";
        var data = bufferIndex > 0 && bufferIndex < buffers.Count ? buffers[(int)bufferIndex] : ReadOnlyMemory<byte>.Empty;
        // The cast matters: a bare null would convert to an empty ReadOnlyMemory (it has a conversion from byte[]), not to no value.
        return new TfliteTensor(index, name, shape, type, data.IsEmpty ? (ReadOnlyMemory<byte>?)null : data);
    }

    private static TfliteOperator ReadOperator(FlatReader reader, int table, List<(int Builtin, string? Custom)> codes, int tensorCount)
    {
        var codeIndex = (int)reader.UInt(table, 0, 0);
        if (codeIndex >= codes.Count)
        {
            throw new InvalidDataException($"operator code {codeIndex} out of range");
        }
        var (builtin, custom) = codes[codeIndex];
        // Optional inputs are written as -1 (e.g. a convolution without bias); they stay -1.
        var inputs = reader.Ints(table, 1).Select(i => i < -1 || i >= tensorCount ? throw new InvalidDataException("tensor index out of range") : i).ToList();
        var outputs = CheckIndices(reader.Ints(table, 2), tensorCount);
        var options = reader.Table(table, 4);
        var customOptions = reader.Bytes(table, 5);
        return new TfliteOperator((TfliteOp)builtin, custom, inputs, outputs,
            options is { } o ? new TfliteOptions(reader, o) : null, customOptions);
    }

    private static List<int> CheckIndices(IReadOnlyList<int> indices, int count) =>
        indices.Select(i => i < 0 || i >= count ? throw new InvalidDataException("tensor index out of range") : i).ToList();

    private static class ModelField
    {
        public const int OperatorCodes = 1;
        public const int Subgraphs = 2;
        public const int Buffers = 4;
    }
}

/// <summary>Element types of tflite tensors (schema enum TensorType), the ones the converter reads.</summary>
public enum TfliteType : byte
{
    Float32 = 0,
    Float16 = 1,
    Int32 = 2,
    UInt8 = 3,
    Int64 = 4,
}

/// <summary>Builtin operators (schema enum BuiltinOperator) that the converter knows.</summary>
public enum TfliteOp
{
    Add = 0,
    AveragePool2D = 1,
    Concatenation = 2,
    Conv2D = 3,
    DepthwiseConv2D = 4,
    Dequantize = 6,
    Logistic = 14,
    MaxPool2D = 17,
    Mul = 18,
    Relu = 19,
    Relu6 = 21,
    Reshape = 22,
    ResizeBilinear = 23,
    Custom = 32,
    Pad = 34,
    Mean = 40,
    HardSwish = 117,
}

public sealed record TfliteTensor(int Index, string Name, IReadOnlyList<int> Shape, TfliteType Type, ReadOnlyMemory<byte>? Data)
{
    public bool IsConstant => Data is not null;

    /// <summary>The constant's values as float32 (float16 widened), in the file's (NHWC) order.</summary>
    public float[] Floats()
    {
        var data = Data ?? throw new InvalidDataException($"tensor {Name} is not a constant");
        var span = data.Span;
        switch (Type)
        {
            case TfliteType.Float32:
                var singles = new float[span.Length / 4];
                for (var i = 0; i < singles.Length; i++)
                {
                    singles[i] = BinaryPrimitives.ReadSingleLittleEndian(span[(i * 4)..]);
                }
                return singles;
            case TfliteType.Float16:
                var halves = new float[span.Length / 2];
                for (var i = 0; i < halves.Length; i++)
                {
                    halves[i] = (float)BinaryPrimitives.ReadHalfLittleEndian(span[(i * 2)..]);
                }
                return halves;
            default:
                throw new InvalidDataException($"tensor {Name} is {Type}, not a float");
        }
    }

    /// <summary>The constant's values as int32 (shape and axis operands).</summary>
    public int[] Ints()
    {
        var data = Data ?? throw new InvalidDataException($"tensor {Name} is not a constant");
        var span = data.Span;
        switch (Type)
        {
            case TfliteType.Int32:
                var ints = new int[span.Length / 4];
                for (var i = 0; i < ints.Length; i++)
                {
                    ints[i] = BinaryPrimitives.ReadInt32LittleEndian(span[(i * 4)..]);
                }
                return ints;
            case TfliteType.Int64:
                var longs = new int[span.Length / 8];
                for (var i = 0; i < longs.Length; i++)
                {
                    longs[i] = checked((int)BinaryPrimitives.ReadInt64LittleEndian(span[(i * 8)..]));
                }
                return longs;
            default:
                throw new InvalidDataException($"tensor {Name} is {Type}, not an integer");
        }
    }
}

public sealed record TfliteOperator(TfliteOp Op, string? CustomCode, IReadOnlyList<int> Inputs, IReadOnlyList<int> Outputs,
    TfliteOptions? Options, ReadOnlyMemory<byte> CustomOptions);

/// <summary>An operator's builtin options table; fields are read by their schema index (each op's options differ).</summary>
public sealed class TfliteOptions
{
    private readonly FlatReader _reader;
    private readonly int _table;

    internal TfliteOptions(FlatReader reader, int table)
    {
        _reader = reader;
        _table = table;
    }

    public int Int(int field, int fallback = 0) => _reader.Int(_table, field, fallback);
    public int Byte(int field, int fallback = 0) => _reader.Byte(_table, field, (byte)fallback);
    public bool Bool(int field) => _reader.Byte(_table, field, 0) != 0;
}

/// <summary>Minimal FlatBuffers table access: little-endian offsets, vtables, vectors, strings; all checked.</summary>
internal sealed class FlatReader(byte[] data)
{
    public int Root() => Offset(0);

    private int Offset(int at) => Check(at + (int)U32(at));

    private uint U32(int at)
    {
        Check(at, 4);
        return BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan(at));
    }

    private int Check(int at, int length = 1) =>
        at < 0 || length < 0 || at > data.Length - length ? throw new InvalidDataException("offset outside the model file") : at;

    /// <summary>Absolute position of field <paramref name="field"/> of the table at <paramref name="table"/>, or -1 when absent.</summary>
    private int Field(int table, int field)
    {
        var vtable = Check(table - BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(Check(table, 4))), 4);
        var vtableLength = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(vtable));
        var slot = 4 + 2 * field;
        if (slot + 2 > vtableLength)
        {
            return -1;
        }
        var offset = BinaryPrimitives.ReadUInt16LittleEndian(data.AsSpan(Check(vtable + slot, 2)));
        return offset == 0 ? -1 : Check(table + offset);
    }

    public byte Byte(int table, int field, byte fallback)
    {
        var at = Field(table, field);
        return at < 0 ? fallback : data[at];
    }

    public int Int(int table, int field, int fallback)
    {
        var at = Field(table, field);
        return at < 0 ? fallback : BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(Check(at, 4)));
    }

    public uint UInt(int table, int field, uint fallback)
    {
        var at = Field(table, field);
        return at < 0 ? fallback : U32(at);
    }

    public int? Table(int table, int field)
    {
        var at = Field(table, field);
        return at < 0 ? null : Offset(at);
    }

    private (int Start, int Count) Vector(int table, int field, int elementSize)
    {
        var at = Field(table, field);
        if (at < 0)
        {
            return (0, 0);
        }
        var vector = Offset(at);
        var count = U32(vector);
        if (count > (uint)(data.Length / elementSize))
        {
            throw new InvalidDataException("vector longer than the model file");
        }
        Check(vector + 4, (int)count * elementSize);
        return (vector + 4, (int)count);
    }

    public List<int> Tables(int table, int field)
    {
        var (start, count) = Vector(table, field, 4);
        return Enumerable.Range(0, count).Select(i => Offset(start + 4 * i)).ToList();
    }

    public List<int> Ints(int table, int field)
    {
        var (start, count) = Vector(table, field, 4);
        return Enumerable.Range(0, count).Select(i => BinaryPrimitives.ReadInt32LittleEndian(data.AsSpan(start + 4 * i))).ToList();
    }

    public ReadOnlyMemory<byte> Bytes(int table, int field)
    {
        var (start, count) = Vector(table, field, 1);
        return data.AsMemory(start, count);
    }

    public string? String(int table, int field)
    {
        var (start, count) = Vector(table, field, 1);
        return Field(table, field) < 0 ? null : Encoding.UTF8.GetString(data, start, count);
    }
}
