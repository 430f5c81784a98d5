namespace Campaigns.Simulation;

/// <summary>How simulate enters results: within the deadline, after it, or never.</summary>
public enum ResultMode { OnTime, Late, Missing }
