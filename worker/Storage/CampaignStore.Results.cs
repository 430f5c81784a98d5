using System.Data.Common;
using Campaigns.Core.Results;

namespace Campaigns.Storage;

// Results and their corrections: entered from a sheet in one transaction with the read they were checked against.
public sealed partial class CampaignStore
{
    /// <summary>
    /// Reads the campaign's results as they stand, hands them to <paramref name="check"/> (a sheet's validation against
    /// what is already entered), and writes what it accepted, results and corrections, in the same transaction. The
    /// read is taken under the store's write lock (BEGIN IMMEDIATE on SQLite, the audit lock on PostgreSQL), so two
    /// imports of one campaign at once run one after the other: the second is checked against the first's results and
    /// refused where its codes differ, instead of both being checked against the results before either.
    /// </summary>
    public (ResultImport.Outcome Outcome, int Added) EnterResults(string campaignId, string source, Func<IReadOnlyList<ResultEntry>, ResultImport.Outcome> check)
    {
        using var connection = Connect();
        using var transaction = connection.BeginTransaction();
        Run(connection, transaction, _provider.AuditLock);
        var outcome = check(ReadResults(connection, [campaignId], transaction));
        if (outcome.Problems.Count > 0)
        {
            return (outcome, 0);
        }
        var added = InsertResults(connection, transaction, outcome.Entries, source);
        InsertCorrections(connection, transaction, outcome.Corrections, source);
        transaction.Commit();
        return (outcome, added);
    }

    /// <summary>New results; one already entered for the same entity, department and item is left as it is. The count of new ones.</summary>
    private int InsertResults(DbConnection connection, DbTransaction transaction, IReadOnlyList<ResultEntry> entries, string source)
    {
        // One statement for many rows (BulkInsert), not one per row: a province's day of results is tens of thousands of rows,
        // and each statement was compiled anew. RETURNING names the rows that went in; one already there is left as it is.
        var added = BulkInsert.Rows<long>(connection, transaction, "results",
            ["campaign_id", "uscc", "department_id", "item", "code", "inspected_on", "entered_on", "remarks", "inspectors", "handling_opinion", "signed",
                "refusal_reason", "questions_answered", "source"],
            entries.Select(e => new object?[]
            {
                e.CampaignId, e.Uscc, e.DepartmentId, e.Item ?? "", (long)e.Code, Text(e.InspectedOn), Text(e.EnteredOn), e.Remarks,
                e.Inspectors is null ? null : string.Join(";", e.Inspectors), e.HandlingOpinion, e.Signed is null ? null : e.Signed.Value ? 1L : 0L,
                e.RefusalReason, e.QuestionsAnswered ? 1L : 0L, source,
            }),
            "ON CONFLICT (campaign_id, uscc, department_id, item) DO NOTHING RETURNING seq").Count;
        AuditResults(connection, transaction, entries, source, added);
        return added;
    }

    /// <summary>Corrections of entered results, appended; the results themselves never change.</summary>
    private void InsertCorrections(DbConnection connection, DbTransaction transaction, IReadOnlyList<ResultCorrection> corrections, string source)
    {
        BulkInsert.Rows(connection, transaction, "result_corrections",
            ["campaign_id", "uscc", "department_id", "item", "previous_code", "code", "reason", "signed_by", "corrected_on", "source"],
            corrections.Select(c => new object?[]
            {
                c.CampaignId, c.Uscc, c.DepartmentId, c.Item ?? "", (long)c.Previous, (long)c.Code, c.Reason, c.SignedBy, Text(c.CorrectedOn), source,
            }));
        Audit(connection, transaction, _time.GetUtcNow(), source, [.. corrections.Select(c => ("result-corrected", (string?)c.CampaignId, (object)c))]);
    }
}
