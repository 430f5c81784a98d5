using Campaigns.Core.Plans;

namespace Campaigns.Core.Paths;

/// <summary>
/// The folders under the documents root, relative and with forward slashes. Every segment that comes from plan data goes
/// through <see cref="PortableName"/>; the year is a number.
/// </summary>
public static class DocumentPaths
{
    /// <summary>One campaign's documents: draw record, letters, forms, statistics, archive.</summary>
    public static string CampaignFolder(int year, string campaignId) => $"{year}/{PortableName.Segment(campaignId)}";

    /// <summary>The office's own documents (its plan's publication, its check-item list changes): one worker runs many offices' plans.</summary>
    public static string OfficeFolder(AnnualPlan plan) => $"{plan.Year}/{PortableName.Segment(plan.Office.Name)}";
}
