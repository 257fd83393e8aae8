using Recut.Engines.Local.Models.Onnx;
using Recut.Engines.Local.Models.Tflite;

namespace Recut.Engines.Local.Models;

/// <summary>
/// Rewrites a float TensorFlow Lite model as an ONNX graph so ONNX Runtime can run it. The MediaPipe models ship only
/// as .tflite; OpenCV DNN reads them, but its Resize layer spends most of the segmentation pass (docs/BENCHMARKS.md).
/// <para>
/// Layout: tflite is NHWC, ONNX NCHW. Every rank-4 value is kept NCHW in the ONNX graph (the graph input too), and
/// weights are permuted once here (<see cref="NhwcLayout"/>); NHWC reappears only around a Reshape, whose meaning depends on the element order.
/// float16 weights behind DEQUANTIZE are widened to float32 constants. An op outside the list below fails the
/// conversion with <see cref="NotSupportedException"/> rather than being approximated.
/// </para>
/// </summary>
public sealed class TfliteToOnnx
{
    private readonly TfliteModel _model;
    private readonly OnnxGraph _graph = new();
    private readonly Dictionary<int, string> _values = [];
    private readonly Dictionary<int, float[]> _dequantized = [];

    private TfliteToOnnx(TfliteModel model) => _model = model;

    public static OnnxGraph Convert(TfliteModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var converter = new TfliteToOnnx(model);
        converter.Run();
        return converter._graph;
    }

    /// <summary>Reads a .tflite file and returns the bytes of the equivalent ONNX model.</summary>
    public static byte[] ConvertFile(string path) =>
        OnnxModelWriter.Write(Convert(TfliteModel.Read(File.ReadAllBytes(path))), "recut-tflite-to-onnx");

    private void Run()
    {
        foreach (var index in _model.Inputs)
        {
            var tensor = _model.Tensors[index];
            var name = tensor.Name;
            _graph.Inputs.Add(new OnnxValue(name, NhwcLayout.OnnxDims(tensor.Shape)));
            _values[index] = name;
        }
        foreach (var op in _model.Operators)
        {
            ConvertOperator(op);
        }
        foreach (var index in _model.Outputs)
        {
            var tensor = _model.Tensors[index];
            var produced = Value(index);
            // A graph output must be a node's own output name; an Identity gives it the tflite tensor's name.
            var name = tensor.Name;
            _graph.AddNode("Identity", [produced], name);
            _graph.Outputs.Add(new OnnxValue(name, NhwcLayout.OnnxDims(tensor.Shape)));
        }
    }

    private void ConvertOperator(TfliteOperator op)
    {
        switch (op.Op)
        {
            case TfliteOp.Dequantize:
                Dequantize(op);
                break;
            case TfliteOp.Conv2D:
                Convolution(op, depthwise: false);
                break;
            case TfliteOp.DepthwiseConv2D:
                Convolution(op, depthwise: true);
                break;
            case TfliteOp.Custom when op.CustomCode == "Convolution2DTransposeBias":
                TransposeConvolution(op);
                break;
            case TfliteOp.Add:
                Elementwise(op, "Add");
                break;
            case TfliteOp.Mul:
                Elementwise(op, "Mul");
                break;
            case TfliteOp.Relu:
                Unary(op, "Relu");
                break;
            case TfliteOp.Relu6:
                Output(op, Activation(Value(op.Inputs[0]), FusedActivation.Relu6));
                break;
            case TfliteOp.Logistic:
                Unary(op, "Sigmoid");
                break;
            case TfliteOp.HardSwish:
                Unary(op, "HardSwish");
                break;
            case TfliteOp.AveragePool2D:
                Pool(op, "AveragePool");
                break;
            case TfliteOp.MaxPool2D:
                Pool(op, "MaxPool");
                break;
            case TfliteOp.Mean:
                Mean(op);
                break;
            case TfliteOp.ResizeBilinear:
                ResizeBilinear(op);
                break;
            case TfliteOp.Concatenation:
                Concatenation(op);
                break;
            case TfliteOp.Reshape:
                Reshape(op);
                break;
            case TfliteOp.Pad:
                Pad(op);
                break;
            default:
                throw new NotSupportedException($"tflite operator {(op.CustomCode ?? op.Op.ToString())} ({(int)op.Op}) has no ONNX conversion");
        }
    }

    private void Dequantize(TfliteOperator op)
    {
        var source = Tensor(op.Inputs[0]);
        if (!source.IsConstant)
        {
            throw new NotSupportedException($"DEQUANTIZE of a computed tensor ({source.Name})");
        }
        _dequantized[op.Outputs[0]] = source.Floats();
    }

    private void Convolution(TfliteOperator op, bool depthwise)
    {
        var input = Tensor(op.Inputs[0]);
        var weights = Tensor(op.Inputs[1]);
        var output = Tensor(op.Outputs[0]);
        var options = Options(op);
        // Conv2DOptions: padding, stride_w, stride_h, activation, dilation_w, dilation_h.
        // DepthwiseConv2DOptions: padding, stride_w, stride_h, depth_multiplier, activation, dilation_w, dilation_h.
        var padding = (Padding)options.Byte(0);
        var strideW = options.Int(1, 1);
        var strideH = options.Int(2, 1);
        var activation = (FusedActivation)options.Byte(depthwise ? 4 : 3);
        var dilationW = options.Int(depthwise ? 5 : 4, 1);
        var dilationH = options.Int(depthwise ? 6 : 5, 1);
        var shape = Rank4(weights);
        var (kh, kw) = (shape[1], shape[2]);
        // tflite: conv [O, kh, kw, I], depthwise [1, kh, kw, C·m]; ONNX: [O, I/group, kh, kw].
        var onnxWeights = depthwise
            ? NhwcLayout.Permute(WeightValues(weights), shape, [3, 0, 1, 2])
            : NhwcLayout.Permute(WeightValues(weights), shape, [0, 3, 1, 2]);
        var onnxShape = depthwise ? new long[] { shape[3], 1, kh, kw } : [shape[0], shape[3], kh, kw];
        var inputs = new List<string> { Value(op.Inputs[0]), _graph.AddFloats("w", onnxShape, onnxWeights) };
        if (op.Inputs.Count > 2 && op.Inputs[2] >= 0)
        {
            var bias = Tensor(op.Inputs[2]);
            inputs.Add(_graph.AddFloats("b", [bias.Shape[0]], WeightValues(bias)));
        }
        var inShape = Rank4(input);
        var outShape = Rank4(output);
        var (top, bottom) = Pads(padding, inShape[1], outShape[1], kh, strideH, dilationH);
        var (left, right) = Pads(padding, inShape[2], outShape[2], kw, strideW, dilationW);
        var conv = _graph.AddNode("Conv", inputs, null,
            OnnxAttribute.Of("kernel_shape", kh, kw),
            OnnxAttribute.Of("strides", strideH, strideW),
            OnnxAttribute.Of("dilations", dilationH, dilationW),
            OnnxAttribute.Of("pads", top, left, bottom, right),
            OnnxAttribute.Of("group", depthwise ? (long)inShape[3] : 1L));
        Output(op, Activation(conv, activation));
    }

    /// <summary>MediaPipe's custom transposed convolution with bias (its options are a raw TfLiteTransposeConvParams).</summary>
    private void TransposeConvolution(TfliteOperator op)
    {
        var input = Rank4(Tensor(op.Inputs[0]));
        var weights = Tensor(op.Inputs[1]);
        var bias = Tensor(op.Inputs[2]);
        var output = Rank4(Tensor(op.Outputs[0]));
        var shape = Rank4(weights); // [O, kh, kw, I]
        var (kh, kw) = (shape[1], shape[2]);
        if (input[1] <= 0 || input[2] <= 0)
        {
            throw new InvalidDataException("transposed convolution of an empty tensor");
        }
        var strideH = output[1] / input[1];
        var strideW = output[2] / input[2];
        if (op.CustomOptions.Length >= 12)
        {
            var raw = op.CustomOptions.Span;
            var (w, h) = (BitConverter.ToInt32(raw[4..]), BitConverter.ToInt32(raw[8..]));
            if (w != strideW || h != strideH)
            {
                throw new NotSupportedException($"transposed convolution strides {w}×{h} do not match its shapes");
            }
        }
        // Output = s·(in − 1) + k − pads; tflite puts the odd padding pixel at the end, as ONNX's SAME_UPPER does.
        var totalH = strideH * (input[1] - 1) + kh - output[1];
        var totalW = strideW * (input[2] - 1) + kw - output[2];
        if (totalH < 0 || totalW < 0)
        {
            throw new NotSupportedException("transposed convolution with output padding");
        }
        var onnxWeights = NhwcLayout.Permute(WeightValues(weights), shape, [3, 0, 1, 2]); // ONNX: [I, O, kh, kw]
        var conv = _graph.AddNode("ConvTranspose",
            [Value(op.Inputs[0]), _graph.AddFloats("w", [shape[3], shape[0], kh, kw], onnxWeights),
             _graph.AddFloats("b", [bias.Shape[0]], WeightValues(bias))],
            null,
            OnnxAttribute.Of("kernel_shape", kh, kw),
            OnnxAttribute.Of("strides", strideH, strideW),
            OnnxAttribute.Of("pads", totalH / 2, totalW / 2, totalH - totalH / 2, totalW - totalW / 2));
        Output(op, conv);
    }

    private void Elementwise(TfliteOperator op, string onnxOp)
    {
        var output = Tensor(op.Outputs[0]);
        var operands = op.Inputs.Select(i => Operand(i, output.Shape.Count)).ToList();
        var result = _graph.AddNode(onnxOp, operands);
        // AddOptions and MulOptions both start with the fused activation.
        var activation = op.Options is { } o ? (FusedActivation)o.Byte(0) : FusedActivation.None;
        Output(op, Activation(result, activation));
    }

    /// <summary>
    /// A binary op's operand: a computed value as it is, a constant re-laid out for NCHW broadcasting (tflite
    /// broadcasts from the channel end, so a [C] constant becomes [1, C, 1, 1]).
    /// </summary>
    private string Operand(int index, int outputRank)
    {
        var tensor = Tensor(index);
        if (!IsConstantValue(index))
        {
            if (tensor.Shape.Count != outputRank && tensor.Shape.Count > 0)
            {
                throw new NotSupportedException($"broadcast of computed tensor {tensor.Name} from rank {tensor.Shape.Count} to {outputRank}");
            }
            return Value(index);
        }
        var values = WeightValues(tensor);
        if (outputRank != 4 || tensor.Shape.Count is 0 or > 4 || values.Length == 1)
        {
            return _graph.AddFloats("c", tensor.Shape.Select(d => (long)d).ToArray(), values);
        }
        var (dims, data) = NhwcLayout.ToNchw(values, Enumerable.Repeat(1, 4 - tensor.Shape.Count).Concat(tensor.Shape).ToArray());
        return _graph.AddFloats("c", dims, data);
    }

    private void Unary(TfliteOperator op, string onnxOp) => Output(op, _graph.AddNode(onnxOp, [Value(op.Inputs[0])]));

    private void Pool(TfliteOperator op, string onnxOp)
    {
        var options = Options(op);
        // Pool2DOptions: padding, stride_w, stride_h, filter_width, filter_height, activation.
        var padding = (Padding)options.Byte(0);
        var (strideW, strideH) = (options.Int(1, 1), options.Int(2, 1));
        var (filterW, filterH) = (options.Int(3), options.Int(4));
        var input = Rank4(Tensor(op.Inputs[0]));
        var output = Rank4(Tensor(op.Outputs[0]));
        var (top, bottom) = Pads(padding, input[1], output[1], filterH, strideH, 1);
        var (left, right) = Pads(padding, input[2], output[2], filterW, strideW, 1);
        var attributes = new List<OnnxAttribute>
        {
            OnnxAttribute.Of("kernel_shape", filterH, filterW),
            OnnxAttribute.Of("strides", strideH, strideW),
            OnnxAttribute.Of("pads", top, left, bottom, right),
        };
        if (onnxOp == "AveragePool")
        {
            attributes.Add(OnnxAttribute.Of("count_include_pad", 0L)); // tflite averages only the pixels inside the frame
        }
        var pooled = _graph.AddNode(onnxOp, [Value(op.Inputs[0])], null, [.. attributes]);
        Output(op, Activation(pooled, (FusedActivation)options.Byte(5)));
    }

    private void Mean(TfliteOperator op)
    {
        var input = Tensor(op.Inputs[0]);
        var output = Tensor(op.Outputs[0]);
        var axes = Tensor(op.Inputs[1]).Ints().Select(a => a < 0 ? a + input.Shape.Count : a).ToArray();
        if (input.Shape.Count != 4)
        {
            throw new NotSupportedException($"MEAN over a rank-{input.Shape.Count} tensor");
        }
        var mean = _graph.AddNode("ReduceMean", [Value(op.Inputs[0])], null,
            OnnxAttribute.Of("axes", axes.Select(a => (long)NhwcLayout.NchwAxis(a)).ToArray()),
            OnnxAttribute.Of("keepdims", 1L));
        // keep_dims off leaves the NHWC order of the kept axes; go through NHWC so any kept axis lands where tflite puts it.
        Output(op, output.Shape.Count == 4 ? mean : FromNhwcReshape(ToNhwc(mean), output.Shape));
    }

    private void ResizeBilinear(TfliteOperator op)
    {
        var input = Rank4(Tensor(op.Inputs[0]));
        var output = Rank4(Tensor(op.Outputs[0]));
        var options = op.Options;
        // ResizeBilinearOptions: new_height, new_width (both deprecated), align_corners, half_pixel_centers.
        var alignCorners = options?.Bool(2) ?? false;
        var halfPixel = options?.Bool(3) ?? false;
        var mode = alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric";
        var sizes = _graph.AddInt64s("sizes", [input[0], input[3], output[1], output[2]]);
        var resized = _graph.AddNode("Resize", [Value(op.Inputs[0]), "", "", sizes], null,
            OnnxAttribute.Of("mode", "linear"),
            OnnxAttribute.Of("coordinate_transformation_mode", mode));
        Output(op, resized);
    }

    private void Concatenation(TfliteOperator op)
    {
        var output = Tensor(op.Outputs[0]);
        var options = Options(op);
        var axis = options.Int(0);
        if (axis < 0)
        {
            axis += output.Shape.Count;
        }
        var onnxAxis = output.Shape.Count == 4 ? NhwcLayout.NchwAxis(axis) : axis;
        var inputs = op.Inputs.Select(i => Operand(i, output.Shape.Count)).ToList();
        var joined = _graph.AddNode("Concat", inputs, null, OnnxAttribute.Of("axis", (long)onnxAxis));
        Output(op, Activation(joined, (FusedActivation)options.Byte(1)));
    }

    private void Reshape(TfliteOperator op)
    {
        var input = Tensor(op.Inputs[0]);
        var output = Tensor(op.Outputs[0]);
        var source = Value(op.Inputs[0]);
        Output(op, FromNhwcReshape(input.Shape.Count == 4 ? ToNhwc(source) : source, output.Shape));
    }

    private void Pad(TfliteOperator op)
    {
        var input = Tensor(op.Inputs[0]);
        var pairs = Tensor(op.Inputs[1]).Ints(); // [rank, 2] in tflite's axis order
        var rank = input.Shape.Count;
        var before = new long[rank];
        var after = new long[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            var target = rank == 4 ? NhwcLayout.NchwAxis(axis) : axis;
            before[target] = pairs[2 * axis];
            after[target] = pairs[2 * axis + 1];
        }
        var pads = _graph.AddInt64s("pads", [.. before, .. after]);
        Output(op, _graph.AddNode("Pad", [Value(op.Inputs[0]), pads], null, OnnxAttribute.Of("mode", "constant")));
    }

    private string ToNhwc(string value) => _graph.AddNode("Transpose", [value], null, OnnxAttribute.Of("perm", 0, 2, 3, 1));

    /// <summary>Reshapes an NHWC-ordered value to a tflite shape, and back to NCHW when that shape is rank 4.</summary>
    private string FromNhwcReshape(string nhwcValue, IReadOnlyList<int> shape)
    {
        var reshaped = _graph.AddNode("Reshape", [nhwcValue, _graph.AddInt64s("shape", shape.Select(d => (long)d).ToArray())]);
        return shape.Count == 4 ? _graph.AddNode("Transpose", [reshaped], null, OnnxAttribute.Of("perm", 0, 3, 1, 2)) : reshaped;
    }

    private string Activation(string value, FusedActivation activation) => activation switch
    {
        FusedActivation.None => value,
        FusedActivation.Relu => _graph.AddNode("Relu", [value]),
        FusedActivation.Relu6 => _graph.AddNode("Clip", [value, _graph.AddFloats("min", [], [0f]), _graph.AddFloats("max", [], [6f])]),
        FusedActivation.ReluN1To1 => _graph.AddNode("Clip", [value, _graph.AddFloats("min", [], [-1f]), _graph.AddFloats("max", [], [1f])]),
        FusedActivation.Tanh => _graph.AddNode("Tanh", [value]),
        _ => throw new NotSupportedException($"fused activation {activation}"),
    };

    private void Output(TfliteOperator op, string value)
    {
        if (op.Outputs.Count != 1)
        {
            throw new NotSupportedException($"{op.Op} with {op.Outputs.Count} outputs");
        }
        _values[op.Outputs[0]] = value;
    }

    private string Value(int index)
    {
        if (_values.TryGetValue(index, out var name))
        {
            return name;
        }
        var tensor = Tensor(index);
        if (IsConstantValue(index))
        {
            var values = WeightValues(tensor);
            var (dims, data) = tensor.Shape.Count == 4 ? NhwcLayout.ToNchw(values, tensor.Shape) : (NhwcLayout.OnnxDims(tensor.Shape), values);
            return _values[index] = _graph.AddFloats("k", dims, data);
        }
        throw new InvalidDataException($"tensor {tensor.Name} is used before any operator writes it");
    }

    private bool IsConstantValue(int index) => _dequantized.ContainsKey(index) || Tensor(index).IsConstant;

    private float[] WeightValues(TfliteTensor tensor) =>
        _dequantized.TryGetValue(tensor.Index, out var values) ? values : tensor.Floats();

    private TfliteTensor Tensor(int index) =>
        index >= 0 && index < _model.Tensors.Count ? _model.Tensors[index] : throw new InvalidDataException($"tensor index {index}");

    private static TfliteOptions Options(TfliteOperator op) =>
        op.Options ?? throw new InvalidDataException($"{op.Op} without its options");

    private static int[] Rank4(TfliteTensor tensor) =>
        tensor.Shape.Count == 4 ? [.. tensor.Shape] : throw new NotSupportedException($"tensor {tensor.Name} is rank {tensor.Shape.Count}, not 4");

    /// <summary>TensorFlow's SAME padding (the odd pixel after) or none for VALID.</summary>
    private static (long Before, long After) Pads(Padding padding, int input, int output, int kernel, int stride, int dilation) =>
        padding == Padding.Valid ? (0, 0) : NhwcLayout.SamePads(input, output, kernel, stride, dilation);

    private enum Padding : byte
    {
        Same = 0,
        Valid = 1,
    }

    private enum FusedActivation : byte
    {
        None = 0,
        Relu = 1,
        ReluN1To1 = 2,
        Relu6 = 3,
        Tanh = 4,
    }
}
