namespace Campaigns.Storage;

/// <summary>A flag as stored; active while <see cref="ClearedOn"/> is null.</summary>
public sealed record FlagRow(string FlagKey, string Scope, string Kind, string Subject, string Since, string Detail, string RaisedOn, string? ClearedOn);
