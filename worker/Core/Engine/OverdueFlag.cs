namespace Campaigns.Core.Engine;

/// <summary>
/// One active problem. <see cref="Scope"/> is the campaign id, or the plan key for office-level flags;
/// <see cref="Subject"/> narrows it (a department id) or is empty. <see cref="Since"/> is the first day it applies.
/// </summary>
public sealed record OverdueFlag(FlagKind Kind, string Scope, string Subject, DateOnly Since, string Detail)
{
    public string Key => $"{Scope}|{Kind.WireName()}|{Subject}";
}
