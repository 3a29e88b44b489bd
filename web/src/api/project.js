// Key projects (docs/api/project.md): registry, status, reports, sites, linked demands, import/export, rates
// and the problems solved. One function per endpoint.
import { download, http, upload } from './http'

export const projectMeta = () => http.get('/projects/categories')
export const listProjects = ({ region, q, category, status } = {}, { page, pageSize } = {}) =>
  http.get('/projects', { region, q, category, status, page, size: pageSize })
export const exportProjects = ({ region, q, category, status } = {}, format = 'xlsx') =>
  download('/projects/export', { region, q, category, status, format }, `projects.${format}`)
export const projectTemplate = (format = 'xlsx') => download('/projects/template', { format }, `projects-template.${format}`)
export const importProjects = (file, onProgress) => upload('/projects/import', file, onProgress)
export const importReport = (id) => download(`/imports/${encodeURIComponent(id)}/report`, undefined, `project-import-errors-${id}.csv`)
export const getProject = (id) => http.get(`/projects/${id}`)
export const createProject = (body) => http.post('/projects', body)
export const updateProject = (id, body) => http.put(`/projects/${id}`, body)
/** body: { status, date, note } */
export const changeStatus = (id, body) => http.post(`/projects/${id}/status`, body)
export const listReports = (id) => http.get(`/projects/${id}/reports`)
/** body: { day, workers_on_site, investment_completed, status, note } */
export const submitReport = (id, body) => http.post(`/projects/${id}/reports`, body)
export const listSites = (id) => http.get(`/projects/${id}/sites`)
/** body: { site_id } or { uscc, name } */
export const addSite = (id, body) => http.post(`/projects/${id}/sites`, body)
export const removeSite = (id, site) => http.delete(`/projects/${id}/sites/${site}`)
export const listProjectDemands = (id) => http.get(`/projects/${id}/demands`)
export const projectRates = ({ region, date, category } = {}) => http.get('/projects/rates', { region, date, category })
export const projectChildren = ({ region, date, category } = {}) => http.get('/projects/rates/children', { region, date, category })
export const projectsBehind = ({ region, date, category, measure } = {}, { page, pageSize } = {}) =>
  http.get('/projects/rates/projects', { region, date, category, measure, page, size: pageSize })
export const projectProblems = ({ region, date, from, to } = {}) => http.get('/projects/problems', { region, date, from, to })
/** A demand linked to a project: POST /demands with `project`. */
export const raiseProjectDemand = (body) => http.post('/demands', body)
