namespace Campaigns.Storage;

/// <summary>
/// The schema as numbered steps, applied in order at start. Never edit a released step: add one.
/// Dates are ISO text (yyyy-MM-dd), instants ISO 8601 with offset, so the file reads well in any SQLite tool.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<string> Steps { get; } =
    [
        """
        CREATE TABLE campaigns (
            id TEXT PRIMARY KEY,
            plan_key TEXT NOT NULL,
            year INTEGER NOT NULL,
            state TEXT NOT NULL,
            archive_requested_on TEXT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE transitions (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign_id TEXT NOT NULL REFERENCES campaigns(id),
            on_date TEXT NOT NULL,
            from_state TEXT NOT NULL,
            to_state TEXT NOT NULL,
            trigger TEXT NOT NULL,
            detail TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            instance TEXT NOT NULL
        );
        CREATE TABLE draws (
            campaign_id TEXT PRIMARY KEY REFERENCES campaigns(id),
            year INTEGER NOT NULL,
            drawn_on TEXT NOT NULL,
            record_json TEXT NOT NULL
        );
        CREATE TABLE drawn_entities (
            campaign_id TEXT NOT NULL REFERENCES draws(campaign_id),
            year INTEGER NOT NULL,
            uscc TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (campaign_id, uscc)
        );
        CREATE INDEX drawn_entities_year ON drawn_entities(year, uscc);
        CREATE TABLE results (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign_id TEXT NOT NULL,
            uscc TEXT NOT NULL,
            department_id TEXT NOT NULL,
            code INTEGER NOT NULL,
            inspected_on TEXT NOT NULL,
            entered_on TEXT NOT NULL,
            remarks TEXT NULL,
            source TEXT NOT NULL,
            UNIQUE (campaign_id, uscc, department_id)
        );
        CREATE TABLE flags (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            flag_key TEXT NOT NULL,
            scope TEXT NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            since TEXT NOT NULL,
            detail TEXT NOT NULL,
            raised_on TEXT NOT NULL,
            cleared_on TEXT NULL
        );
        CREATE UNIQUE INDEX flags_active ON flags(flag_key) WHERE cleared_on IS NULL;
        CREATE TABLE documents (
            path TEXT PRIMARY KEY,
            campaign_id TEXT NULL,
            sha256 TEXT NOT NULL,
            written_at TEXT NOT NULL
        );
        CREATE TABLE deliveries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            idempotency_key TEXT NOT NULL UNIQUE,
            kind TEXT NOT NULL,
            campaign_id TEXT NULL,
            recipient_name TEXT NOT NULL,
            recipient_email TEXT NOT NULL,
            subject TEXT NOT NULL,
            text_body TEXT NOT NULL,
            html_body TEXT NULL,
            attachments_json TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            created_at TEXT NOT NULL,
            sent_at TEXT NULL,
            last_error TEXT NULL
        );
        CREATE INDEX deliveries_pending ON deliveries(state, next_attempt_at);
        """,
        """
        CREATE TABLE substitutions (
            campaign_id TEXT NOT NULL REFERENCES draws(campaign_id),
            sequence INTEGER NOT NULL,
            record_json TEXT NOT NULL,
            PRIMARY KEY (campaign_id, sequence)
        );
        """,
        """
        -- The reminders a delivery covers: a digest covers several, any other delivery covers its own key. A reminder
        -- key is owed once, whichever delivery carried it.
        CREATE TABLE delivery_items (
            item_key TEXT PRIMARY KEY,
            delivery_key TEXT NOT NULL REFERENCES deliveries(idempotency_key)
        );
        INSERT INTO delivery_items (item_key, delivery_key) SELECT idempotency_key, idempotency_key FROM deliveries;
        """,
        """
        -- The office's confirmation that a campaign's results were published (公示), which moves the campaign on.
        CREATE TABLE publications (
            campaign_id TEXT PRIMARY KEY REFERENCES campaigns(id),
            url TEXT NOT NULL,
            published_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        """,
        """
        -- Who inspected, the handling opinion and the entity's signature (or refusal) per result; corrections are
        -- appended, never written over the result (001 四(四), 003 §22).
        ALTER TABLE results ADD COLUMN inspectors TEXT NULL;
        ALTER TABLE results ADD COLUMN handling_opinion TEXT NULL;
        ALTER TABLE results ADD COLUMN signed INTEGER NULL;
        ALTER TABLE results ADD COLUMN refusal_reason TEXT NULL;
        CREATE TABLE result_corrections (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign_id TEXT NOT NULL,
            uscc TEXT NOT NULL,
            department_id TEXT NOT NULL,
            previous_code INTEGER NOT NULL,
            code INTEGER NOT NULL,
            reason TEXT NOT NULL,
            signed_by TEXT NOT NULL,
            corrected_on TEXT NOT NULL,
            source TEXT NOT NULL
        );
        """,
        """
        -- Append-only and hash-chained (AuditTrail): hash = SHA-256 over the row's canonical string, which includes the
        -- previous row's hash, so changing, removing or reordering a past row breaks the chain from there on. The
        -- triggers stop an accidental UPDATE or DELETE; the chain is what catches one made around them.
        CREATE TABLE audit_trail (
            seq INTEGER PRIMARY KEY,
            at TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            campaign_id TEXT NULL,
            detail_json TEXT NOT NULL,
            previous_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        );
        CREATE INDEX audit_trail_campaign ON audit_trail(campaign_id, seq);
        CREATE TRIGGER audit_trail_no_update BEFORE UPDATE ON audit_trail BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END;
        CREATE TRIGGER audit_trail_no_delete BEFORE DELETE ON audit_trail BEGIN SELECT RAISE(ABORT, 'audit_trail is append-only'); END;
        """,
        """
        -- How a department closed the follow-up of a problem it found (后续处理); appended, the last one counts.
        CREATE TABLE follow_up_closures (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign_id TEXT NOT NULL,
            uscc TEXT NOT NULL,
            department_id TEXT NOT NULL,
            action TEXT NOT NULL,
            note TEXT NOT NULL,
            closed_on TEXT NOT NULL
        );
        """,
        """
        -- A result per check item (检查事项): '' is a result for all the department's items. SQLite cannot change a
        -- table's UNIQUE constraint, so the table is rebuilt with the item in the key.
        CREATE TABLE results_by_item (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            campaign_id TEXT NOT NULL,
            uscc TEXT NOT NULL,
            department_id TEXT NOT NULL,
            item TEXT NOT NULL DEFAULT '',
            code INTEGER NOT NULL,
            inspected_on TEXT NOT NULL,
            entered_on TEXT NOT NULL,
            remarks TEXT NULL,
            source TEXT NOT NULL,
            inspectors TEXT NULL,
            handling_opinion TEXT NULL,
            signed INTEGER NULL,
            refusal_reason TEXT NULL,
            UNIQUE (campaign_id, uscc, department_id, item)
        );
        INSERT INTO results_by_item (seq, campaign_id, uscc, department_id, code, inspected_on, entered_on, remarks, source,
                                     inspectors, handling_opinion, signed, refusal_reason)
        SELECT seq, campaign_id, uscc, department_id, code, inspected_on, entered_on, remarks, source,
               inspectors, handling_opinion, signed, refusal_reason FROM results;
        DROP TABLE results;
        ALTER TABLE results_by_item RENAME TO results;
        ALTER TABLE result_corrections ADD COLUMN item TEXT NOT NULL DEFAULT '';
        """,
        """
        -- Whether the inspectors answered the entity's questions on site (现场解答疑难问题, seed 002's statistics table).
        ALTER TABLE results ADD COLUMN questions_answered INTEGER NOT NULL DEFAULT 0;
        """,
        ClusterSupport,
        LastGoodPlans,
        SeedCommitments,
        Confirmations,
        DeliveryJobs,
        PublicityAndCheckItems,
        ConsoleRevocations,
        FactChangesMigration.Sqlite,
        ActiveFlagsByScope,
        CampaignHistoryIndexes,
        """
        -- A message's bodies packed (MailBodies): rows queued from now on leave text_body empty and html_body null.
        ALTER TABLE deliveries ADD COLUMN bodies BLOB NULL;
        """,
        FactChangesMigration.SqliteWeights,
        ArchiveMilestoneIndexes,
        // Step 23 (see PostgresMigrations): SQLite cannot drop a constraint, so the tables are built again without it.
        """
        CREATE TABLE drawn_entities_unchecked (
            campaign_id TEXT NOT NULL,
            year INTEGER NOT NULL,
            uscc TEXT NOT NULL,
            position INTEGER NOT NULL,
            PRIMARY KEY (campaign_id, uscc)
        );
        INSERT INTO drawn_entities_unchecked (campaign_id, year, uscc, position) SELECT campaign_id, year, uscc, position FROM drawn_entities;
        DROP TABLE drawn_entities;
        ALTER TABLE drawn_entities_unchecked RENAME TO drawn_entities;
        CREATE INDEX drawn_entities_year ON drawn_entities(year, uscc);
        CREATE TABLE delivery_items_unchecked (
            item_key TEXT PRIMARY KEY,
            delivery_key TEXT NOT NULL
        );
        INSERT INTO delivery_items_unchecked (item_key, delivery_key) SELECT item_key, delivery_key FROM delivery_items;
        INSERT OR IGNORE INTO delivery_items_unchecked (item_key, delivery_key) SELECT idempotency_key, idempotency_key FROM deliveries;
        DROP TABLE delivery_items;
        ALTER TABLE delivery_items_unchecked RENAME TO delivery_items;
        """,
    ];

    /// <summary>Step 10, the same text on both providers.</summary>
    public const string ClusterSupport =
        """
        -- A tick applies only if no other tick of the same plan applied since it read the facts (the version it read
        -- is still the version stored), so two instances can never both apply a day's transitions and messages.
        CREATE TABLE plan_ticks (
            plan_key TEXT PRIMARY KEY,
            version BIGINT NOT NULL
        );
        -- Every applied tick: which instance ticked which plan for which office day.
        CREATE TABLE tick_log (
            plan_key TEXT NOT NULL,
            version BIGINT NOT NULL,
            on_date TEXT NOT NULL,
            instance TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (plan_key, version)
        );
        -- The outbox claim reads the oldest pending row; without this it walks every row ever sent.
        CREATE INDEX deliveries_due ON deliveries(id) WHERE state = 'pending';
        """;

    /// <summary>Step 11, the same text on both providers.</summary>
    public const string LastGoodPlans =
        """
        -- The last text of each plan file that parsed without errors, keyed by its path relative to the plans folder:
        -- what runs while the file is broken, also in a process that starts (or a second instance that joins) meanwhile.
        CREATE TABLE last_good_plans (
            plan_file TEXT PRIMARY KEY,
            yaml_text TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            accepted_at TEXT NOT NULL
        );
        """;

    /// <summary>Step 12, the same text on both providers.</summary>
    public const string SeedCommitments =
        """
        -- Each campaign's seed commitments as first seen: sequence 1 is the first commitment the worker saw, each later row an
        -- explicit re-commitment (replaces, reason, approved_by). Append-only: a commitment, once seen, is final.
        CREATE TABLE seed_commitments (
            campaign_id TEXT NOT NULL,
            sequence BIGINT NOT NULL,
            commitment TEXT NOT NULL,
            first_seen_at TEXT NOT NULL,
            plan_file TEXT NOT NULL,
            plan_sha256 TEXT NOT NULL,
            seed_revealed_with_it BIGINT NOT NULL,
            replaces TEXT NULL,
            reason TEXT NULL,
            approved_by TEXT NULL,
            PRIMARY KEY (campaign_id, sequence)
        );
        """;

    /// <summary>Step 13 (after SeedCommitments, step 12), the same text on both providers: confirmations some seeds ask for and others do not.</summary>
    public const string Confirmations =
        """
        -- An office that follows 001 (十一) confirms its own bulletin (一抽查一通报) apart from the results' publicity:
        -- where and on which day, once per campaign.
        CREATE TABLE bulletins (
            campaign_id TEXT PRIMARY KEY REFERENCES campaigns(id),
            url TEXT NOT NULL,
            published_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL
        );
        -- Under 002 五(三)2 each department confirms receipt of its dispatched list (entities and inspectors), once.
        CREATE TABLE list_confirmations (
            campaign_id TEXT NOT NULL REFERENCES campaigns(id),
            department_id TEXT NOT NULL,
            confirmed_on TEXT NOT NULL,
            confirmed_by TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (campaign_id, department_id)
        );
        """;

    /// <summary>Step 14, the same text on both providers.</summary>
    public const string DeliveryJobs =
        """
        -- The Hangfire job that owns a row: its retries after a failure of its own, then its dead letter (a Failed job on
        -- the dashboard, which `deliveries retry` requeues). Null while the row waits for a pass.
        ALTER TABLE deliveries ADD COLUMN job_id TEXT NULL;
        """;

    /// <summary>
    /// Step 15 (after DeliveryJobs, step 14), the same text on both providers: each department's own publicity
    /// (谁检查、谁录入、谁公示), and the changes of a published plan's check-item list with their publication (004 §8).
    /// </summary>
    public const string PublicityAndCheckItems =
        """
        -- Under `publicity_by: department` each department confirms its own results' publicity, once.
        CREATE TABLE department_publications (
            campaign_id TEXT NOT NULL REFERENCES campaigns(id),
            department_id TEXT NOT NULL,
            url TEXT NOT NULL,
            published_on TEXT NOT NULL,
            recorded_at TEXT NOT NULL,
            PRIMARY KEY (campaign_id, department_id)
        );
        -- A published plan's check-item list as changed by a newly accepted version: recorded in the acceptance's transaction,
        -- numbered across the store (`publish-check-items --change N`), published once.
        CREATE TABLE check_item_changes (
            sequence BIGINT PRIMARY KEY,
            plan_key TEXT NOT NULL,
            plan_file TEXT NOT NULL,
            changed_on TEXT NOT NULL,
            plan_sha256 TEXT NOT NULL,
            previous_sha256 TEXT NOT NULL,
            change_json TEXT NOT NULL,
            document_path TEXT NOT NULL,
            published_url TEXT NULL,
            published_on TEXT NULL,
            recorded_at TEXT NOT NULL
        );
        CREATE INDEX check_item_changes_plan ON check_item_changes(plan_key, sequence);
        """;

    /// <summary>Step 16 (after PublicityAndCheckItems, step 15), the same text on both providers: the web console's per-recipient revocations.</summary>
    public const string ConsoleRevocations =
        """
        -- A recipient's console links and sessions issued before revoked_before no longer open anything (README "Web console").
        -- The recipient is the keyed hash of the address the links carry, never the address.
        CREATE TABLE console_revocations (
            recipient_key TEXT PRIMARY KEY,
            revoked_before TEXT NOT NULL,
            revoked_by TEXT NOT NULL
        );
        """;

    /// <summary>Step 18, the same text on both providers (PostgreSQL adds lz4 for large values in the same step).</summary>
    public const string ActiveFlagsByScope =
        """
        -- Each plan's tick reads the active flags of its scopes; a province's overdue days hold thousands of them.
        CREATE INDEX flags_active_scope ON flags(scope) WHERE cleared_on IS NULL;
        """;

    /// <summary>Step 22, the same text on both providers.</summary>
    public const string ArchiveMilestoneIndexes =
        """
        -- Which archived campaigns are owed a bundle (CampaignStore.ArchivesOwed) asks of each its last transition's and its
        -- filings' audit rows. Through audit_trail_campaign that read every audit row of every archived campaign, 20-30 ms
        -- a sweep at a province's year end; these hold only those two actions' rows.
        CREATE INDEX audit_trail_transitions ON audit_trail(campaign_id, seq) WHERE action = 'transition';
        CREATE INDEX audit_trail_filings ON audit_trail(campaign_id, seq) WHERE action = 'archive-filed';
        """;

    /// <summary>Step 19, the same text on both providers.</summary>
    public const string CampaignHistoryIndexes =
        """
        -- A campaign's archive bundle reads its own deliveries and transitions; a province's year holds some 150,000 and 16,000
        -- of them, read in full once per bundle without these.
        CREATE INDEX deliveries_campaign ON deliveries(campaign_id, id);
        CREATE INDEX transitions_campaign ON transitions(campaign_id, seq);
        """;
}
