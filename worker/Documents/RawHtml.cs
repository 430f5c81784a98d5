namespace Campaigns.Documents;

/// <summary>Markup a template placed with <c>raw</c> (an SVG chart) or an included partial: written as it is, never escaped.</summary>
public sealed record RawHtml(string Html)
{
    public override string ToString() => Html;
}
