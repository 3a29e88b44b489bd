// Shared by the tip pages: vocabularies and tag colours.
export const TYPES = ['unapproved_opening', 'hidden_returnees', 'quarantine_breach', 'prevention_lacking']
export const STATES = ['received', 'assigned', 'substantiated', 'unsubstantiated']
export const STATE_TAG = { received: 'danger', assigned: 'warning', substantiated: 'success', unsubstantiated: 'info' }
export const shortTime = (iso) => (iso ? iso.slice(0, 16).replace('T', ' ') : '')
