using System.Security.Cryptography;
using System.Text;
using Campaigns.Core.Draws;
using Campaigns.Core.Engine;

namespace Campaigns.Storage;

/// <summary>What an audit row says about each kind of change: enough to tell what changed, not a copy of every body.</summary>
internal static class AuditDetails
{
    /// <summary>The draw with the hash of the record as stored, so the audit trail pins the record's exact content.</summary>
    public static object Draw(Draw draw, string recordJson) => new
    {
        drawnOn = draw.DrawnOn,
        draw.YearSequence,
        draw.Seed,
        draw.SeedCommitment,
        draw.SeedStatus,
        draw.DirectoryHash,
        entities = draw.Entities.Count,
        inspectors = draw.Groups.Sum(g => g.Members.Count),
        recordSha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(recordJson))),
    };

    public static object Transition(TransitionRecord t) => new
    {
        on = t.On,
        from = t.From.ToString(),
        to = t.To.ToString(),
        trigger = t.Trigger.ToString(),
        t.Detail,
    };

    public static object Flag(OverdueFlag flag) => new { kind = flag.Kind.WireName(), flag.Scope, flag.Subject, since = flag.Since, flag.Detail };

    public static object Queued(OutboxMessage message) => new
    {
        key = message.IdempotencyKey,
        message.Kind,
        recipient = message.RecipientEmail,
        message.Subject,
        message.Attachments,
    };
}
