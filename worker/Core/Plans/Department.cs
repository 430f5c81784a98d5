namespace Campaigns.Core.Plans;

/// <summary>
/// A department taking part in the office's joint spot checks; <see cref="Id"/> is the plan's short key. Its
/// <see cref="Frequency"/> is the plan's `frequency:` for it, or the general rule of 003 §9 (<see cref="Plans.Frequency.Default"/>).
/// </summary>
public sealed record Department(string Id, string Name, IReadOnlyList<Contact> Contacts, Frequency? OwnFrequency = null)
{
    public Frequency Frequency => OwnFrequency ?? Frequency.Default;
}
