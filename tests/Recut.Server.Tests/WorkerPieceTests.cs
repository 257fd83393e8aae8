using Recut.Media;
using Recut.Media.Processes;
using Recut.Protocol.Errors;
using Recut.Server.Configuration;
using Recut.Server.Workers;

namespace Recut.Server.Tests;

public sealed class WorkerPieceTests
{
    [Fact]
    public void Failures_are_classified_into_task_codes_without_leaking_internals()
    {
        Assert.Equal((ErrorCodes.UnsupportedEdit, "no"), TaskExecutor.Classify(new ApiErrorException(ErrorCodes.UnsupportedEdit, "no")));
        Assert.Equal(("InvalidFile.Duration", "too long"), TaskExecutor.Classify(new MediaException("InvalidFile.Duration", "too long")));
        var timeout = TaskExecutor.Classify(new FfmpegException("x", "ffmpeg …", null, "tail") { TimedOut = true });
        Assert.Equal(ErrorCodes.Timeout, timeout.Code);
        var algo = TaskExecutor.Classify(new FfmpegException("x", "ffmpeg -i /secret/path", 1, "line one\nConversion failed!"));
        Assert.Equal(ErrorCodes.AlgoError, algo.Code);
        // ffmpeg's words and the command line stay in the task log; the caller reads the catalogue's message.
        Assert.Equal(ErrorMessages.RenderFailed, algo.Message);
        Assert.DoesNotContain("Conversion failed", algo.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/secret/path", algo.Message, StringComparison.Ordinal);
        var other = TaskExecutor.Classify(new InvalidOperationException("stack details"));
        Assert.Equal(ErrorCodes.InternalError, other.Code);
        Assert.DoesNotContain("stack details", other.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_only_moves_forward_and_stays_below_100_until_success()
    {
        var observer = new StoreEditObserver(null!, null!, "token");
        observer.OnProgress(0.42);
        observer.OnProgress(0.30);
        Assert.Equal(42, observer.Percent);
        observer.OnProgress(1.0);
        Assert.Equal(99, observer.Percent);
        observer.OnProgress(double.NaN);
        Assert.Equal(99, observer.Percent);
    }

    [Fact]
    public void Environment_names_of_the_operating_contract_are_honoured()
    {
        var env = new Dictionary<string, string>
        {
            ["RECUT_API_KEYS"] = "a,b",
            ["RECUT_ALLOW_PRIVATE_FETCH"] = "true",
            ["RECUT_DB"] = "Host=db;Database=recut",
            ["RECUT_WORKERS"] = "3",
            ["RECUT_LEASE_SECONDS"] = "7",
        };
        var options = new RecutOptions();
        EnvironmentOverrides.Apply(options, k => env.GetValueOrDefault(k));
        Assert.Equal("a,b", options.ApiKeys);
        Assert.True(options.AllowPrivateFetch);
        Assert.Equal("Host=db;Database=recut", options.ResolvedDb);
        Assert.Equal(3, options.Workers);
        Assert.Equal(7, options.LeaseSeconds);

        var defaults = new RecutOptions { DataDirectory = "/srv/recut" };
        EnvironmentOverrides.Apply(defaults, _ => null);
        Assert.False(defaults.AllowPrivateFetch);
        Assert.Equal(Path.Combine("/srv/recut", "tasks.db"), defaults.ResolvedDb);
    }
}
