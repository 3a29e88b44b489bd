-- Settings per region (inherited down the tree; '' is the global level) and
-- data versions, which let in-memory caches notice writes from any process.
CREATE TABLE settings (
  region_code TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,              -- JSON
  updated_at TEXT NOT NULL,
  updated_by BIGINT,
  PRIMARY KEY (region_code, key)
);

CREATE TABLE data_versions (
  name TEXT PRIMARY KEY,
  version BIGINT NOT NULL
);
INSERT INTO data_versions (name, version) VALUES ('registry', 1);

-- The department a government user works for (工信局, 商务局, 交通运输局...):
-- applications and tickets are routed to departments.
ALTER TABLE users ADD COLUMN department TEXT NOT NULL DEFAULT '';
