using Microsoft.Extensions.Options;
using Recut.Media.Rules;
using Recut.Server.Auth;
using Recut.Server.Configuration;

namespace Recut.Server.Uploads;

/// <summary>
/// Per-key upload storage limits: bytes uploaded per UTC day and bytes of unexpired uploads held at once (a managed
/// key's own values, else the server's). What the store holds is the source of truth (<see cref="UploadStore.UsageOfAsync"/>:
/// uploads are kept for the retention window and cannot be deleted early, so the files arrived today are the day's
/// total); uploads in flight are reserved here, under one lock, before their bytes are written, so parallel uploads
/// cannot pass a limit together. A failed upload gives its reservation back. With several API processes on one data
/// folder or bucket each sees the others' finished uploads within <see cref="RescanAfter"/>, not their uploads in flight.
/// The store is read when an allowance opens (asynchronously, outside the lock); reservations use what was read.
/// </summary>
public sealed class UploadQuota(UploadStore store, IOptions<RecutOptions> options, TimeProvider time)
{
    /// <summary>How long a tenant's disk totals are trusted before they are read again (when nothing is in flight).</summary>
    public static readonly TimeSpan RescanAfter = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Ledger> _ledgers = new(StringComparer.Ordinal);

    /// <summary>
    /// The caller's allowance for one upload, with the tenant's stored totals read again first when they are stale (or a
    /// new UTC day began) and nothing of theirs is in flight. Dispose it, and <see cref="Allowance.Commit"/> it when the
    /// file is stored.
    /// </summary>
    public async Task<Allowance> OpenAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (NeedsScan(caller.TenantId) is { } scan)
        {
            var usage = await store.UsageOfAsync(caller.TenantId, ct);
            Apply(caller.TenantId, usage, scan.StartedAt, scan.Changes);
        }
        return new Allowance(this, caller.TenantId,
            Bytes(caller.Limits.UploadDailyMb ?? options.Value.UploadDailyMb),
            Bytes(caller.Limits.UploadHeldMb ?? options.Value.UploadHeldMb));
    }

    /// <summary>Forgets the disk totals (after a sweep deleted expired uploads); tenants with uploads in flight keep theirs.</summary>
    public void Invalidate()
    {
        lock (_gate)
        {
            foreach (var ledger in _ledgers.Values)
            {
                ledger.ScannedAt = DateTimeOffset.MinValue;
            }
        }
    }

    private static long? Bytes(int megabytes) => megabytes > 0 ? megabytes * MediaLimits.MiB : null;

    private void Reserve(Allowance allowance, long bytes)
    {
        lock (_gate)
        {
            var ledger = Current(allowance.TenantId);
            if (allowance.HeldLimit is { } held && ledger.DiskHeld + ledger.InFlight + bytes > held)
            {
                throw new UploadQuotaExceededException(daily: false, held);
            }
            if (allowance.DailyLimit is { } daily && ledger.DiskToday + ledger.InFlight + bytes > daily)
            {
                throw new UploadQuotaExceededException(daily: true, daily);
            }
            ledger.InFlight += bytes;
            ledger.Changes++;
        }
    }

    private void Settle(string tenantId, long reserved, long stored)
    {
        lock (_gate)
        {
            var ledger = Current(tenantId);
            ledger.InFlight = Math.Max(0, ledger.InFlight - reserved);
            ledger.DiskHeld += stored;
            ledger.DiskToday += stored;
            ledger.Changes++;
        }
    }

    /// <summary>
    /// When the tenant's totals are stale and nothing is in flight: the time the scan starts at and the ledger's change
    /// count then; else null.
    /// </summary>
    private (DateTimeOffset StartedAt, long Changes)? NeedsScan(string tenantId)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var ledger = Current(tenantId);
            return ledger.InFlight == 0 && (ledger.Day != DateOnly.FromDateTime(now.UtcDateTime) || now - ledger.ScannedAt > RescanAfter)
                ? (now, ledger.Changes)
                : null;
        }
    }

    /// <summary>
    /// Takes a scan's totals, unless an upload began, or began and finished, meanwhile: its bytes may or may not be in
    /// them, and a scan that read the store before an upload landed would otherwise wipe that upload from the ledger.
    /// </summary>
    private void Apply(string tenantId, (long HeldBytes, long TodayBytes) usage, DateTimeOffset scanStarted, long changesAtStart)
    {
        lock (_gate)
        {
            var ledger = Current(tenantId);
            // A scan starts with nothing in flight, so any reservation since then shows in the change count.
            if (ledger.Changes != changesAtStart)
            {
                return;
            }
            ledger.DiskHeld = usage.HeldBytes;
            ledger.DiskToday = usage.TodayBytes;
            ledger.Day = DateOnly.FromDateTime(scanStarted.UtcDateTime);
            ledger.ScannedAt = scanStarted;
        }
    }

    /// <summary>The tenant's ledger (under the lock); a new UTC day since it was read starts the day's count at zero.</summary>
    private Ledger Current(string tenantId)
    {
        if (!_ledgers.TryGetValue(tenantId, out var ledger))
        {
            ledger = new Ledger();
            _ledgers[tenantId] = ledger;
        }
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (ledger.Day != day && ledger.ScannedAt != DateTimeOffset.MinValue)
        {
            ledger.DiskToday = 0;
            ledger.Day = day;
            ledger.ScannedAt = DateTimeOffset.MinValue; // read again at the next opening with nothing in flight
        }
        return ledger;
    }

    private sealed class Ledger
    {
        public long DiskHeld;
        public long DiskToday;
        public long InFlight;
        /// <summary>Reservations and settlements so far: a scan is taken only if none happened while it read the store.</summary>
        public long Changes;
        public DateOnly Day;
        public DateTimeOffset ScannedAt = DateTimeOffset.MinValue;
    }

    /// <summary>
    /// One upload's reservation. <see cref="EnsureReserved"/> grows it ahead of the bytes written (or all at once from
    /// Content-Length); <see cref="Commit"/> turns it into the stored size; disposing an uncommitted one releases it.
    /// </summary>
    public sealed class Allowance : IDisposable
    {
        private readonly UploadQuota _quota;
        private long _reserved;
        private bool _settled;

        internal Allowance(UploadQuota quota, string tenantId, long? dailyLimit, long? heldLimit)
        {
            _quota = quota;
            TenantId = tenantId;
            DailyLimit = dailyLimit;
            HeldLimit = heldLimit;
        }

        public string TenantId { get; }
        public long? DailyLimit { get; }
        public long? HeldLimit { get; }

        /// <summary>Makes sure at least <paramref name="total"/> bytes are reserved; throws <see cref="UploadQuotaExceededException"/> if that passes a limit.</summary>
        public void EnsureReserved(long total)
        {
            ObjectDisposedException.ThrowIf(_settled, this);
            if (total > _reserved)
            {
                _quota.Reserve(this, total - _reserved);
                _reserved = total;
            }
        }

        /// <summary>The upload is stored with <paramref name="storedBytes"/>: they count; any surplus reservation (multipart framing) goes back.</summary>
        public void Commit(long storedBytes)
        {
            ObjectDisposedException.ThrowIf(_settled, this);
            _settled = true;
            _quota.Settle(TenantId, _reserved, storedBytes);
        }

        public void Dispose()
        {
            if (!_settled)
            {
                _settled = true;
                _quota.Settle(TenantId, _reserved, 0);
            }
        }
    }
}
