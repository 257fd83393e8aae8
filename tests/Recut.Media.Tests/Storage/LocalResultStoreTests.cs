using Recut.Media.Storage;
using Recut.TestSupport;

namespace Recut.Media.Tests.Storage;

public sealed class LocalResultStoreTests : IDisposable
{
    private readonly TempDir _dir = new("store");
    private readonly FixedClock _clock = new(new DateTimeOffset(2026, 4, 3, 23, 59, 0, TimeSpan.Zero));
    private readonly LocalResultStore _store;

    public LocalResultStoreTests() => _store = new LocalResultStore(Path.Combine(_dir.Path, "results"), _clock);

    public void Dispose() => _dir.Dispose();

    private string Finished(string content)
    {
        var path = _dir.File($"work-{Guid.NewGuid():N}.mp4");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Put_moves_the_file_under_the_day_and_task_id()
    {
        var id = Guid.Parse("6f1c2d3e-0000-4000-8000-000000000001");
        var source = Finished("video");

        var key = await _store.PutAsync(id, source, CancellationToken.None);

        Assert.Equal("2026-04-03/6f1c2d3e-0000-4000-8000-000000000001.mp4", key);
        Assert.False(File.Exists(source));
        var path = _store.LocalPathOf(key);
        Assert.NotNull(path);
        Assert.Equal("video", await File.ReadAllTextAsync(path));
        Assert.StartsWith(_store.Root, path);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!)); // no staging file left
    }

    [Fact]
    public async Task A_second_attempt_of_the_same_task_keeps_the_first_result()
    {
        var id = Guid.NewGuid();
        var key1 = await _store.PutAsync(id, Finished("first"), CancellationToken.None);
        var second = Finished("second");

        var key2 = await _store.PutAsync(id, second, CancellationToken.None);

        Assert.Equal(key1, key2);
        Assert.Equal("first", await File.ReadAllTextAsync(_store.LocalPathOf(key1)!));
        Assert.False(File.Exists(second));
    }

    [Fact]
    public async Task Concurrent_puts_of_one_task_leave_exactly_one_whole_file()
    {
        var id = Guid.NewGuid();
        var sources = Enumerable.Range(0, 8).Select(i => Finished(new string((char)('a' + i), 100_000))).ToList();

        var keys = await Task.WhenAll(sources.Select(s => Task.Run(() => _store.PutAsync(id, s, CancellationToken.None))));

        Assert.Single(keys.Distinct());
        var content = await File.ReadAllTextAsync(_store.LocalPathOf(keys[0])!);
        Assert.Equal(100_000, content.Length);
        Assert.Single(content.Distinct()); // one attempt's bytes, not a mix
        Assert.All(sources, s => Assert.False(File.Exists(s)));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(_store.LocalPathOf(keys[0])!)!));
    }

    [Fact]
    public async Task Delete_removes_the_file_and_is_idempotent()
    {
        var key = await _store.PutAsync(Guid.NewGuid(), Finished("x"), CancellationToken.None);

        await _store.DeleteAsync(key, CancellationToken.None);
        await _store.DeleteAsync(key, CancellationToken.None);

        Assert.Null(_store.LocalPathOf(key));
    }

    [Theory]
    [InlineData("../secret.mp4")]
    [InlineData("2026-04-03/../../secret.mp4")]
    [InlineData("/etc/passwd")]
    [InlineData("2026-04-03\\x.mp4")]
    [InlineData("..\\x.mp4")]
    [InlineData("2026-04-03//x.mp4")]
    [InlineData("./x.mp4")]
    [InlineData(".hidden.part")]
    [InlineData("2026-04-03/x.mp4\0.txt")]
    [InlineData("2026-04-03/x y.mp4")]
    [InlineData("")]
    public async Task Keys_that_could_leave_the_store_are_refused(string key)
    {
        File.WriteAllText(_dir.File("secret.mp4"), "secret");
        Assert.False(ResultKey.IsValid(key));
        Assert.Null(_store.LocalPathOf(key));
        await Assert.ThrowsAsync<ArgumentException>(() => _store.DeleteAsync(key, CancellationToken.None));
        Assert.True(File.Exists(_dir.File("secret.mp4")));
    }

    [Fact]
    public void A_missing_key_is_null_not_an_error() => Assert.Null(_store.LocalPathOf("2026-04-03/nothing.mp4"));

    [Fact]
    public async Task Sweep_removes_day_folders_older_than_the_cutoff()
    {
        var old = await _store.PutAsync(Guid.NewGuid(), Finished("old"), CancellationToken.None);
        _clock.Now = _clock.Now.AddDays(2);
        var fresh = await _store.PutAsync(Guid.NewGuid(), Finished("new"), CancellationToken.None);
        Directory.CreateDirectory(Path.Combine(_store.Root, "not-a-date"));

        var removed = await _store.SweepAsync(_clock.Now.AddDays(-1), CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.Null(_store.LocalPathOf(old));
        Assert.NotNull(_store.LocalPathOf(fresh));
        Assert.True(Directory.Exists(Path.Combine(_store.Root, "not-a-date")));
    }

    [Fact]
    public async Task Putting_a_missing_file_fails_loudly()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => _store.PutAsync(Guid.NewGuid(), _dir.File("none.mp4"), CancellationToken.None));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
