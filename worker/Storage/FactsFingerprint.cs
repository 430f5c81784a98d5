namespace Campaigns.Storage;

/// <summary>
/// What the store's <c>fact_changes</c> (<see cref="FactChangesMigration"/>) hold for one plan's scopes: how many changes
/// (the rows' weights, a folded row standing for many), the last row's id and the sum of their random tokens. Rows are only
/// ever appended or folded, and a fold keeps all three, so while it stays equal no fact of the plan was written, by this
/// process or any other.
/// </summary>
public readonly record struct FactsFingerprint(long Changes, long Last, long Tokens);
