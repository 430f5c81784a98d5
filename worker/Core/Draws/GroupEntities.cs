namespace Campaigns.Core.Draws;

/// <summary>
/// The drawn entities each inspection group visits, in the group's order, by group number. Found through one index of
/// the draw: looking each one up by a scan of the draw, for every inspector's notice and reminder, was a fifth of a
/// province draw day's engine.
/// </summary>
public static class GroupEntities
{
    public static IReadOnlyDictionary<int, IReadOnlyList<DrawnEntity>> Of(Draw draw)
    {
        var byUscc = draw.Entities.ToDictionary(e => e.Uscc, StringComparer.Ordinal);
        return draw.Groups.ToDictionary(g => g.Number, g => (IReadOnlyList<DrawnEntity>)[.. g.EntityUsccs.Select(u => byUscc[u])]);
    }
}
