-- Webhook inbox, transactional outbox, idempotency keys and feature grants.

CREATE TABLE inbox_events (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider        text        NOT NULL,
    event_id        text        NOT NULL,
    type            text        NOT NULL,
    body            bytea       NOT NULL,
    received_at     timestamptz NOT NULL,
    state           text        NOT NULL CHECK (state IN ('RECEIVED', 'PROCESSED', 'IGNORED', 'FAILED')),
    attempts        int         NOT NULL CHECK (attempts >= 0),
    last_error      text,
    next_attempt_at timestamptz NOT NULL,
    CONSTRAINT inbox_events_once UNIQUE (provider, event_id)
);
-- Workers claim due events with FOR UPDATE SKIP LOCKED over this partial index.
CREATE INDEX inbox_events_due ON inbox_events (next_attempt_at, id) WHERE state = 'RECEIVED';
CREATE INDEX inbox_events_by_state ON inbox_events (state, id DESC);

-- The outbox sequence is handed out by one counter row, locked from append until commit: commit order is
-- sequence order, so a reader following "sequence > last seen" never skips an event committed late. This
-- is the one deliberately hot row; append outbox events last in a transaction to hold it briefly.
CREATE TABLE outbox_counter (
    id         int    PRIMARY KEY CHECK (id = 1),
    last_value bigint NOT NULL
);
INSERT INTO outbox_counter (id, last_value) VALUES (1, 0);

CREATE TABLE outbox_events (
    sequence    bigint      PRIMARY KEY,
    type        text        NOT NULL,
    user_id     text        NOT NULL,
    subject     text        NOT NULL,
    data        jsonb       NOT NULL,
    occurred_at timestamptz NOT NULL
);

CREATE TABLE idempotency_keys (
    user_id         text        NOT NULL,
    key             text        NOT NULL,
    fingerprint     text        NOT NULL,
    claimed_at      timestamptz NOT NULL,
    response_status int,
    response_body   text,
    completed_at    timestamptz,
    PRIMARY KEY (user_id, key),
    CONSTRAINT idempotency_keys_response_whole CHECK ((response_status IS NULL) = (response_body IS NULL))
);

CREATE TABLE feature_grants (
    user_id      text        NOT NULL,
    feature_code text        NOT NULL,
    activated_at timestamptz NOT NULL,
    expires_at   timestamptz,
    PRIMARY KEY (user_id, feature_code)
);
