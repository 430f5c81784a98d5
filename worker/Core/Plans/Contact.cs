namespace Campaigns.Core.Plans;

public sealed record Contact(string Name, string? Email, string? Phone);
