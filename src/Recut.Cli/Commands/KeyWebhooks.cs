using Recut.Protocol.Webhooks;
using Recut.Tasks.Keys;
using Recut.Tasks.Webhooks;

namespace Recut.Cli.Commands;

/// <summary>`recut keys update NAME --webhook URL --events … --rotate-webhook-secret`: a managed key's default endpoint.</summary>
internal static class KeyWebhooks
{
    public static async Task UpdateAsync(string db, ApiKeyRecord key, string? url, string? events, bool rotate, CancellationToken ct)
    {
        await using var store = WebhookStoreFactory.Create(db, TimeProvider.System);
        var current = await store.GetEndpointAsync(key.TenantId, ct);
        string? target = current?.Url;
        if (url is not null)
        {
            target = url.Equals("none", StringComparison.OrdinalIgnoreCase)
                ? null
                : WebhookUrl.Normalize(url) ?? throw new ArgumentException($"--webhook must be {WebhookUrl.Expected}, or none.");
        }
        var filter = events is null
            ? current?.Events ?? WebhookEvents.DefaultFilter
            : WebhookEvents.Normalize(events, out var unknown)
                ?? throw new ArgumentException($"--events: '{unknown}' is not an event; use {WebhookEvents.Accepted}.");
        string? secret = null;
        if (url is not null || events is not null)
        {
            secret = await store.SetEndpointAsync(key.TenantId, target, filter, ct);
            System.Console.WriteLine(target is null
                ? $"API key '{key.Name}': no default webhook endpoint."
                : $"API key '{key.Name}': webhook {target} for {filter}.");
        }
        if (rotate)
        {
            secret = await store.RotateSecretAsync(key.TenantId, Server.Endpoints.WebhookSettingsEndpoints.RotationOverlap, ct);
            System.Console.Error.WriteLine("The previous webhook secret keeps signing beside this one for 24 hours.");
        }
        if (secret is not null)
        {
            System.Console.WriteLine("Webhook signing secret (Standard Webhooks, verify webhook-signature with it):");
            System.Console.WriteLine(secret);
            System.Console.Error.WriteLine("Store it now: it is not shown again (rotate with --rotate-webhook-secret).");
        }
    }
}
