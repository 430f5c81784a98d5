namespace Campaigns.Web;

/// <summary>A page that only says something: a refused link, a page out of the viewer's scope, the console switched off.</summary>
public sealed record MessagePage(ConsoleLayout Layout, string Heading, string Text);
