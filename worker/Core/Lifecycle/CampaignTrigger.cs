namespace Campaigns.Core.Lifecycle;

public enum CampaignTrigger
{
    Publish,
    Draw,
    Notify,
    StartInspection,
    CloseWindow,
    Publicize,
    Report,
    Archive,
    Cancel,
}
