namespace Campaigns.Web;

/// <summary>
/// What a grant lets its holder see. A contact sees the office-years and departments whose contact list holds their
/// address in the plans as they stand now; a leader the breaches of the plans that name them a leader or the level above;
/// the admin everything.
/// </summary>
public enum ConsoleRole
{
    Contact,
    Leader,
    Admin,
}
