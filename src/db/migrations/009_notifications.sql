-- In-app notifications (通知中心) for every role, and an outbox from which
-- external senders (SMS, WeChat) deliver them once one is attached.
CREATE TABLE notifications (
  id {{id}},
  user_id BIGINT NOT NULL,
  kind TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL DEFAULT '',
  link TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, id);

CREATE TABLE notification_outbox (
  id {{id}},
  notification_id BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  status TEXT NOT NULL DEFAULT 'pending',    -- pending | sent | failed
  channel TEXT NOT NULL DEFAULT '',          -- the sender that delivered it
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  sent_at TEXT
);
CREATE INDEX notification_outbox_status ON notification_outbox(status, id);
