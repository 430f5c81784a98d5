namespace Campaigns.Core.Plans;

/// <summary>A department taking part in the office's joint spot checks; <see cref="Id"/> is the plan's short key.</summary>
public sealed record Department(string Id, string Name, IReadOnlyList<Contact> Contacts);
