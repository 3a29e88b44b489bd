-- The day's on-duty headcount from the gate (SPEC §4 返岗率): distinct
-- employees admitted per enterprise and day, read from this partial index
-- only (it holds admitted employees' rows, not visitors or denials).
CREATE INDEX entry_logs_on_duty ON entry_logs(day, enterprise_id, employee_id)
  WHERE decision = 'admit' AND employee_id IS NOT NULL;
