namespace Campaigns.Core.Calendar;

/// <summary>A computed working day; provisional when the count ran through a year with no holiday notice yet.</summary>
public readonly record struct WorkingDay(DateOnly Date, bool Provisional);
