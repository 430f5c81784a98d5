namespace Campaigns.Web;

/// <summary>A token checked: the grant it carries, or why it is refused (in Chinese, for the page that says so).</summary>
public sealed record LinkCheck(ConsoleGrant? Grant, string? Refusal)
{
    public static LinkCheck Refused(string why) => new(null, why);
}
