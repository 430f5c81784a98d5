namespace Campaigns.Core.Draws;

/// <summary>
/// What decides how inspectors are drawn and grouped: recorded in the draw with <see cref="EntityRule"/>, so anyone
/// holding the record and the inspector directory can recompute the groups too. <see cref="Departments"/> are in the
/// plan's order, lead department first; an inspector belongs to a department when their 单位 is its id or its name.
/// Each department needs <see cref="MinimumPerDepartment"/> qualified inspectors (004 §14: at least 4).
/// </summary>
public sealed record InspectorRule(
    int Groups, int InspectorsPerDepartment, string LeadDepartment, IReadOnlyList<DrawDepartment> Departments, int MinimumPerDepartment = 4);
