-- Bulletin templates (每日简报): editable per region; the built-in template is
-- used when a region has none.
CREATE TABLE bulletin_templates (
  id {{id}},
  region_code TEXT NOT NULL,
  name TEXT NOT NULL,
  body TEXT NOT NULL,
  created_at TEXT NOT NULL,
  created_by BIGINT,
  updated_at TEXT NOT NULL,
  updated_by BIGINT
);
CREATE INDEX bulletin_templates_region ON bulletin_templates(region_code);
