-- The simulated phone's iMessage features (issue 13): what the phone's log shows of a reply, an
-- effect and the service a bubble went over, and which simulated phones are SMS-only.
ALTER TABLE simulator_events ADD COLUMN reply_to TEXT NULL;
ALTER TABLE simulator_events ADD COLUMN effect TEXT NULL;
ALTER TABLE simulator_events ADD COLUMN service TEXT NULL;

-- Finding a message's own lines (its send, edits and unsend) by id, for the edit and unsend windows.
CREATE INDEX ix_simulator_events_message ON simulator_events (message_id, id);

-- A simulated phone that is not on iMessage (imessage = 0); absent means on iMessage.
CREATE TABLE simulator_phones (
    handle     TEXT PRIMARY KEY,
    imessage   INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
