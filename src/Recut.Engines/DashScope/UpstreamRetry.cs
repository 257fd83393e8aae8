using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace Recut.Engines.DashScope;

/// <summary>
/// Bounded, jittered exponential retries of calls that are safe to repeat (queries, lists, policies, uploads with a
/// fresh policy, downloads). Creates are not retried here: see <see cref="UpstreamTaskCreator"/>.
/// </summary>
public sealed class UpstreamRetry
{
    private readonly ResiliencePipeline _pipeline;

    public UpstreamRetry(DashScopeOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Backoff = new Backoff(options);
        _pipeline = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = Math.Max(0, options.MaxAttempts - 1),
                ShouldHandle = new PredicateBuilder().Handle<UpstreamException>(e => e.IsTransient),
                DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
                    Backoff.For(args.AttemptNumber + 1, (args.Outcome.Exception as UpstreamException)?.RetryAfter)),
                OnRetry = args =>
                {
                    var e = args.Outcome.Exception as UpstreamException;
                    logger.LogWarning("Upstream call failed ({Status} {Code}, request {RequestId}); retry {Attempt} in {Delay}",
                        e?.HttpStatus, e?.Code, e?.RequestId, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public Backoff Backoff { get; }

    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct) =>
        await _pipeline.ExecuteAsync(async t => await call(t).ConfigureAwait(false), ct).ConfigureAwait(false);

    public async Task RunAsync(Func<CancellationToken, Task> call, CancellationToken ct) =>
        await _pipeline.ExecuteAsync(async t => await call(t).ConfigureAwait(false), ct).ConfigureAwait(false);
}

/// <summary>Full-jitter exponential backoff: attempt n waits a random time in [½·d, d], d = base·2ⁿ⁻¹ capped.</summary>
public sealed class Backoff(DashScopeOptions options)
{
    public TimeSpan For(int attempt, TimeSpan? retryAfter = null)
    {
        var cap = options.RetryMaxSeconds;
        var d = Math.Min(cap, options.RetryBaseSeconds * Math.Pow(2, Math.Max(0, attempt - 1)));
        var jittered = d * (0.5 + Random.Shared.NextDouble() / 2);
        if (retryAfter is { } ra && ra.TotalSeconds > jittered)
        {
            jittered = Math.Min(cap, ra.TotalSeconds);
        }
        return TimeSpan.FromSeconds(jittered);
    }
}
