// Vocabularies of the policy pages (the API's code values; labels under policy.* in the locales).
export const BENEFITS = ['refund', 'tax', 'fee_relief', 'subsidy', 'interest', 'other']
export const OUTCOMES = ['pushed', 'applied', 'approved', 'rejected']
export const OUTCOME_TAG = { pushed: 'info', applied: 'warning', approved: 'success', rejected: 'danger' }
