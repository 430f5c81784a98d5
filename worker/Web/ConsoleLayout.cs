namespace Campaigns.Web;

/// <summary>What every console page prints around its content: the title, who is looking, where they can go, the form token.</summary>
public sealed record ConsoleLayout(string Title, string? Who, IReadOnlyList<NavLink> Links, string? FormToken, string? Notice = null);

public sealed record NavLink(string Href, string Text);
