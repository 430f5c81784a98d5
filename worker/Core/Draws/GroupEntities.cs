namespace Campaigns.Core.Draws;

/// <summary>
/// Which drawn entities each inspection group visits, and which group visits each entity, through one index of the draw:
/// looking each one up by a scan of the draw, for every inspector's notice and reminder, was a fifth of a province draw
/// day's engine.
/// </summary>
public static class GroupEntities
{
    /// <summary>The entities each group visits, in the group's order, by group number.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<DrawnEntity>> Of(Draw draw)
    {
        var byUscc = draw.Entities.ToDictionary(e => e.Uscc, StringComparer.Ordinal);
        return draw.Groups.ToDictionary(g => g.Number, g => (IReadOnlyList<DrawnEntity>)[.. g.EntityUsccs.Select(u => byUscc[u])]);
    }

    /// <summary>The group that visits each entity, by USCC (the first, should a damaged draw name an entity twice).</summary>
    public static IReadOnlyDictionary<string, InspectionGroup> GroupOf(Draw draw) =>
        draw.Groups.SelectMany(g => g.EntityUsccs.Select(u => (Uscc: u, Group: g))).DistinctBy(x => x.Uscc)
            .ToDictionary(x => x.Uscc, x => x.Group, StringComparer.Ordinal);
}
