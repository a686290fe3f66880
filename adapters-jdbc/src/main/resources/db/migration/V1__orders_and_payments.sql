-- Orders, payment attempts and refunds. Money is bigint minor units plus an ISO 4217 currency code.
-- Correctness lives here: ids are primary keys, (provider, provider_ref) is unique, and every update is a
-- compare-and-set on version (UPDATE ... WHERE id = ? AND version = ?) issued by the adapters.

CREATE TABLE orders (
    id             text        PRIMARY KEY,
    buyer          text        NOT NULL,
    total_minor    bigint      NOT NULL CHECK (total_minor > 0),
    currency       char(3)     NOT NULL,
    fulfilment     text        NOT NULL CHECK (fulfilment IN ('PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED')),
    payment_status text        NOT NULL CHECK (payment_status IN ('PENDING', 'PAID', 'PARTIALLY_REFUNDED', 'REFUNDED')),
    placed_at      timestamptz NOT NULL,
    version        bigint      NOT NULL CHECK (version > 0)
);
CREATE INDEX orders_by_buyer ON orders (buyer, placed_at DESC);

-- Lines never change after the order is placed.
CREATE TABLE order_lines (
    order_id         text    NOT NULL REFERENCES orders (id),
    line_no          int     NOT NULL,
    sku              text    NOT NULL,
    kind             text    NOT NULL CHECK (kind IN ('CREDIT_PACKAGE', 'PRODUCT', 'ADD_ON')),
    name             text    NOT NULL,
    quantity         int     NOT NULL CHECK (quantity BETWEEN 1 AND 100),
    unit_price_minor bigint  NOT NULL CHECK (unit_price_minor > 0),
    currency         char(3) NOT NULL,
    credits_each     bigint  NOT NULL CHECK (credits_each >= 0),
    PRIMARY KEY (order_id, line_no)
);

CREATE TABLE payments (
    id                  text        PRIMARY KEY,
    order_id            text        NOT NULL,
    user_id             text        NOT NULL,
    provider            text        NOT NULL,
    purchase_key        text        NOT NULL,
    amount_minor        bigint      NOT NULL CHECK (amount_minor > 0),
    currency            char(3)     NOT NULL,
    status              text        NOT NULL CHECK (status IN ('CREATED', 'AUTHORIZED', 'CAPTURED', 'PARTIALLY_REFUNDED',
                                        'REFUNDED', 'FAILED', 'EXPIRED', 'CANCELLED', 'NEEDS_REVIEW')),
    -- NULL until the provider answered the checkout; NULLs do not collide in the unique constraint below.
    provider_ref        text,
    provider_payment_id text,
    checkout            jsonb       NOT NULL DEFAULT '{}',
    refunded_minor      bigint      NOT NULL DEFAULT 0,
    failure_reason      text,
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL CHECK (version > 0),
    CONSTRAINT payments_provider_ref_unique UNIQUE (provider, provider_ref),
    CONSTRAINT payments_refund_fits CHECK (refunded_minor BETWEEN 0 AND amount_minor)
);
CREATE INDEX payments_by_provider_payment_id ON payments (provider, provider_payment_id);
-- The reconciler's scan for stale open payments: provider + status, oldest updated_at first.
CREATE INDEX payments_stale_scan ON payments (provider, status, updated_at);
CREATE INDEX payments_by_user ON payments (user_id, created_at DESC);
CREATE INDEX payments_recent_checkout ON payments (user_id, purchase_key, provider, created_at DESC);
CREATE INDEX payments_by_created_at ON payments (created_at);

CREATE TABLE refunds (
    id                  text        PRIMARY KEY,
    payment_id          text        NOT NULL,
    amount_minor        bigint      NOT NULL CHECK (amount_minor > 0),
    currency            char(3)     NOT NULL,
    status              text        NOT NULL CHECK (status IN ('REQUESTED', 'PENDING', 'SUCCEEDED', 'FAILED')),
    provider_refund_id  text,
    reason              text        NOT NULL,
    credits_clawed_back bigint      NOT NULL CHECK (credits_clawed_back >= 0),
    created_at          timestamptz NOT NULL,
    updated_at          timestamptz NOT NULL,
    version             bigint      NOT NULL CHECK (version > 0)
);
CREATE INDEX refunds_by_payment ON refunds (payment_id, created_at);
CREATE INDEX refunds_by_provider_refund_id ON refunds (payment_id, provider_refund_id);
