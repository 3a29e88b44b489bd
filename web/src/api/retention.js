// Retention of personal data (issue 7): policies, purge, purge log (docs/api/retention.md).
import { download, http } from './http'

export const listPolicies = () => http.get('/retention/policies')
export const purge = (dryRun) => http.post('/retention/purge', { dry_run: dryRun })
export const listPurges = ({ kind, from, to, page, size }) => http.get('/retention/purges', { kind, from, to, page, size })
export const exportPurges = ({ kind, from, to }, format) =>
  download('/retention/purges/export', { kind, from, to, format }, `purges.${format}`)
