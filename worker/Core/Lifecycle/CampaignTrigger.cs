namespace Campaigns.Core.Lifecycle;

public enum CampaignTrigger
{
    Publish,
    Draw,
    Notify,
    StartInspection,
    CloseWindow,
    PreparePublicity,
    Publicize,
    Report,
    Archive,
    Cancel,
}
