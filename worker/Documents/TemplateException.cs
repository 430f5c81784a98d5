namespace Campaigns.Documents;

/// <summary>
/// A template that cannot be compiled or rendered. The message is for the operator reading the log:
/// "path/to/x.sbn-html:line:column: what", one line per problem, naming the field when a value is missing.
/// </summary>
public sealed class TemplateException(string message, Exception? inner = null) : Exception(message, inner);
