using System.Buffers.Binary;
using System.Text;

namespace Recut.Engines.Local.Models.Onnx;

/// <summary>
/// Serialises an <see cref="OnnxGraph"/> as an ONNX ModelProto (protobuf, field numbers from onnx/onnx.proto).
/// Hand-written because the converter needs six message types; a protobuf code generator would be a build step
/// for a few dozen lines.
/// </summary>
public static class OnnxModelWriter
{
    /// <summary>ONNX opset the converter's nodes are written for (HardSwish needs 14; ReduceMean keeps axes as an attribute up to 17).</summary>
    public const int Opset = 17;

    private const int IrVersion = 8; // the IR version that goes with opset 17

    private static class DataType
    {
        public const int Float = 1;
        public const int Int64 = 7;
    }

    private static class AttributeType
    {
        public const int Float = 1;
        public const int Int = 2;
        public const int String = 3;
        public const int Ints = 7;
    }

    public static byte[] Write(OnnxGraph graph, string producer)
    {
        ArgumentNullException.ThrowIfNull(graph);
        using var model = new ProtoWriter();
        model.Varint(1, IrVersion);
        model.Text(2, producer);
        model.Message(7, g => WriteGraph(g, graph));
        model.Message(8, o =>
        {
            o.Text(1, "");
            o.Varint(2, Opset);
        });
        return model.ToArray();
    }

    private static void WriteGraph(ProtoWriter g, OnnxGraph graph)
    {
        foreach (var node in graph.Nodes)
        {
            g.Message(1, n => WriteNode(n, node));
        }
        g.Text(2, "converted");
        foreach (var constant in graph.Constants)
        {
            g.Message(5, t => WriteConstant(t, constant));
        }
        foreach (var input in graph.Inputs)
        {
            g.Message(11, v => WriteValue(v, input));
        }
        foreach (var output in graph.Outputs)
        {
            g.Message(12, v => WriteValue(v, output));
        }
    }

    private static void WriteNode(ProtoWriter n, OnnxNode node)
    {
        foreach (var input in node.Inputs)
        {
            n.Text(1, input);
        }
        foreach (var output in node.Outputs)
        {
            n.Text(2, output);
        }
        n.Text(4, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            n.Message(5, a => WriteAttribute(a, attribute));
        }
    }

    private static void WriteAttribute(ProtoWriter a, OnnxAttribute attribute)
    {
        a.Text(1, attribute.Name);
        if (attribute.Float is { } f)
        {
            a.Fixed32(2, BitConverter.SingleToUInt32Bits(f));
            a.Varint(20, AttributeType.Float);
        }
        else if (attribute.Int is { } i)
        {
            a.Varint(3, i);
            a.Varint(20, AttributeType.Int);
        }
        else if (attribute.Text is { } s)
        {
            a.Bytes(4, Encoding.UTF8.GetBytes(s));
            a.Varint(20, AttributeType.String);
        }
        else if (attribute.Ints is { } ints)
        {
            foreach (var value in ints)
            {
                a.Varint(8, value);
            }
            a.Varint(20, AttributeType.Ints);
        }
        else
        {
            throw new ArgumentException($"attribute {attribute.Name} has no value");
        }
    }

    private static void WriteConstant(ProtoWriter t, OnnxConstant constant)
    {
        foreach (var dim in constant.Dims)
        {
            t.Varint(1, dim);
        }
        byte[] raw;
        if (constant.Floats is { } floats)
        {
            t.Varint(2, DataType.Float);
            raw = new byte[floats.Length * 4];
            for (var i = 0; i < floats.Length; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * 4), floats[i]);
            }
        }
        else
        {
            var longs = constant.Int64s ?? throw new ArgumentException($"constant {constant.Name} has no values");
            t.Varint(2, DataType.Int64);
            raw = new byte[longs.Length * 8];
            for (var i = 0; i < longs.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * 8), longs[i]);
            }
        }
        t.Text(8, constant.Name);
        t.Bytes(9, raw);
    }

    private static void WriteValue(ProtoWriter v, OnnxValue value)
    {
        v.Text(1, value.Name);
        v.Message(2, type => type.Message(1, tensor =>
        {
            tensor.Varint(1, DataType.Float);
            tensor.Message(2, shape =>
            {
                foreach (var dim in value.Dims)
                {
                    shape.Message(1, d => d.Varint(1, dim));
                }
            });
        }));
    }

    /// <summary>Protobuf wire format: tags, varints, fixed32 and length-delimited fields.</summary>
    private sealed class ProtoWriter : IDisposable
    {
        private readonly MemoryStream _stream = new();

        public byte[] ToArray() => _stream.ToArray();

        public void Dispose() => _stream.Dispose();

        private void Tag(int field, int wireType) => Raw((ulong)((field << 3) | wireType));

        private void Raw(ulong value)
        {
            while (value >= 0x80)
            {
                _stream.WriteByte((byte)(value | 0x80));
                value >>= 7;
            }
            _stream.WriteByte((byte)value);
        }

        public void Varint(int field, long value)
        {
            Tag(field, 0);
            Raw((ulong)value); // negative int64s are ten bytes in protobuf, as the cast gives
        }

        public void Fixed32(int field, uint value)
        {
            Tag(field, 5);
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            _stream.Write(bytes);
        }

        public void Bytes(int field, ReadOnlySpan<byte> bytes)
        {
            Tag(field, 2);
            Raw((ulong)bytes.Length);
            _stream.Write(bytes);
        }

        public void Text(int field, string text) => Bytes(field, Encoding.UTF8.GetBytes(text));

        public void Message(int field, Action<ProtoWriter> write)
        {
            using var inner = new ProtoWriter();
            write(inner);
            Bytes(field, inner.ToArray());
        }
    }
}
