// Online recruitment (docs/api/recruitment.md): the public board and self-registration (no session), the
// job seeker's résumé and applications, the enterprise's jobs and applicants, the HR department's review
// and the labour gap.
import { download, http, request } from './http'

// ---- Public (auth false: a 401 never sends a visitor to the sign-in page) ----
export const publicJobs = (query = {}, { page, pageSize } = {}) =>
  request('GET', '/jobs/public', { query: { ...query, page, size: pageSize }, auth: false })
export const publicJob = (id) => request('GET', `/jobs/public/${id}`, { auth: false })
export const publicIndustries = () => request('GET', '/jobs/public/industries', { auth: false })
export const publicRegions = (parent) => request('GET', '/public/regions', { query: { parent }, auth: false })
export const registerSeeker = (body) => request('POST', '/jobseekers/register', { body, auth: false })

// ---- Job seekers ----
export const getResume = () => http.get('/resume')
export const saveResume = (body) => http.put('/resume', body)
export const myApplications = ({ page, pageSize } = {}) => http.get('/resume/applications', { page, size: pageSize })
export const withdrawApplication = (id) => http.post(`/resume/applications/${id}/withdraw`, {})
export const applyJob = (id, message) => http.post(`/jobs/${id}/apply`, { message })

// ---- Jobs (enterprise, department, commander) ----
export const listJobs = (query = {}, { page, pageSize } = {}) => http.get('/jobs', { ...query, page, size: pageSize })
export const exportJobs = (query, format) => download('/jobs/export', { ...query, format }, `jobs.${format}`)
export const getJob = (id) => http.get(`/jobs/${id}`)
export const createJob = (body) => http.post('/jobs', body)
export const updateJob = (id, body) => http.put(`/jobs/${id}`, body)
export const closeJob = (id) => http.post(`/jobs/${id}/close`, {})
export const approveJob = (id, note) => http.post(`/jobs/${id}/approve`, { note })
export const rejectJob = (id, reason) => http.post(`/jobs/${id}/reject`, { reason })

// ---- Applicants (enterprise) ----
export const listApplications = (query = {}, { page, pageSize } = {}) => http.get('/job-applications', { ...query, page, size: pageSize })
export const exportApplications = (query, format) => download('/job-applications/export', { ...query, format }, `applications.${format}`)
export const moveApplication = (id, state, note) => http.post(`/job-applications/${id}/state`, { state, note })
/** The applicant's full mobile: audited by the server. */
export const applicantContact = (id) => http.get(`/job-applications/${id}/contact`)

// ---- Labour gap ----
export const labourGap = (query) => http.get('/jobs/labour-gap', query)
export const exportGap = (query, format) => download('/jobs/labour-gap/export', { ...query, format }, `labour-gap.${format}`)
