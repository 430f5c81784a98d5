using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// A change of a published plan's check-item list as the store recorded it when the new plan version was accepted:
/// <see cref="Sequence"/> numbers it for `publish-check-items --change`; <see cref="Publication"/> is the office's
/// confirmation that it was made public; <see cref="DocumentIssued"/> whether its document was written already.
/// </summary>
public sealed record RecordedCheckItemChange(long Sequence, DateOnly ChangedOn, CheckItemChange Change, Publication? Publication, bool DocumentIssued);
