namespace Campaigns.Web;

/// <summary>The admin's login form; offices, departments and leaders are told to use the link in their mail.</summary>
public sealed record LoginPage(ConsoleLayout Layout, string User, string? Error, bool Enabled);
