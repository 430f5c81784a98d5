namespace Campaigns.Core.Plans;

/// <summary>The field names a plan file may use, per mapping; plan.schema.json must list the same (a test checks).</summary>
public static class PlanKeys
{
    public static readonly IReadOnlyList<string> Root = ["year", "office", "leaders", "breach_reports", "departments", "rules", "campaigns"];
    public static readonly IReadOnlyList<string> BreachReports = ["every", "escalate_after_working_days", "escalate_to"];
    public static readonly IReadOnlyList<string> Office = ["name", "timezone", "publish_by", "published_on", "contacts"];
    public static readonly IReadOnlyList<string> Contact = ["name", "email", "phone"];
    public static readonly IReadOnlyList<string> Department = ["id", "name", "contacts", "frequency"];
    public static readonly IReadOnlyList<string> Frequency = ["min_per_year", "max_per_year", "max_gap_months", "basis"];
    public static readonly IReadOnlyList<string> Rules =
        [
            "result_entry_working_days", "publicity_working_days", "publicity_by", "bulletin_working_days", "list_confirmation_working_days",
            "check_item_change_working_days", "max_joint_checks_per_entity_per_year", "min_inspectors_per_entity", "reminders",
        ];

    /// <summary>Milestones a reminder can precede; plan_publication counts calendar days, the others working days.</summary>
    public static readonly IReadOnlyList<string> Reminders =
        ["plan_publication", "draw", "window_start", "result_entry_deadline", "publicity_deadline", "bulletin_deadline", "summary_due"];
    public static readonly IReadOnlyList<string> Campaign =
    [
        "id", "name", "lead", "participants", "scope", "sampling", "inspectors_per_department", "groups", "items", "draw_on", "window",
        "announce_to_entities", "summary_due", "rules", "seed", "seed_commitment", "seed_recommitment", "cancelled",
    ];
    public static readonly IReadOnlyList<string> Scope = ["industry", "region"];
    public static readonly IReadOnlyList<string> Sampling = ["ratio", "minimum", "by_risk"];
    public static readonly IReadOnlyList<string> Window = ["start", "end"];
    public static readonly IReadOnlyList<string> Cancelled = ["reason"];
    public static readonly IReadOnlyList<string> SeedRecommitment = ["replaces", "reason", "approved_by"];
}
