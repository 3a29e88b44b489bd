// Vocabularies of the financing pages (the API's code values; labels under finance.* in the locales).
export const STATES = ['filed', 'pushed', 'granted', 'declined', 'withdrawn']
export const URGENCIES = ['normal', 'urgent', 'critical']
export const COLLATERALS = ['credit', 'guarantee', 'mortgage', 'pledge', 'other']
export const STATE_TAG = { filed: 'info', pushed: 'warning', granted: 'success', declined: 'danger', withdrawn: 'info' }
export const DECISION_TAG = { pending: 'warning', granted: 'success', declined: 'danger' }
