-- A built-in turn reads its conversation's last ~40 messages (ConversationReader.RecentMessagesAsync).
-- Through ix_messages_conversation (conversation_id, seq) each row was a table lookup, and the rows of
-- many interleaved conversations lie a page or so apart: ~22 pages read per turn, from cold, since every
-- commit empties a WAL reader's cache (docs/benchmarks.md, "Sixth pass"). This index carries every column
-- of ConversationReader.MessageColumns, so the history is a backward walk over a few contiguous leaf
-- pages with no lookup. Body goes last: a long one spills to overflow pages, and the other columns stay
-- on the leaf for the reads that need only them. It replaces ix_messages_conversation, whose
-- (conversation_id, seq) it leads with, so every read that seeked that index seeks this one.
CREATE INDEX ix_messages_history ON messages
    (conversation_id, seq, id, direction, sender, state, created_at, reply_to, effect, service, edited_at, unsent_at, body);
DROP INDEX ix_messages_conversation;
