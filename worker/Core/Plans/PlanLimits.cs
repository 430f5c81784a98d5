namespace Campaigns.Core.Plans;

/// <summary>
/// The range of every number and the length of every name a plan may give. Without them a typo such as 2147483647
/// working days passes the parser and then overflows date arithmetic in every tick. Each bound is well beyond anything
/// the rules (RULES.md) or a real office needs, and well inside what the arithmetic and the file system take.
/// plan.schema.json gives the same numbers (a test checks), so an editor flags them as the admin types.
/// </summary>
public static class PlanLimits
{
    /// <summary>
    /// Working-day periods (result entry 20, publicity 15 by the rules; escalation after a few): about a year of
    /// working days is 250. A deadline further out than that falls past the plan's next year, which no rule asks for.
    /// </summary>
    public const int MaxWorkingDays = 250;

    /// <summary>A reminder is sent at most three months (60 working days) before its milestone: earlier it is noise.</summary>
    public const int MaxReminderWorkingDays = 60;

    /// <summary>Plan publication reminders count calendar days: at most 90, the first quarter before the 31 March deadline.</summary>
    public const int MaxReminderCalendarDays = 90;

    /// <summary>Reminders per milestone: the defaults use at most four; ten lets an office add more without mailing daily.</summary>
    public const int MaxRemindersPerMilestone = 10;

    /// <summary>Joint checks per entity per year: the rules say two (001 (九)); one a month is the most any office could mean.</summary>
    public const int MaxJointChecksPerEntityPerYear = 12;

    /// <summary>A department's joint checks a year: 004 §9 asks 6; weekly (52) is the most a frequency rule could mean.</summary>
    public const int MaxCampaignsPerYear = 52;

    /// <summary>The longest gap between a department's draws: a year (12 months) is the widest a gap rule can be inside one plan.</summary>
    public const int MaxGapMonths = 12;

    /// <summary>Inspectors per entity: the rules ask for two (001 (十)); 20 is more than any inspection group holds.</summary>
    public const int MaxInspectorsPerEntity = 20;

    /// <summary>Inspectors drawn per department (per group): 50 exceeds a county department's whole enforcement staff.</summary>
    public const int MaxInspectorsPerDepartment = 50;

    /// <summary>Inspection groups of one campaign: 500 groups would already be more groups than most directories have entities.</summary>
    public const int MaxGroups = 500;

    /// <summary>The least number of entities drawn: 100,000 is beyond any county's directory of one industry.</summary>
    public const int MaxSamplingMinimum = 100_000;

    /// <summary>
    /// Ids name folders and files (documents/{year}/{campaign id}/…); 64 ASCII characters keep every document's name well
    /// inside the 255-byte limit of a file name.
    /// </summary>
    public const int MaxIdLength = 64;

    /// <summary>
    /// The office name names a folder (documents/{year}/{office}/) and every mail's signature: 60 Chinese characters are 180
    /// bytes in UTF-8, inside the 255-byte file-name limit (86 were not). Department names go the same way into letters.
    /// </summary>
    public const int MaxNameLength = 60;

    /// <summary>A campaign's name, a check item, a scope: text for documents and subjects, 200 characters is a paragraph.</summary>
    public const int MaxTextLength = 200;

    /// <summary>Dates: the plan's year is 2000–2100 and deadlines run into the next year; anything outside is a typo.</summary>
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);

    public static readonly DateOnly LatestDate = new(2101, 12, 31);
}
