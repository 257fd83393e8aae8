using Recut.Bench.Person;

// Usage: dotnet run -c Release --project bench/Recut.Bench -- person [--quick] [--quality-only | --speed-only]
//        person-sheet OUT.png [frame] [background]  — one frame through every person edit, for checking by eye
//        (internal) person-task <clip.mp4> <width> <height> <replace|blur> <reference.png> <frames>  — one task in a fresh process, for peak memory
var command = args.Length > 0 ? args[0] : "";
switch (command)
{
    case "person":
        return await PersonBenchmark.RunAsync(args.Skip(1).ToArray());
    case "person-sheet":
        return await SampleSheet.RunAsync(args.Skip(1).ToArray());
    case "person-task":
        return await PersonTaskProbe.RunChildAsync(args.Skip(1).ToArray());
    default:
        Console.Error.WriteLine("usage: Recut.Bench person [--quick]");
        return 2;
}
