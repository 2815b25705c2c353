-- Which of our Sendblue numbers each chat texted, so a reply goes out from the number the person
-- knows (Sendblue requires from_number on every send).
CREATE TABLE sendblue_lines (
    transport  TEXT NOT NULL,
    chat_id    TEXT NOT NULL,
    line       TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (transport, chat_id)
);
