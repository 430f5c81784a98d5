namespace Campaigns.Core.Lifecycle;

/// <summary>The one persisted state of a campaign. Overdue is not a state: see the engine's flags.</summary>
public enum CampaignState
{
    Draft,
    Published,
    Drawn,
    Notified,
    Inspecting,
    ResultEntry,
    AwaitingPublication,
    Publicized,
    Reported,
    Archived,
    Cancelled,
}
