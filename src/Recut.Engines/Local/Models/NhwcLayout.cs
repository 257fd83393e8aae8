namespace Recut.Engines.Local.Models;

/// <summary>
/// The arithmetic of moving tflite's NHWC tensors into ONNX's NCHW: shapes, axes, dense permutations and TensorFlow's
/// SAME padding. Pure functions, so the converter's op mapping stays about ops.
/// </summary>
public static class NhwcLayout
{
    /// <summary>A tflite shape as ONNX dims: rank 4 reordered to NCHW, any other rank as it is.</summary>
    public static long[] OnnxDims(IReadOnlyList<int> shape) =>
        shape.Count == 4 ? [shape[0], shape[3], shape[1], shape[2]] : shape.Select(d => (long)d).ToArray();

    /// <summary>NHWC axis → NCHW axis.</summary>
    public static int NchwAxis(int axis) => axis switch { 0 => 0, 1 => 2, 2 => 3, 3 => 1, _ => throw new NotSupportedException($"axis {axis}") };

    /// <summary>A rank-4 NHWC constant as NCHW dims and values.</summary>
    public static (long[] Dims, float[] Values) ToNchw(float[] values, IReadOnlyList<int> nhwcShape) =>
        (OnnxDims(nhwcShape), Permute(values, nhwcShape, [0, 3, 1, 2]));

    /// <summary>TensorFlow's SAME padding along one axis: the total a forward window needs, the odd pixel after.</summary>
    public static (long Before, long After) SamePads(int input, int output, int kernel, int stride, int dilation)
    {
        var effective = (kernel - 1) * dilation + 1;
        var total = Math.Max((output - 1) * stride + effective - input, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>Reorders a dense array of <paramref name="shape"/> so that new axis i is old axis <paramref name="order"/>[i].</summary>
    public static float[] Permute(float[] values, IReadOnlyList<int> shape, int[] order)
    {
        var rank = shape.Count;
        if (order.Length != rank || values.Length != shape.Aggregate(1, (a, d) => a * d))
        {
            throw new InvalidDataException($"permutation does not fit the tensor: {values.Length} values, shape [{string.Join(",", shape)}]");
        }
        var oldStrides = new int[rank];
        for (int i = rank - 1, stride = 1; i >= 0; stride *= shape[i], i--)
        {
            oldStrides[i] = stride;
        }
        var newShape = order.Select(o => shape[o]).ToArray();
        var result = new float[values.Length];
        var index = new int[rank];
        for (var flat = 0; flat < result.Length; flat++)
        {
            var source = 0;
            for (var i = 0; i < rank; i++)
            {
                source += index[i] * oldStrides[order[i]];
            }
            result[flat] = values[source];
            for (var i = rank - 1; i >= 0 && ++index[i] == newShape[i]; i--)
            {
                index[i] = 0;
            }
        }
        return result;
    }
}
