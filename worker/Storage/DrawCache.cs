using System.Collections.Concurrent;
using System.Text.Json;
using Campaigns.Core.Draws;

namespace Campaigns.Storage;

/// <summary>
/// Draws deserialized once per process instead of on every tick: a province's 2,000 draw records were half of a tick
/// with nothing due. A record never changes once written, but a restored backup may hold a different one under the same
/// campaign, so an entry is keyed by what the store says of the row without sending its text: the campaign, the draw
/// day and the record's length. Substitutions are not cached; they apply on top on every read.
/// </summary>
internal sealed class DrawCache(JsonSerializerOptions json)
{
    private readonly ConcurrentDictionary<string, (string DrawnOn, long Length, Draw Draw)> _draws = new(StringComparer.Ordinal);

    /// <summary>The cached draw for the row, or null when the row is new or differs from what was cached.</summary>
    public Draw? Find(string campaignId, string drawnOn, long length) =>
        _draws.TryGetValue(campaignId, out var cached) && cached.DrawnOn == drawnOn && cached.Length == length ? cached.Draw : null;

    public Draw Add(string campaignId, string drawnOn, long length, string recordJson)
    {
        var draw = JsonSerializer.Deserialize<Draw>(recordJson, json)!;
        _draws[campaignId] = (drawnOn, length, draw);
        return draw;
    }
}
