using System.Data.Common;
using Campaigns.Core.Results;
using Dapper;

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
        var added = 0;
        foreach (var e in entries)
        {
            added += connection.Execute(
                """
                INSERT INTO results (campaign_id, uscc, department_id, item, code, inspected_on, entered_on, remarks, inspectors, handling_opinion, signed, refusal_reason,
                                     questions_answered, source)
                VALUES (@CampaignId, @Uscc, @DepartmentId, @item, @code, @inspected, @entered, @Remarks, @inspectors, @HandlingOpinion, @signed, @RefusalReason,
                        @answered, @source)
                ON CONFLICT (campaign_id, uscc, department_id, item) DO NOTHING
                """,
                new
                {
                    e.CampaignId, e.Uscc, e.DepartmentId, code = (int)e.Code, inspected = Text(e.InspectedOn), entered = Text(e.EnteredOn), e.Remarks,
                    inspectors = e.Inspectors is null ? null : string.Join(";", e.Inspectors), e.HandlingOpinion, signed = e.Signed is null ? (int?)null : e.Signed.Value ? 1 : 0,
                    e.RefusalReason, source, item = e.Item ?? "", answered = e.QuestionsAnswered ? 1 : 0,
                },
                transaction);
        }
        AuditResults(connection, transaction, entries, source, added);
        return added;
    }

    /// <summary>Corrections of entered results, appended; the results themselves never change.</summary>
    private void InsertCorrections(DbConnection connection, DbTransaction transaction, IReadOnlyList<ResultCorrection> corrections, string source)
    {
        connection.Execute(
            """
            INSERT INTO result_corrections (campaign_id, uscc, department_id, item, previous_code, code, reason, signed_by, corrected_on, source)
            VALUES (@CampaignId, @Uscc, @DepartmentId, @item, @previous, @code, @Reason, @SignedBy, @on, @source)
            """,
            corrections.Select(c => new
            {
                c.CampaignId, c.Uscc, c.DepartmentId, item = c.Item ?? "", previous = (int)c.Previous, code = (int)c.Code, c.Reason, c.SignedBy, on = Text(c.CorrectedOn), source,
            }),
            transaction);
        foreach (var c in corrections)
        {
            Audit(connection, transaction, _time.GetUtcNow(), source, "result-corrected", c.CampaignId, c);
        }
    }
}
