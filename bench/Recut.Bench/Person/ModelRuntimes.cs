using System.Diagnostics;
using System.Runtime.InteropServices;
using OpenCvSharp;
using OpenCvSharp.Dnn;
using Recut.Engines.Local.Models;
using Recut.Engines.Local.Person.Segmentation;

namespace Recut.Bench.Person;

/// <summary>
/// `model-runtimes`: each MediaPipe model on OpenCV DNN and on ONNX Runtime (after TfliteToOnnx) on the same input —
/// the largest output difference, and ms per call for both, interleaved rounds, median and spread.
/// </summary>
public static class ModelRuntimes
{
    private static readonly (string File, int Width, int Height, bool Signed)[] Models =
    [
        ("selfie_segmentation.tflite", 256, 256, false),
        ("selfie_segmentation_landscape.tflite", 256, 144, false),
        ("face_detection_short_range.tflite", 128, 128, true),
        ("pose_landmark_full.tflite", 256, 256, false),
    ];

    public static int Run(string[] args)
    {
        var at = Array.IndexOf(args, "--rounds");
        var rounds = at >= 0 ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : 5;
        var folder = Path.Combine(ModelLocator.FindModelsRoot(), ModelLocator.MediaPipeFolder);
        using var picture = Cv2.ImRead(Recut.Engines.Tests.Person.Support.PersonAssets.Astronaut.PhotoPath);
        Console.WriteLine($"OpenCV threads {Cv2.GetNumThreads()}, ONNX Runtime 1 intra-op thread; {rounds} interleaved rounds of 30 calls; load {LoadText()}");
        Console.WriteLine("| model | largest output difference | OpenCV DNN ms (median, spread) | ONNX Runtime ms (median, spread) |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (file, width, height, signed) in Models)
        {
            var path = Path.Combine(folder, file);
            using var small = new Mat();
            Cv2.Resize(picture, small, new Size(width, height), 0, 0, InterpolationFlags.Area);
            using var blob = signed
                ? CvDnn.BlobFromImage(small, 1 / 127.5, new Size(width, height), new Scalar(127.5, 127.5, 127.5), swapRB: true, crop: false)
                : CvDnn.BlobFromImage(small, 1 / 255.0, new Size(width, height), new Scalar(), swapRB: true, crop: false);
            using var net = CvDnn.ReadNet(path, "", "");
            var names = net.GetUnconnectedOutLayersNames().Select(n => n ?? "").ToArray();
            using var onnx = new OnnxImageModel(path);
            Marshal.Copy(blob.Data, onnx.Input, 0, onnx.Input.Length);

            var cvOutputs = ForwardOpenCv(net, blob, names);
            onnx.Run();
            var difference = 0.0;
            foreach (var cv in cvOutputs)
            {
                var match = onnx.Outputs.FirstOrDefault(o => o.Length == cv.Length)
                    ?? throw new InvalidOperationException($"{file}: no ONNX output of {cv.Length} values");
                var largest = cv.Zip(match, (a, b) => Math.Abs(a - b)).Max();
                if (args.Contains("--outputs"))
                {
                    Console.WriteLine($"  {file} output of {cv.Length}: largest difference {largest:G3}, largest value {cv.Max(Math.Abs):G3}");
                }
                difference = Math.Max(difference, largest);
            }

            var cvTimes = new List<double>();
            var onnxTimes = new List<double>();
            for (var round = 0; round < rounds; round++)
            {
                cvTimes.Add(Time(() => ForwardOpenCv(net, blob, names)));
                onnxTimes.Add(Time(onnx.Run));
            }
            Console.WriteLine($"| {file} | {difference:G3} | {Summary(cvTimes)} | {Summary(onnxTimes)} |");
        }
        return 0;
    }

    private static List<float[]> ForwardOpenCv(Net net, Mat blob, string[] names)
    {
        net.SetInput(blob);
        var outputs = names.Select(_ => new Mat()).ToArray();
        net.Forward(outputs, names);
        var values = new List<float[]>();
        foreach (var output in outputs)
        {
            var data = new float[output.Total()];
            Marshal.Copy(output.Data, data, 0, data.Length);
            values.Add(data);
            output.Dispose();
        }
        return values;
    }

    private static double Time(Action call)
    {
        call();
        var watch = Stopwatch.StartNew();
        const int Calls = 30;
        for (var i = 0; i < Calls; i++)
        {
            call();
        }
        return watch.Elapsed.TotalMilliseconds / Calls;
    }

    private static string Summary(List<double> times)
    {
        var sorted = times.Order().ToList();
        return FormattableString.Invariant($"{sorted[sorted.Count / 2]:F2} ({sorted[0]:F2}–{sorted[^1]:F2})");
    }

    private static string LoadText() => File.ReadAllText("/proc/loadavg").Split(' ')[0];
}
