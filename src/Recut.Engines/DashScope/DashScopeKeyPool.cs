namespace Recut.Engines.DashScope;

/// <summary>
/// The configured upstream keys, handed out round-robin. A key that upstream keeps rejecting (InvalidApiKey,
/// Arrearage) leaves the rotation for a cool-down, then gets one more chance; health reports who is out and why.
/// </summary>
public sealed class DashScopeKeyPool
{
    private readonly List<PooledKey> _keys;
    private readonly Dictionary<string, Health> _health;
    private readonly int _threshold;
    private readonly TimeSpan _cooldown;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private int _next;

    public DashScopeKeyPool(IReadOnlyList<string> secrets, DashScopeOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _keys = secrets.Select((s, i) => new PooledKey(i, s, options, time)).ToList();
        _health = _keys.ToDictionary(k => k.Id, _ => new Health());
        _threshold = Math.Max(1, options.KeyFailureThreshold);
        _cooldown = TimeSpan.FromMinutes(options.KeyCooldownMinutes);
    }

    public int Count => _keys.Count;

    /// <summary>The next key in rotation that is not in <paramref name="excluding"/>; null when none is left.</summary>
    public PooledKey? Next(IReadOnlySet<string>? excluding = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < _keys.Count; i++)
            {
                var key = _keys[(_next + i) % _keys.Count];
                if ((excluding is null || !excluding.Contains(key.Id)) && InRotation(_health[key.Id]))
                {
                    _next = (_next + i + 1) % _keys.Count;
                    return key;
                }
            }
            return null;
        }
    }

    /// <summary>The key with this id whatever its rotation state (a task keeps the key its upstream task belongs to).</summary>
    public PooledKey? Find(string id) => _keys.FirstOrDefault(k => k.Id == id);

    public bool IsInRotation(string id)
    {
        lock (_lock)
        {
            return _health.TryGetValue(id, out var h) && InRotation(h);
        }
    }

    public void ReportAccepted(PooledKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            var h = _health[key.Id];
            h.Rejections = 0;
            h.OutUntil = null;
        }
    }

    /// <summary>Counts a rejection; returns true when this one took the key out of the rotation.</summary>
    public bool ReportRejected(PooledKey key, string code, string message)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_lock)
        {
            var h = _health[key.Id];
            h.Rejections++;
            h.LastRejection = $"[{code}] {message}";
            if (h.Rejections >= _threshold && (h.OutUntil is null || h.OutUntil <= _time.GetUtcNow()))
            {
                h.OutUntil = _time.GetUtcNow() + _cooldown;
                // After the cool-down one more rejection is enough to take it out again.
                h.Rejections = _threshold - 1;
                return true;
            }
            return false;
        }
    }

    public IReadOnlyList<KeyState> Snapshot()
    {
        lock (_lock)
        {
            return _keys.Select(k =>
            {
                var h = _health[k.Id];
                var inRotation = InRotation(h);
                return new KeyState(k.Id, k.Label, inRotation, h.Rejections, h.LastRejection, inRotation ? null : h.OutUntil);
            }).ToList();
        }
    }

    private bool InRotation(Health h) => h.OutUntil is not { } until || until <= _time.GetUtcNow();

    private sealed class Health
    {
        public int Rejections { get; set; }
        public string? LastRejection { get; set; }
        public DateTimeOffset? OutUntil { get; set; }
    }
}
