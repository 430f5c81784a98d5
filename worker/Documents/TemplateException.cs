namespace Campaigns.Documents;

/// <summary>A template that cannot be compiled or rendered; the message names the template and the field.</summary>
public sealed class TemplateException(string message, Exception? inner = null) : Exception(message, inner);
