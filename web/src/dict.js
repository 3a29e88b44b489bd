// Code values of the API's enumerations; their labels live in the locale files under `dict`.

export const WORK_STATUSES = ['suspended', 'work_resumed', 'production_resumed', 'full_capacity', 'continuous', 'closed']
export const SIZES = ['large', 'medium', 'small', 'micro']
export const ESSENTIAL_CATEGORIES = ['epidemic_control', 'city_operation', 'daily_necessities']
export const CADRE_RANKS = ['division', 'section']
export const ROLES = ['admin', 'commander', 'reviewer', 'inspector', 'cadre', 'department', 'enterprise', 'verifier', 'employee', 'bank']

/** Boolean flag fields of an enterprise, in the order of SPEC §3.1. */
export const BOOLEAN_FLAGS = [
  'above_scale_industrial',
  'above_quota_trade',
  'key_enterprise',
  'seasonal',
  'continuous',
  'foreign_trade',
  'small_micro',
  'converted_ppe',
  'service_industry',
  'mall',
  'farmers_market',
]

/** Values of the list filter `flag`: the boolean fields plus `essential` (any 保供 category). */
export const FILTER_FLAGS = [...BOOLEAN_FLAGS.slice(0, 3), 'essential', ...BOOLEAN_FLAGS.slice(3)]

/** Sortable columns of GET /enterprises. */
export const ENTERPRISE_SORTS = ['name', 'uscc', 'employees', 'status_date', 'updated_at']
