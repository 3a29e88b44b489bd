// A small Markdown subset for notice bodies, safe by construction: every character of the text is
// HTML-escaped first, and only these tags are added: h3–h5 (#, ##, ###), p, ul/ol/li (-, *, 1.), strong
// (**x**), code (`x`), and links to http(s) addresses ([text](https://…), rel=noopener, new tab).
// Raw HTML typed by a user therefore shows as text, never as markup.
const ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ESC[c])

function inline(escaped) {
  return escaped
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\((https?:\/\/[^\s)]+)\)/g, '<a href="$2" target="_blank" rel="noopener noreferrer">$1</a>')
}

export function renderMarkdown(text) {
  const lines = String(text || '').replace(/\r\n?/g, '\n').split('\n')
  const out = []
  let list = null // 'ul' | 'ol'
  let para = []
  const flushPara = () => {
    if (para.length) out.push(`<p>${para.map((l) => inline(escapeHtml(l))).join('<br>')}</p>`)
    para = []
  }
  const closeList = () => {
    if (list) out.push(`</${list}>`)
    list = null
  }
  for (const raw of lines) {
    const line = raw.trimEnd()
    let m
    if (!line.trim()) {
      flushPara()
      closeList()
    } else if ((m = /^(#{1,3})\s+(.*)$/.exec(line))) {
      flushPara()
      closeList()
      const level = m[1].length + 2
      out.push(`<h${level}>${inline(escapeHtml(m[2]))}</h${level}>`)
    } else if ((m = /^\s*(?:[-*]|(\d+)\.)\s+(.*)$/.exec(line))) {
      flushPara()
      const kind = m[1] ? 'ol' : 'ul'
      if (list !== kind) {
        closeList()
        out.push(`<${kind}>`)
        list = kind
      }
      out.push(`<li>${inline(escapeHtml(m[2]))}</li>`)
    } else {
      closeList()
      para.push(line)
    }
  }
  flushPara()
  closeList()
  return out.join('')
}
