namespace Recut.Tasks;

/// <summary>
/// A create refused because too many tasks are already waiting: the tenant's own PENDING tasks (<see cref="WholeService"/>
/// false) or those of every tenant together (true). Nothing is stored; the client may retry later (API.md §6).
/// </summary>
public sealed class QueueFullException(string tenantId, bool wholeService, int limit)
    : Exception(wholeService
        ? $"The service already has {limit} tasks waiting."
        : $"This API key already has {limit} tasks waiting.")
{
    public string TenantId { get; } = tenantId;
    public bool WholeService { get; } = wholeService;
    public int Limit { get; } = limit;
}
