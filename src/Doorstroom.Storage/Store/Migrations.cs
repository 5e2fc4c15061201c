using System.Collections.Immutable;
using System.Data.Common;
using Dapper;

namespace Doorstroom.Storage;

/// <summary>
/// The schema as an ordered list of migrations, applied in order, each in its own transaction (DDL is
/// transactional on both SQLite and PostgreSQL), and recorded in <c>schema_migrations</c>. A migration once
/// released is never edited; a change is a new migration.
/// </summary>
public static class Migrations
{
    /// <summary>Every migration, oldest first.</summary>
    public static ImmutableArray<Migration> All { get; } =
    [
        new(
            1,
            "reference data, pupils, events, import journal",
            """
            CREATE TABLE import_log (
                sha256      TEXT PRIMARY KEY,
                kind        TEXT NOT NULL,
                file_name   TEXT NOT NULL,
                records     BIGINT NOT NULL,
                stored      BIGINT NOT NULL,
                imported_at TEXT NOT NULL
            );

            CREATE TABLE vo_vestiging (
                brin6              TEXT PRIMARY KEY,
                brin4              TEXT NOT NULL,
                naam               TEXT NOT NULL,
                onderwijsstructuur TEXT NOT NULL,
                denominatie        TEXT,
                internetadres      TEXT,
                straat             TEXT,
                huisnummer         TEXT,
                postcode           TEXT,
                plaats             TEXT,
                gemeente           TEXT,
                provincie          TEXT,
                onderwijsgebied    TEXT,
                leerlingen         INTEGER,
                lon                {real},
                lat                {real}
            );

            CREATE TABLE mbo_instelling (
                brin4        TEXT PRIMARY KEY,
                naam         TEXT NOT NULL,
                kiesmbo_code TEXT,
                soort        TEXT,
                website      TEXT,
                aoc          SMALLINT NOT NULL DEFAULT 0
            );

            CREATE TABLE mbo_locatie (
                brin6    TEXT PRIMARY KEY,
                brin4    TEXT NOT NULL,
                naam     TEXT NOT NULL,
                straat   TEXT,
                postcode TEXT,
                plaats   TEXT,
                land     TEXT,
                url      TEXT
            );
            CREATE INDEX mbo_locatie_brin4 ON mbo_locatie (brin4);

            CREATE TABLE kwalificatie (
                crebo               INTEGER PRIMARY KEY,
                naam                TEXT NOT NULL,
                niveau              SMALLINT NOT NULL,
                leerwegen           TEXT NOT NULL,
                soort               TEXT,
                dossier_crebo       INTEGER,
                kwalificatiedossier TEXT,
                domein              TEXT,
                domein_crebo        INTEGER
            );

            CREATE TABLE rmc_gemeente (
                gemeente TEXT PRIMARY KEY,
                regio_nr SMALLINT NOT NULL,
                regio    TEXT NOT NULL
            );

            CREATE TABLE pupil (
                id         {id},
                pkey       TEXT NOT NULL UNIQUE,
                synthetic  SMALLINT NOT NULL DEFAULT 0,
                birth_date DATE
            );

            CREATE TABLE pupil_personal (
                pupil_id    BIGINT PRIMARY KEY REFERENCES pupil (id),
                given_name  TEXT,
                family_name TEXT,
                email       TEXT,
                phone       TEXT
            );

            CREATE TABLE event (
                id          {id},
                pupil_id    BIGINT NOT NULL REFERENCES pupil (id),
                kind        TEXT NOT NULL,
                on_date     DATE NOT NULL,
                institution TEXT,
                leerweg     TEXT,
                leerjaar    SMALLINT,
                niveau      SMALLINT,
                crebo       INTEGER,
                route       TEXT,
                detail      TEXT,
                digest      BIGINT NOT NULL
            );
            CREATE UNIQUE INDEX event_identity ON event (pupil_id, digest);
            """
        ),
        new(
            2,
            "DUO vo exams, pupils per leerjaar, zittenblijven",
            """
            -- One row per (vestiging, school year, programme, geslacht). Both DUO exam layouts fit: a column that does
            -- not apply is '' in the key (so the key stays NOT NULL and unique on both stores), never NULL.
            -- schooljaar is the first calendar year (2016 = 2016-2017). National totals:
            -- SUM(examenkandidaten) WHERE geslacht = 'totaal' AND schooljaar = … GROUP BY onderwijstype, leerweg.
            CREATE TABLE vo_examen (
                brin6                  TEXT NOT NULL,
                schooljaar             SMALLINT NOT NULL,
                onderwijstype          TEXT NOT NULL,
                leerweg                TEXT NOT NULL,
                sector                 TEXT NOT NULL,
                afdeling               TEXT NOT NULL,
                geslacht               TEXT NOT NULL,
                brin4                  TEXT NOT NULL,
                naam                   TEXT NOT NULL,
                gemeente               TEXT,
                provincie              TEXT,
                inspectiecode          TEXT,
                opleidingsnaam         TEXT,
                examenkandidaten       INTEGER,
                examenkandidaten_lt5   SMALLINT NOT NULL DEFAULT 0,
                geslaagden             INTEGER,
                geslaagden_lt5         SMALLINT NOT NULL DEFAULT 0,
                gezakten               INTEGER,
                slaagperc              {real},
                cijfer_schoolexamen    {real},
                cijfer_centraal_examen {real},
                cijfer_cijferlijst     {real},
                PRIMARY KEY (brin6, schooljaar, onderwijstype, leerweg, sector, afdeling, geslacht)
            );

            -- One row per source record x leerjaar x geslacht with a count above 0 (zero cells are not stored).
            CREATE TABLE vo_leerlingen (
                brin6          TEXT NOT NULL,
                schooljaar     SMALLINT NOT NULL,
                onderwijstype  TEXT NOT NULL,
                lwoo           SMALLINT NOT NULL,
                elementcode    TEXT NOT NULL,
                leerjaar       SMALLINT NOT NULL,
                geslacht       TEXT NOT NULL,
                brin4          TEXT NOT NULL,
                naam           TEXT NOT NULL,
                plaats         TEXT,
                provincie      TEXT,
                leerweg        TEXT,
                sector         TEXT,
                afdeling       TEXT,
                opleidingsnaam TEXT,
                aantal         INTEGER NOT NULL,
                PRIMARY KEY (brin6, schooljaar, onderwijstype, lwoo, elementcode, leerjaar, geslacht)
            );

            -- Pupils of a vestiging in schooljaar and where they were a year later.
            CREATE TABLE vo_zittenblijven (
                brin6              TEXT NOT NULL,
                schooljaar         SMALLINT NOT NULL,
                brin4              TEXT NOT NULL,
                naam               TEXT NOT NULL,
                plaats             TEXT,
                gemeentenummer     TEXT,
                gemeente           TEXT,
                provincie          TEXT,
                leerlingen         INTEGER NOT NULL,
                zittenblijvers     INTEGER NOT NULL,
                afstromers         INTEGER NOT NULL,
                opstromers         INTEGER NOT NULL,
                pct_zittenblijvers {real},
                pct_afstromers     {real},
                pct_opstromers     {real},
                PRIMARY KEY (brin6, schooljaar)
            );
            """
        ),
        new(
            3,
            "DUO vsv norms per mbo niveau",
            """
            -- The yearly vsv norm per mbo niveau as published (NormDUOVSV): percentage x 1000, so 23500 = 23.5 %.
            -- teljaar is the first calendar year of the count year (2016 = 2016-2017).
            CREATE TABLE vsv_norm (
                teljaar SMALLINT NOT NULL,
                niveau  SMALLINT NOT NULL,
                norm    INTEGER NOT NULL,
                PRIMARY KEY (teljaar, niveau)
            );
            """
        ),
        new(
            4,
            "accounts, API clients, events by institution",
            """
            -- People who sign in to the web application. A role is bound to an institution (a BRIN4 for a whole
            -- school or mbo institution, a BRIN6 for one vestiging or location) or, for a pupil, to a pupil key.
            -- Passwords are stored as ASP.NET Core Identity hashes (PBKDF2), never in clear.
            CREATE TABLE account (
                id            {id},
                username      TEXT NOT NULL UNIQUE,
                password_hash TEXT NOT NULL,
                role          TEXT NOT NULL,
                institution   TEXT,
                pupil_key     TEXT,
                display_name  TEXT NOT NULL,
                demo          SMALLINT NOT NULL DEFAULT 0
            );

            -- Programs that call /api with OAuth2 client credentials; the secret is hashed like a password.
            CREATE TABLE api_client (
                client_id    TEXT PRIMARY KEY,
                secret_hash  TEXT NOT NULL,
                role         TEXT NOT NULL,
                institution  TEXT,
                pupil_key    TEXT,
                display_name TEXT NOT NULL,
                demo         SMALLINT NOT NULL DEFAULT 0
            );

            -- A decaan's pupils and an intake officer's applications are found through the institution. The index covers
            -- those lookups (kind, leerjaar and date filter, pupil_id is the answer), so they never read the event rows.
            CREATE INDEX event_institution ON event (institution, kind, leerjaar, on_date, pupil_id);
            """
        ),
        new(
            5,
            "transfer dossier: entries, requests, audit log",
            """
            -- What a vo school keeps per pupil for the overstap to mbo, by category (DossierCategory). A care entry's body is
            -- sealed (encrypted by the web application before it is stored); released = the school lets it go with a request.
            CREATE TABLE dossier_entry (
                id          {id},
                pupil_id    BIGINT NOT NULL REFERENCES pupil (id),
                category    TEXT NOT NULL,
                kind        TEXT NOT NULL,
                on_date     DATE NOT NULL,
                author      TEXT NOT NULL,
                institution TEXT NOT NULL,
                body        TEXT NOT NULL,
                sealed      SMALLINT NOT NULL DEFAULT 0,
                released    SMALLINT NOT NULL DEFAULT 0
            );
            CREATE INDEX dossier_entry_pupil ON dossier_entry (pupil_id);

            -- An mbo institution's request: purpose and categories (purpose binding), and the last day it may be read.
            CREATE TABLE dossier_request (
                id           TEXT PRIMARY KEY,
                pupil_id     BIGINT NOT NULL REFERENCES pupil (id),
                institution  TEXT NOT NULL,
                purpose      TEXT NOT NULL,
                categories   TEXT NOT NULL,
                requested_on DATE NOT NULL,
                expires_on   DATE NOT NULL,
                requested_by TEXT NOT NULL
            );
            CREATE INDEX dossier_request_pupil ON dossier_request (pupil_id);

            -- Every read, write, share, refusal and consent change, hash-chained: hash = SHA-256 of the previous hash and
            -- this entry's fields (AuditLog). Never updated; rows leave only with the whole log.
            CREATE TABLE audit_log (
                seq       BIGINT PRIMARY KEY,
                at        TEXT NOT NULL,
                actor     TEXT NOT NULL,
                role      TEXT NOT NULL,
                institution TEXT,
                pupil     TEXT,
                action    TEXT NOT NULL,
                category  TEXT,
                purpose   TEXT,
                outcome   TEXT NOT NULL,
                rule      TEXT,
                prev_hash TEXT NOT NULL,
                hash      TEXT NOT NULL
            );
            CREATE INDEX audit_log_pupil ON audit_log (pupil, seq);
            """
        ),
        new(
            6,
            "corrections: an event that voids an earlier one",
            """
            -- Only on a Vervallen event: the digest of the event of the same pupil it declares void (docs/events.md). The
            -- voided row stays; every read that counts leaves both out.
            ALTER TABLE event ADD COLUMN voids BIGINT;
            """
        ),
        new(
            7,
            "audit log: the pupils a list read showed",
            """
            -- A list read (the pupil list, the pupils API) is ONE audit_log entry (pupil NULL) whose purpose carries the view, the
            -- number of pupils and a SHA-256 over their sorted keys; this table finds that entry from each pupil it showed, and
            -- AuditLog.Verify checks its rows against the digest. Never updated; rows leave only with the whole log.
            -- Keyed by seq first: a list read appends its rows at the end of the tree (a few pages), where a key by pupil
            -- touched one page per pupil (about 2 MB of WAL for a list of 500). A pupil's reads are found from the list
            -- entries (pupil NULL, by the audit_log_pupil index), each checked with one key lookup here.
            CREATE TABLE audit_read (
                seq   BIGINT NOT NULL,
                pupil TEXT NOT NULL,
                PRIMARY KEY (seq, pupil)
            ){without_rowid};
            """
        ),
        new(
            8,
            "operator: disabled accounts, revoked clients, Data Protection keys, token keys",
            """
            -- An operator disables an account or revokes an API client (doorstroom accounts disable, clients revoke): the row
            -- stays (its name is not handed out again), sign-in and tokens are refused.
            ALTER TABLE account ADD COLUMN disabled SMALLINT NOT NULL DEFAULT 0;
            ALTER TABLE api_client ADD COLUMN revoked SMALLINT NOT NULL DEFAULT 0;

            -- The ASP.NET Core Data Protection key ring (StoredXmlRepository): one XML element per key or revocation, as Data
            -- Protection writes it (encrypted with the configured certificate, or in clear where that is allowed). Shared by
            -- every web node on this store; backed up and restored with it.
            CREATE TABLE data_protection_key (
                name      TEXT PRIMARY KEY,
                xml       TEXT NOT NULL,
                stored_at TEXT NOT NULL
            );

            -- The keys that sign (and could encrypt) the API's access tokens (TokenKeys): made once by the first node,
            -- stored sealed with Data Protection, read by every node.
            CREATE TABLE token_key (
                name       TEXT PRIMARY KEY,
                sealed_key TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            """
        ),
        new(
            9,
            "sessions in the store, security stamps, sign-in lockouts",
            """
            -- Changed by every operator change that must end an account's sessions (disable, password reset, role or binding);
            -- a session carries the stamp of its sign-in and is refused once it differs (WebSessions, decision 0019). Accounts
            -- made before this migration share the empty stamp until their first such change.
            ALTER TABLE account ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';

            -- The server side of the sign-in cookie (decision 0019): the cookie carries a random key, this table its SHA-256
            -- (never the key) and the ticket sealed with Data Protection. Every web node on the store reads the same sessions.
            -- Times are Unix milliseconds (UTC).
            CREATE TABLE web_session (
                key_hash       TEXT PRIMARY KEY,
                username       TEXT NOT NULL,
                ticket         TEXT NOT NULL,
                security_stamp TEXT NOT NULL,
                created_at     BIGINT NOT NULL,
                expires_at     BIGINT NOT NULL,
                renewed_at     BIGINT NOT NULL
            );
            CREATE INDEX web_session_expires ON web_session (expires_at);
            CREATE INDEX web_session_username ON web_session (username);

            -- Failed sign-in and token attempts per account name or client id (SignInFailures): shared by every web node, so
            -- two nodes give a guesser no more tries than one. Times are Unix milliseconds (UTC).
            CREATE TABLE sign_in_failure (
                name         TEXT PRIMARY KEY,
                since        BIGINT NOT NULL,
                failures     INTEGER NOT NULL,
                locked_until BIGINT
            );
            """
        ),
        new(
            10,
            "school sign-in: linked provider accounts, invitations, link values",
            """
            -- A school's OpenID provider account (its issuer and subject) linked to one Doorstroom account (AccountLinks). A
            -- subject signs in only through such a link; no account is ever made by a sign-in. provider is the settings id
            -- the link was made through (Doorstroom:Oidc:Providers:<id>).
            CREATE TABLE account_link (
                issuer    TEXT NOT NULL,
                subject   TEXT NOT NULL,
                provider  TEXT NOT NULL,
                account   TEXT NOT NULL,
                linked_at TEXT NOT NULL,
                PRIMARY KEY (issuer, subject)
            );
            CREATE INDEX account_link_account ON account_link (account);

            -- A single-use invitation to link a provider account to an existing account: only the SHA-256 of the code is
            -- stored. used_at is set when it is redeemed; an invitation past expires_at is refused.
            CREATE TABLE account_invitation (
                code_hash  TEXT PRIMARY KEY,
                account    TEXT NOT NULL,
                provider   TEXT,
                created_at TEXT NOT NULL,
                expires_at TEXT NOT NULL,
                used_at    TEXT
            );

            -- The value a provider's configured claim (LinkClaim, e.g. eduPersonPrincipalName) must have to link a subject to
            -- this account at its first sign-in; stored in lower case, compared in lower case.
            CREATE TABLE account_link_value (
                provider TEXT NOT NULL,
                value    TEXT NOT NULL,
                account  TEXT NOT NULL,
                PRIMARY KEY (provider, value)
            );
            """
        ),
        new(
            11,
            "the register of vo-mbo connections",
            """
            -- One connection between a vo vestiging (BRIN6) and an mbo institution (BRIN4) or location (BRIN6), in one of the
            -- forms of ConnectionForm (stored as JsonSpelling spells it), from a date and possibly until one (issue 16). The
            -- route (a doorlopende leerlijn's) or subject (an avo-leerlijn's, an initiative's or programme's name) says what it
            -- carries; synthetic = 1 marks the demo's made-up ones. Bestuurlijke verbindingen are derived on read, not stored here.
            CREATE TABLE connection (
                id           TEXT PRIMARY KEY,
                vo_vestiging TEXT NOT NULL,
                mbo          TEXT NOT NULL,
                form         TEXT NOT NULL,
                from_date    DATE NOT NULL,
                until_date   DATE,
                description  TEXT NOT NULL,
                source       TEXT NOT NULL,
                route        TEXT,
                subject      TEXT,
                synthetic    SMALLINT NOT NULL DEFAULT 0,
                recorded_by  TEXT NOT NULL,
                recorded_at  TEXT NOT NULL
            );
            CREATE INDEX connection_vo ON connection (vo_vestiging);
            CREATE INDEX connection_mbo ON connection (mbo);
            """
        ),
        new(
            12,
            "meeloopdagen and their sign-ups",
            """
            -- A meeloopdag an mbo published at one of its locations for one programme, with its places (issue 16). A cancelled
            -- day stays (its id is in pupils' streams). A sign-up's seq is its place in the day's order of arrival, given under
            -- the day's lock: the waiting list is the wachtlijst rows by seq. changed_on is the date of the last change.
            CREATE TABLE meeloopdag (
                id           TEXT PRIMARY KEY,
                location     TEXT NOT NULL,
                crebo        INTEGER NOT NULL,
                on_date      DATE NOT NULL,
                places       INTEGER NOT NULL,
                time_of_day  TEXT,
                description  TEXT,
                cancelled    SMALLINT NOT NULL DEFAULT 0,
                published_by TEXT NOT NULL,
                published_at TEXT NOT NULL
            );
            CREATE INDEX meeloopdag_location ON meeloopdag (location, on_date);
            CREATE INDEX meeloopdag_date ON meeloopdag (on_date);

            CREATE TABLE meeloopdag_signup (
                meeloopdag_id TEXT NOT NULL REFERENCES meeloopdag (id),
                pupil_id      BIGINT NOT NULL REFERENCES pupil (id),
                seq           INTEGER NOT NULL,
                status        TEXT NOT NULL,
                changed_on    DATE NOT NULL,
                PRIMARY KEY (meeloopdag_id, pupil_id)
            );
            CREATE INDEX meeloopdag_signup_pupil ON meeloopdag_signup (pupil_id);
            """
        ),
        new(
            13,
            "dossier entries linked to the event they belong to",
            """
            -- A loopbaandossier entry (a reflection on an LobActiviteit, the motivation of a KeuzeVastgelegd) names its event by
            -- the event's digest within the pupil's stream (decision 0009), which survives an export and import of the events.
            ALTER TABLE dossier_entry ADD COLUMN event_digest BIGINT;
            """
        ),
        new(
            14,
            "PostgreSQL: events partitioned by pupil, every pupil table keyed by its pupil (Citus can distribute it)",
            """
            -- Decision 0033, docs/scale-out.md "The schema on Citus": each table's place is in StoreTables. A pupil's rows are
            -- keyed by their pupil, so Citus can keep them on one node: every unique key of a pupil table includes its pupil column.

            -- The events, natively partitioned by a hash of the pupil into EventStore.Partitions (8) partitions, event_p0 … event_p7:
            -- a monitor reads them over parallel connections. The rows move in this transaction; the ids keep rising from the old
            -- sequence (EventStore.Version is the newest id).
            CREATE TABLE event_partitioned (
                id          BIGINT GENERATED BY DEFAULT AS IDENTITY,
                pupil_id    BIGINT NOT NULL,
                kind        TEXT NOT NULL,
                on_date     DATE NOT NULL,
                institution TEXT,
                leerweg     TEXT,
                leerjaar    SMALLINT,
                niveau      SMALLINT,
                crebo       INTEGER,
                route       TEXT,
                detail      TEXT,
                digest      BIGINT NOT NULL,
                voids       BIGINT,
                PRIMARY KEY (pupil_id, id)
            ) PARTITION BY HASH (pupil_id);
            CREATE TABLE event_p0 PARTITION OF event_partitioned FOR VALUES WITH (MODULUS 8, REMAINDER 0);
            CREATE TABLE event_p1 PARTITION OF event_partitioned FOR VALUES WITH (MODULUS 8, REMAINDER 1);
            CREATE TABLE event_p2 PARTITION OF event_partitioned FOR VALUES WITH (MODULUS 8, REMAINDER 2);
            CREATE TABLE event_p3 PARTITION OF event_partitioned FOR VALUES WITH (MODULUS 8, REMAINDER 3);
            CREATE TABLE event_p4 PARTITION OF event_partitioned FOR VALUES WITH (MODULUS 8, REMAINDER 4);
            CREATE TABLE event_p5 PARTITION OF event_partitioned FOR VALUES WITH (MODULUS 8, REMAINDER 5);
            CREATE TABLE event_p6 PARTITION OF event_partitioned FOR VALUES WITH (MODULUS 8, REMAINDER 6);
            CREATE TABLE event_p7 PARTITION OF event_partitioned FOR VALUES WITH (MODULUS 8, REMAINDER 7);
            INSERT INTO event_partitioned (id, pupil_id, kind, on_date, institution, leerweg, leerjaar, niveau, crebo, route, detail, digest, voids)
            SELECT id, pupil_id, kind, on_date, institution, leerweg, leerjaar, niveau, crebo, route, detail, digest, voids FROM event;
            -- The next id follows the highest id stored and the highest the old sequence handed out (a rolled-back append used some).
            SELECT setval(pg_get_serial_sequence('event_partitioned', 'id'), GREATEST(newest, 1), newest > 0)
            FROM (
                SELECT GREATEST(
                    (SELECT COALESCE(MAX(id), 0) FROM event),
                    COALESCE(pg_sequence_last_value(pg_get_serial_sequence('event', 'id')::regclass), 0)
                ) AS newest
            ) AS old;
            DROP TABLE event;
            ALTER TABLE event_partitioned RENAME TO event;
            ALTER SEQUENCE event_partitioned_id_seq RENAME TO event_id_seq;
            ALTER TABLE event RENAME CONSTRAINT event_partitioned_pkey TO event_pkey;
            -- The foreign key is made after the rename, so that the partitions' copies of it carry the parent's name as well.
            ALTER TABLE event ADD CONSTRAINT event_pupil_id_fkey FOREIGN KEY (pupil_id) REFERENCES pupil (id);
            CREATE UNIQUE INDEX event_identity ON event (pupil_id, digest);
            CREATE INDEX event_institution ON event (institution, kind, leerjaar, on_date, pupil_id);
            -- EventStore.Version (the newest id) reads one step of each partition's index instead of every row.
            CREATE INDEX event_id ON event (id);

            -- A pupil key is unique through pupil_key, which Citus distributes by the key: a pupil is created by claiming its key
            -- here first (PostgresEventSink), so two writers racing on one new key still make one pupil. pupil keeps pkey, indexed.
            CREATE TABLE pupil_key (
                pkey     TEXT PRIMARY KEY,
                pupil_id BIGINT NOT NULL
            );
            INSERT INTO pupil_key (pkey, pupil_id) SELECT pkey, id FROM pupil;
            ALTER TABLE pupil DROP CONSTRAINT pupil_pkey_key;
            CREATE INDEX pupil_by_key ON pupil (pkey);

            -- Dossier entries and requests keyed by pupil and id; the key serves the lookups by pupil the old indexes did. A request
            -- is also found by its id alone (a random GUID, DossierService).
            ALTER TABLE dossier_entry DROP CONSTRAINT dossier_entry_pkey, ADD PRIMARY KEY (pupil_id, id);
            DROP INDEX dossier_entry_pupil;
            ALTER TABLE dossier_request DROP CONSTRAINT dossier_request_pkey, ADD PRIMARY KEY (pupil_id, id);
            DROP INDEX dossier_request_pupil;
            CREATE INDEX dossier_request_id ON dossier_request (id);
            """,
            Only: Dialect.Postgres
        ),
    ];

    /// <summary>The PostgreSQL advisory lock that lets one connection at a time migrate a store (any 64-bit number, fixed).</summary>
    private const long MigrationLock = 0x446f6f7273_74726d;

    /// <summary>
    /// Brings the schema of an open connection up to the newest migration. On PostgreSQL under an advisory lock: web nodes
    /// started together on a new store (decision 0022) migrate it one after the other, the later ones finding it done.
    /// </summary>
    public static void Apply(DbConnection connection, Dialect dialect)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (dialect != Dialect.Postgres)
        {
            ApplyMissing(connection, dialect);
            return;
        }
        connection.Execute("SELECT pg_advisory_lock(@MigrationLock)", new { MigrationLock });
        try
        {
            ApplyMissing(connection, dialect);
        }
        finally
        {
            connection.Execute("SELECT pg_advisory_unlock(@MigrationLock)", new { MigrationLock });
        }
    }

    private static void ApplyMissing(DbConnection connection, Dialect dialect)
    {
        connection.Execute("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL)");
        var applied = connection.Query<int>("SELECT version FROM schema_migrations").ToHashSet();
        foreach (var migration in All.Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
        {
            using var transaction = connection.BeginTransaction();
            if (migration.For(dialect) is { Length: > 0 } sql)
                connection.Execute(sql, transaction: transaction);
            connection.Execute(
                "INSERT INTO schema_migrations (version, name) VALUES (@Version, @Name)",
                new { migration.Version, migration.Name },
                transaction
            );
            transaction.Commit();
        }
    }

    /// <summary>The newest version this build knows.</summary>
    public static int Latest => All.Max(m => m.Version);
}
