namespace Campaigns.Core.Directories;

/// <summary>Registration status; only active entities are eligible for a draw.</summary>
public enum EntityStatus { Active, Deregistered, Revoked }
