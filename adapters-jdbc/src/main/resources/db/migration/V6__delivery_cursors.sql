-- How far each publisher of the outbox has got (host notifications): moved only by compare-and-set.
CREATE TABLE delivery_cursors (
    consumer   text        PRIMARY KEY,
    position   bigint      NOT NULL CHECK (position >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);
