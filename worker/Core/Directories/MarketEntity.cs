namespace Campaigns.Core.Directories;

/// <summary>A market entity in the 检查对象名录库 (004 §12). <see cref="Uscc"/> is the 18-character 统一社会信用代码.</summary>
public sealed record MarketEntity(
    string Uscc,
    string Name,
    string Address,
    string LegalRepresentative,
    string Industry,
    string Region,
    string RiskClass,
    EntityStatus Status);
