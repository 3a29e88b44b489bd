// Shared by the notice pages: vocabularies and tag colours.
export const KINDS = ['notice', 'guide', 'template']
export const STATES = ['draft', 'published', 'withdrawn']
export const STATE_TAG = { draft: 'info', published: 'success', withdrawn: 'warning' }
export const KIND_TAG = { notice: 'primary', guide: 'success', template: 'warning' }

export const shortTime = (iso) => (iso ? iso.slice(0, 16).replace('T', ' ') : '')
export const fileSize = (n) => (n >= 1 << 20 ? `${(n / (1 << 20)).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`)
