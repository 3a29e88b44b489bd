// fetch wrapper for the Fugong API (/api/v1). The browser session is the HttpOnly cookie;
// every state-changing request carries the CSRF token the server handed out at login / me.
import { useAuthStore } from '@/stores/auth'
import { i18n } from '@/i18n'

export const API_BASE = '/api/v1'

let onUnauthorized = () => {}

/** Registers what to do when the server answers 401 (main.js: go to the login page). */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn
}

export function currentLanguage() {
  return i18n.global.locale.value
}

export function csrfToken() {
  return useAuthStore().csrfToken || ''
}

/** Builds a query string from an object; arrays repeat the key, empty values are left out. */
export function toQuery(params = {}) {
  const search = new URLSearchParams()
  for (const [key, value] of Object.entries(params)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') search.append(key, String(v))
    }
  }
  const s = search.toString()
  return s ? `?${s}` : ''
}

/** Turns an error answer `{"code","message","field"}` into an Error with .code, .field and .status. */
export function apiError(status, body) {
  const t = i18n.global.t
  const message = (body && body.message) || (status === 0 ? t('error.network') : t('error.http', { status }))
  const err = new Error(message)
  err.status = status
  err.code = (body && body.code) || (status === 0 ? 'network' : `http_${status}`)
  err.field = (body && body.field) || ''
  return err
}

function parseJson(text) {
  try {
    return text ? JSON.parse(text) : null
  } catch {
    return null
  }
}

/**
 * request('GET', '/enterprises', { query, body, blob, auth })
 * - query: object for the query string; body: JSON body (or FormData);
 * - blob: return { blob, filename } instead of JSON (downloads);
 * - auth: false for the login call itself, whose 401 means bad credentials, not an expired session.
 */
export async function request(method, path, { query, body, blob = false, auth = true } = {}) {
  const headers = { 'Accept-Language': currentLanguage(), Accept: blob ? '*/*' : 'application/json' }
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken()
  let payload
  if (body instanceof FormData) payload = body
  else if (body !== undefined) {
    headers['Content-Type'] = 'application/json'
    payload = JSON.stringify(body)
  }

  let res
  try {
    res = await fetch(API_BASE + path + toQuery(query), { method, headers, body: payload, credentials: 'same-origin' })
  } catch {
    throw apiError(0, null)
  }

  if (!res.ok) {
    const err = apiError(res.status, parseJson(await res.text()))
    if (res.status === 401 && auth) onUnauthorized(err)
    throw err
  }
  if (blob) return { blob: await res.blob(), filename: filenameFrom(res.headers.get('Content-Disposition')) }
  if (res.status === 204) return null
  return parseJson(await res.text())
}

export const http = {
  get: (path, query, opts) => request('GET', path, { ...opts, query }),
  post: (path, body, opts) => request('POST', path, { ...opts, body }),
  put: (path, body, opts) => request('PUT', path, { ...opts, body }),
  delete: (path, opts) => request('DELETE', path, opts),
}

function filenameFrom(disposition) {
  if (!disposition) return ''
  const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition)
  if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''))
  const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition)
  return plain ? plain[1].trim() : ''
}

/** Downloads a file answer (export, template, error report) and saves it under the server's file name. */
export async function download(path, query, fallbackName) {
  const { blob, filename } = await request('GET', path, { query, blob: true })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = filename || fallbackName
  document.body.appendChild(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10000)
}

/**
 * Uploads a file as multipart field "file" with XMLHttpRequest, whose upload events give real progress.
 * onProgress(percent) is called while the bytes go out; the promise resolves with the JSON answer.
 * fields: further multipart fields sent before the file (e.g. { kind: 'order' }).
 */
export function upload(path, file, onProgress, fields = {}) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('POST', API_BASE + path)
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.setRequestHeader('Accept-Language', currentLanguage())
    xhr.setRequestHeader('X-CSRF-Token', csrfToken())
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(Math.round((e.loaded / e.total) * 100))
    }
    xhr.onload = () => {
      const body = parseJson(xhr.responseText)
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body)
      const err = apiError(xhr.status, body)
      if (xhr.status === 401) onUnauthorized(err)
      reject(err)
    }
    xhr.onerror = () => reject(apiError(0, null))
    const form = new FormData()
    for (const [key, value] of Object.entries(fields)) form.append(key, value)
    form.append('file', file)
    xhr.send(form)
  })
}
