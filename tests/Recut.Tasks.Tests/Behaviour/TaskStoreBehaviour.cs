using Microsoft.Extensions.Time.Testing;
using Recut.Protocol.Requests;
using Recut.Tasks.Keys;

namespace Recut.Tasks.Tests.Behaviour;

/// <summary>
/// What every <see cref="ITaskStore"/> must do, written once. A store's test class derives from this and
/// says how to open a store on a fresh, empty database; all facts in the partial files then run against it.
/// Time is a <see cref="FakeTimeProvider"/>: lease expiry and windows are reached by advancing it, not by sleeping.
/// </summary>
public abstract partial class TaskStoreBehaviour : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 4, 3, 0, 8, 3, 576, TimeSpan.Zero);
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    protected const string TenantA = "tenant-a";
    protected const string TenantB = "tenant-b";
    protected const int NoLimit = 1000;

    protected static CancellationToken Ct => CancellationToken.None;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected ITaskStore Store { get; private set; } = null!;

    /// <summary>
    /// A store on this test's own database. Called once per test for <see cref="Store"/>, and again when a
    /// test needs a second instance on the same database, standing in for a second process.
    /// </summary>
    protected abstract ITaskStore OpenStore(TimeProvider time);

    /// <summary>A key store on the same database as <see cref="Store"/> (the schema is already migrated).</summary>
    protected abstract IApiKeyStore OpenKeyStore(TimeProvider time);

    public virtual async Task InitializeAsync()
    {
        Store = OpenStore(Time);
        await Store.InitializeAsync(Ct);
    }

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static EditRequest Request(string prompt = "make the sky purple", string model = EditRequest.ModelId) => new()
    {
        Model = model,
        Prompt = prompt,
        NegativePrompt = "blur",
        VideoUrl = "https://example.com/in.mp4",
        ReferenceImageUrls = ["https://example.com/ref1.png", "oss://bucket/ref2.webp"],
        Resolution = "1080P",
        Ratio = "9:16",
        Duration = 5,
        AudioSetting = "origin",
        PromptExtend = false,
        Watermark = true,
        Seed = 2147483647,
        Dialect = Dialect.Apiyi,
    };

    /// <summary>A new task whose request hash follows its prompt, as the API's canonical-body hash would.</summary>
    protected static NewEditTask New(string tenant = TenantA, string? key = null, string prompt = "make the sky purple", string model = EditRequest.ModelId) =>
        new(tenant, Request(prompt, model), "req-" + Guid.NewGuid().ToString("N"), key, "hash:" + prompt);

    protected async Task<EditTask> CreateAsync(string tenant = TenantA, string? key = null, string prompt = "make the sky purple", string model = EditRequest.ModelId)
    {
        var outcome = await Store.CreateAsync(New(tenant, key, prompt, model), Ct);
        Assert.True(outcome.Created);
        return outcome.Task;
    }

    /// <summary>Creates <paramref name="count"/> tasks one millisecond apart, oldest first.</summary>
    protected async Task<List<EditTask>> CreateManyAsync(int count, string tenant = TenantA)
    {
        var tasks = new List<EditTask>();
        for (var i = 0; i < count; i++)
        {
            tasks.Add(await CreateAsync(tenant, prompt: $"edit {i}"));
            Time.Advance(TimeSpan.FromMilliseconds(1));
        }
        return tasks;
    }

    protected Task<TaskLease?> LeaseAsync(int limit = NoLimit, ITaskStore? store = null, string worker = "worker-1") =>
        (store ?? Store).TryLeaseNextAsync(worker, Lease, limit, Ct);

    protected async Task<TaskLease> LeaseRequiredAsync(int limit = NoLimit)
    {
        var lease = await LeaseAsync(limit);
        Assert.NotNull(lease);
        return lease;
    }

    protected async Task<EditTask> GetRequiredAsync(EditTask task)
    {
        var stored = await Store.GetAsync(task.Id, task.TenantId, Ct);
        Assert.NotNull(stored);
        return stored;
    }

    protected static TaskUsage Usage => new(5.02, 5.02, 1, 720);

    /// <summary>
    /// Runs <paramref name="count"/> callers truly at once: each on its own thread, all released together.
    /// Store calls often complete synchronously, so plain Task.Run lets the first caller finish before the
    /// others start and the race under test never happens.
    /// </summary>
    protected static async Task<T[]> RunConcurrentlyAsync<T>(int count, Func<int, Task<T>> caller)
    {
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, count).Select(i => Task.Factory.StartNew(() =>
        {
            start.Wait(Ct);
            return caller(i);
        }, Ct, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap()).ToArray();
        start.Set();
        return await Task.WhenAll(callers);
    }

    /// <summary>
    /// One worker per store, each leasing (and never finishing) until nothing is runnable. Every worker takes
    /// its first lease at the same moment on its own thread, then waits for the others to have taken theirs,
    /// so no worker can drain the queue alone even on a loaded machine.
    /// </summary>
    protected static Task<List<Guid>[]> DrainConcurrentlyAsync(params ITaskStore[] stores)
    {
        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        void Arrive()
        {
            if (Interlocked.Increment(ref arrived) == stores.Length)
            {
                allStarted.SetResult();
            }
        }

        return RunConcurrentlyAsync(stores.Length, async i =>
        {
            var leased = new List<Guid>();
            while (await stores[i].TryLeaseNextAsync($"worker-{i}", Lease, NoLimit, Ct) is { } lease)
            {
                leased.Add(lease.Task.Id);
                if (leased.Count == 1)
                {
                    Arrive();
                    await allStarted.Task;
                }
                else
                {
                    await Task.Yield(); // let the other workers in between leases
                }
            }
            if (leased.Count == 0)
            {
                Arrive(); // got nothing at all: still release the others rather than hang the test
            }
            return leased;
        });
    }
}
