using System.Text.Json.Serialization;

namespace Campaigns.Simulation;

/// <summary>One thing that happened on one simulated day, as simulate prints it.</summary>
public sealed record SimulationEvent(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("campaign")] string? Campaign,
    [property: JsonPropertyName("event")] string Event,
    [property: JsonPropertyName("from-state")] string? FromState,
    [property: JsonPropertyName("to-state")] string? ToState,
    [property: JsonPropertyName("detail")] string Detail);
