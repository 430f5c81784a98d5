namespace Campaigns.Core.Plans;

/// <summary>
/// The office that runs the plan (领导小组办公室). <see cref="PublishedOn"/> is the date the admin
/// records once the plan has actually been published; until then the plan counts as unpublished.
/// </summary>
public sealed record Office(
    string Name,
    string TimeZone,
    DateOnly PublishBy,
    DateOnly? PublishedOn,
    IReadOnlyList<Contact> Contacts);
