using Recut.Bench.Person;
using Recut.Bench.Planner;

// Usage: dotnet run -c Release --project bench/Recut.Bench -- person [--quick] [--quality-only | --speed-only [--720p-only]] (RECUT_PERSON_CROP=0: one-pass mask)
//        person-sheet OUT.png [frame] [background]  — one frame through every person edit, for checking by eye
//        garment-truth OUTDIR  — remakes the portraits' garment masks (then checked by eye, copied to tests/…/Person/Fixtures)
//        matte [--quick] [--colour-line | --close-up]  — matte edge error in a ±10 px band, coarse vs refined (and guided filter alone), on truth clips
//        matte-speed  — C# ms per 720p background-replace frame, edge refinement off vs on
//        person-memory [--seconds N] [--runs N] [--op replace|blur]  — peak memory of one 1080p person task's process tree
//        model-runtimes [--rounds N]  — each MediaPipe model on OpenCV DNN and on ONNX Runtime: output difference, ms per call
//        matte-stages  — where a 720p background-replace frame's C# time goes, stage by stage
//        outfit [--sheets DIR] [--patterns-only]  — outfit recolour on the two portraits: garment IoU, ΔE2000, shading, per colour and reference kind; then patterned references
//        edit-vs-transcode [--runs N] [--edits colour,overlay,global] [--recut LABEL=PATH]...  — edits through recut serve against two transcode yardsticks, interleaved
//        many-tasks [--tasks N] [--workers 1,2] [--runs N]  — throughput of N queued 5 s edits per worker count
//        effects [--runs N] [--frames DIR]  — issue 18's edits (looks, time, text, clarity) against a plain transcode, interleaved
//        faces [--runs N] [--frames DIR]  — the face edit (blur, pixelate) on a generated 5 s crowd against a plain transcode; scan recall and cost
//        planner [--misses tune|held|all]  — the planner corpus, per category and half (see PlannerBenchmark)
//        (internal) person-task <clip.mp4> <width> <height> <replace|blur> <reference.png> <frames>  — one task in a fresh process, for peak memory
var command = args.Length > 0 ? args[0] : "";
// RECUT_CV_THREADS: OpenCV's worker threads (default: one per core), to weigh model speed against ffmpeg's share.
if (int.TryParse(Environment.GetEnvironmentVariable("RECUT_CV_THREADS"), out var cvThreads) && cvThreads > 0)
{
    OpenCvSharp.Cv2.SetNumThreads(cvThreads);
}
switch (command)
{
    case "person":
        return await PersonBenchmark.RunAsync(args.Skip(1).ToArray());
    case "person-sheet":
        return await SampleSheet.RunAsync(args.Skip(1).ToArray());
    case "garment-truth":
        return Recut.Bench.Person.GarmentTruth.Run(args.Skip(1).ToArray());
    case "matte":
        return await Recut.Bench.Person.MatteBench.RunAsync(args.Skip(1).ToArray());
    case "matte-speed":
        return await Recut.Bench.Person.MatteSpeed.RunAsync();
    case "person-memory":
        return await Recut.Bench.Person.PersonMemory.RunAsync(args.Skip(1).ToArray());
    case "model-runtimes":
        return Recut.Bench.Person.ModelRuntimes.Run(args.Skip(1).ToArray());
    case "matte-stages":
        return await Recut.Bench.Person.MatteStages.RunAsync();
    case "outfit":
        return await Recut.Bench.Person.OutfitBench.RunAsync(args.Skip(1).ToArray());
    case "edit-vs-transcode":
        return await Recut.Bench.Foundation.EditVsTranscode.RunAsync(args.Skip(1).ToArray());
    case "many-tasks":
        return await Recut.Bench.Foundation.ManyTasks.RunAsync(args.Skip(1).ToArray());
    case "effects":
        return await Recut.Bench.Foundation.EffectsBench.RunAsync(args.Skip(1).ToArray());
    case "faces":
        return await Recut.Bench.Person.FacesBench.RunAsync(args.Skip(1).ToArray());
    case "planner":
        return PlannerBenchmark.Run(args.Skip(1).ToArray());
    case "person-task":
        return await PersonTaskProbe.RunChildAsync(args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine("usage: Recut.Bench person [--quick] | person-sheet OUT.png | planner [--misses tune]");
        return 2;
}
