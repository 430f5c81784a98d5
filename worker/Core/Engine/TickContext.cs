using Campaigns.Core.Calendar;
using Campaigns.Core.Plans;

namespace Campaigns.Core.Engine;

/// <summary>
/// The values one tick runs on. <see cref="DefaultSeed"/> is the seed for any draw whose campaign names
/// none (the shell makes it from a secure random source; simulate takes it from --seed).
/// <see cref="JointChecksThisYear"/> counts earlier draws per USCC across every plan of the year; <see cref="DrawsThisYear"/>
/// counts the draws of the year in the store (read only when something draws), and <see cref="DrawsEarlierThisTick"/> those
/// this plan's tick made before the campaign at hand: a new draw is the year's draw number their sum plus one.
/// </summary>
public sealed record TickContext(
    AnnualPlan Plan,
    WorkingCalendar Calendar,
    DateOnly Today,
    DirectorySnapshot? Directory,
    string DefaultSeed,
    IReadOnlyDictionary<string, int> JointChecksThisYear,
    Lazy<int>? DrawsThisYear = null,
    int DrawsEarlierThisTick = 0);
