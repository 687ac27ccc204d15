-- The capture ledger: accepted seqs per device as runs of consecutive numbers (one row per gap, not per event),
-- the client-chosen event ids seen, and a summary row per device that writers lock to merge runs one at a time.
CREATE TABLE devices (
    user_id  text COLLATE "C" NOT NULL,
    device   text COLLATE "C" NOT NULL,
    low_seq  bigint NOT NULL,
    high_seq bigint NOT NULL,
    received bigint NOT NULL,
    PRIMARY KEY (user_id, device)
);

CREATE TABLE seq_runs (
    user_id text COLLATE "C" NOT NULL,
    device  text COLLATE "C" NOT NULL,
    first   bigint NOT NULL,
    last    bigint NOT NULL CHECK (last >= first),
    PRIMARY KEY (user_id, device, first)
);

CREATE TABLE client_ids (
    user_id text COLLATE "C" NOT NULL,
    id      text COLLATE "C" NOT NULL,
    PRIMARY KEY (user_id, id)
);
