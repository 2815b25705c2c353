-- A message can answer another (iMessage inline replies); group addressing uses it.
ALTER TABLE messages ADD COLUMN reply_to TEXT NULL;

-- In a simulated group chat, which phone sent a message.
ALTER TABLE simulator_events ADD COLUMN sender TEXT NULL;
