-- Which messages have files, or wait for one. Every built-in turn renders its history (about 42
-- messages) and looked up the files of each in attachments and pending_attachments: two searches per
-- message that nearly always found nothing (docs/benchmarks.md, "Sixth pass"). With the mark the turn
-- looks up only the marked messages, and runs neither lookup when none is.
--
-- It means "may have files": set by the store itself whenever a file row names the message (the
-- trigger below, so no code path that adds a file can forget it) and never cleared. A late file given
-- up leaves it set on a message left without files; that costs a lookup, nothing more.
-- Every path writes a message's row before its file rows, in one transaction (the inbox: the message,
-- then its files and late files; the outbox: the message, then its files; a late file that arrives
-- joins a message stored long before), so the trigger always finds the row it marks. A message
-- already marked is not updated again (no row version, no row lock).
ALTER TABLE messages ADD COLUMN has_files BOOLEAN NOT NULL DEFAULT FALSE;

UPDATE messages SET has_files = TRUE
WHERE id IN (SELECT message_id FROM attachments UNION SELECT message_id FROM pending_attachments);

CREATE FUNCTION mark_message_has_files() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE messages SET has_files = TRUE WHERE id = NEW.message_id AND NOT has_files;
    RETURN NULL;
END;
$$;

CREATE TRIGGER attachments_mark_message AFTER INSERT ON attachments
    FOR EACH ROW EXECUTE FUNCTION mark_message_has_files();

CREATE TRIGGER pending_attachments_mark_message AFTER INSERT ON pending_attachments
    FOR EACH ROW EXECUTE FUNCTION mark_message_has_files();
