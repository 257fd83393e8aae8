using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Recut.Media.Processes;

/// <summary>
/// Runs ffmpeg or ffprobe as a supervised child: argument list (no shell), stderr drained and kept,
/// exit code checked, <c>q</c> then a timed kill on cancellation, a wall-clock timeout.
/// </summary>
public sealed class ProcessRunner(string executable, long? addressSpaceLimitBytes = null)
{
    private const string Prlimit = "/usr/bin/prlimit";

    private const int StderrTailLines = 40;
    private static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);

    /// <summary>
    /// ffmpeg decodes files strangers chose: its address space is capped (RECUT_FFMPEG_MEMORY_MB, default 4096) so a
    /// decoder bomb fails the task instead of the machine. A 1080p libx264 encode needs about 300 MB resident.
    /// </summary>
    public static ProcessRunner Ffmpeg { get; } = new(Environment.GetEnvironmentVariable("RECUT_FFMPEG") ?? "ffmpeg",
        MegabytesFromEnvironment("RECUT_FFMPEG_MEMORY_MB", 4096));

    public static ProcessRunner Ffprobe { get; } = new(Environment.GetEnvironmentVariable("RECUT_FFPROBE") ?? "ffprobe",
        MegabytesFromEnvironment("RECUT_FFPROBE_MEMORY_MB", 1024));

    /// <summary>The cap on the child's virtual address space, applied with util-linux prlimit when it exists.</summary>
    public long? AddressSpaceLimitBytes { get; } = addressSpaceLimitBytes;

    public string Executable { get; } = executable;

    /// <summary>The command line as a person would type it, for logs and errors.</summary>
    public string Describe(IReadOnlyList<string> args) =>
        string.Join(' ', new[] { Executable }.Concat(args).Select(Quote));

    public async Task RunAsync(IReadOnlyList<string> args, ProcessRunOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(options);
        // prlimit sets the limit and then execs the tool in the same process, so kill and exit code are the tool's own.
        var limited = AddressSpaceLimitBytes is { } limit && File.Exists(Prlimit);
        var psi = new ProcessStartInfo(limited ? Prlimit : Executable)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = options.WorkingDirectory ?? "",
        };
        if (limited)
        {
            psi.ArgumentList.Add(string.Create(CultureInfo.InvariantCulture, $"--as={AddressSpaceLimitBytes}"));
            psi.ArgumentList.Add("--");
            psi.ArgumentList.Add(Executable);
        }
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        var commandLine = Describe(args);
        ProcessLog.Write("$ " + commandLine);
        using var process = new Process { StartInfo = psi };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new FfmpegException($"cannot start {Executable} (is it installed?)", commandLine, null, e.Message, e);
        }

        using var timeout = new CancellationTokenSource(options.Timeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var tail = new Queue<string>();
        var stderrTask = DrainStderrAsync(process.StandardError, tail, options.OnStderrLine);
        if (options.WidePipes)
        {
            PipeCapacity.TryWiden(process.StandardOutput.BaseStream);
            PipeCapacity.TryWiden(process.StandardInput.BaseStream);
        }
        var stdoutTask = options.ReadStdout is { } reader
            ? reader(process.StandardOutput.BaseStream, linked.Token)
            : ParseProgressAsync(process.StandardOutput, options, linked.Token);
        var stdinTask = WriteStdinAsync(process, options.WriteStdin, linked.Token);

        var exitTask = process.WaitForExitAsync(linked.Token);
        try
        {
            await WhenAllOrFirstFailure(stdoutTask, stdinTask, exitTask).ConfigureAwait(false);
            await stderrTask.ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Whatever failed (a frame reader, a writer, cancellation), ffmpeg must not outlive the run:
            // blocked on a full stdout pipe it would otherwise wait for the timeout.
            await StopAsync(process).ConfigureAwait(false);
            await Task.WhenAny(stderrTask, Task.Delay(GracePeriod, CancellationToken.None)).ConfigureAwait(false);
            Observe(stdoutTask, stdinTask, exitTask, stderrTask);
            if (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
            {
                throw new FfmpegException($"{Path.GetFileName(Executable)} timed out after {options.Timeout.TotalSeconds:0} s",
                    commandLine, null, Tail(tail), e) { TimedOut = true };
            }
            ct.ThrowIfCancellationRequested();
            if (e is IOException && process.HasExited && process.ExitCode != 0)
            {
                // A broken pipe: ffmpeg died first, and its stderr says why.
                throw new FfmpegException($"{Path.GetFileName(Executable)} failed", commandLine, process.ExitCode, Tail(tail), e);
            }
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new FfmpegException($"{Path.GetFileName(Executable)} failed", commandLine, process.ExitCode, Tail(tail));
        }
    }

    /// <summary>
    /// Like Task.WhenAll, but throws as soon as any task fails instead of waiting for the others,
    /// which may never finish while the process is alive.
    /// </summary>
    private static async Task WhenAllOrFirstFailure(params Task[] tasks)
    {
        var pending = tasks.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            await done.ConfigureAwait(false);
            pending.Remove(done);
        }
    }

    /// <summary>Marks the exceptions of abandoned tasks as observed once they end.</summary>
    private static void Observe(params Task[] tasks)
    {
        foreach (var t in tasks)
        {
            _ = t.ContinueWith(static x => _ = x.Exception, CancellationToken.None,
                TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private static async Task WriteStdinAsync(Process process, Func<Stream, CancellationToken, Task>? writer, CancellationToken ct)
    {
        if (writer is null)
        {
            return;
        }
        var stdin = process.StandardInput.BaseStream;
        try
        {
            await writer(stdin, ct).ConfigureAwait(false);
        }
        finally
        {
            process.StandardInput.Close();
        }
    }

    private static async Task DrainStderrAsync(StreamReader stderr, Queue<string> tail, Action<string>? onLine)
    {
        while (await stderr.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            onLine?.Invoke(line);
            ProcessLog.Write(line);
            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > StderrTailLines)
                {
                    tail.Dequeue();
                }
            }
        }
    }

    private static async Task ParseProgressAsync(StreamReader stdout, ProcessRunOptions options, CancellationToken ct)
    {
        var outTime = TimeSpan.Zero;
        long frames = 0;
        while (await stdout.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            // -progress emits out_time_us (microseconds; older builds mislabel out_time_ms the same way).
            if (line.StartsWith("out_time_us=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan("out_time_us=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var us)
                && us >= 0)
            {
                outTime = TimeSpan.FromMicroseconds(us);
                options.OnProgress?.Invoke(outTime);
            }
            else if (line.StartsWith("frame=", StringComparison.Ordinal)
                && long.TryParse(line.AsSpan("frame=".Length), NumberStyles.Integer, CultureInfo.InvariantCulture, out var f) && f >= 0)
            {
                frames = f;
            }
            else if (line.StartsWith("progress=", StringComparison.Ordinal))
            {
                // Each report ends with its progress= line, so the keys above belong to it.
                options.OnProgressReport?.Invoke(new FfmpegProgress(outTime, frames, line.AsSpan("progress=".Length).SequenceEqual("end")));
            }
        }
    }

    /// <summary>Ask ffmpeg to finish cleanly with 'q', then kill the tree if it has not exited.</summary>
    private static async Task StopAsync(Process process)
    {
        if (process.HasExited)
        {
            return;
        }
        try
        {
            await process.StandardInput.WriteAsync('q').ConfigureAwait(false);
            await process.StandardInput.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // stdin already closed (a frame writer owned it): go straight to the kill.
        }
        using var grace = new CancellationTokenSource(GracePeriod);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static string Tail(Queue<string> tail)
    {
        lock (tail)
        {
            var sb = new StringBuilder();
            foreach (var l in tail)
            {
                sb.AppendLine(l);
            }
            return sb.ToString().Trim();
        }
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || "-_./:=+,@%".Contains(c, StringComparison.Ordinal))
            ? s
            : "'" + s.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static long? MegabytesFromEnvironment(string name, long fallbackMb)
    {
        var text = Environment.GetEnvironmentVariable(name);
        var mb = long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallbackMb;
        return mb > 0 ? mb * 1024 * 1024 : null;
    }
}
