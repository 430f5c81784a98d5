namespace Campaigns.Storage;

/// <summary>
/// How far the audit trail's hash chain was found to hold: its last row checked (seq 0 and the genesis hash for an empty
/// trail), or the seq of the first row that breaks it. Checking again from a checkpoint reads only the rows appended since.
/// </summary>
public sealed record AuditCheckpoint(long Seq, string Hash, long? BrokenAt);
