namespace Campaigns.Storage;

/// <summary>
/// The audit trail's last row as one transaction has left it, so that a tick's several batches of audit rows (draws,
/// transitions, flags, documents, messages) take the audit lock and read the head once, not once each: on PostgreSQL
/// those were two round trips a batch, up to ten a plan. Good only inside the transaction that read it (which has no
/// savepoints to roll back to: see CampaignStore.ApplyTogether).
/// </summary>
internal sealed class AuditHead
{
    /// <summary>Whether the lock is held and <see cref="Last"/> read in this transaction.</summary>
    public bool Known { get; private set; }

    /// <summary>The last row (null: the trail is empty).</summary>
    public AuditEntry? Last { get; private set; }

    public void MovedTo(AuditEntry? last) => (Known, Last) = (true, last);
}
