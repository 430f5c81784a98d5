namespace Campaigns.Storage;

/// <summary>
/// The last text of a plan file that parsed without errors. <see cref="PlanFile"/> is the file's path relative to the
/// plans folder, so the row survives the folder moving; <see cref="Sha256"/> is of the file's bytes, lowercase hex.
/// </summary>
public sealed record LastGoodPlan(string PlanFile, string YamlText, string Sha256, DateTimeOffset AcceptedAt);
