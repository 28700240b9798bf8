// The self-check page. Every word comes from the catalogue (the JSON in the page); the findings
// and verdicts from the server, which runs the same check as `kiemtra check`.
'use strict';

const WORDS = JSON.parse(document.getElementById('words').textContent);
const FORMATS = (document.body.dataset.formats || 'html,xlsx,csv,json').split(',');
let lang = 'vi';
try { if (localStorage.getItem('kiemtra.lang') === 'en') lang = 'en'; } catch (e) { /* private mode */ }

const $ = (id) => document.getElementById(id);

/** The catalogue's text of `key` with each `{name}` filled. */
function t(key, args) {
  const text = (WORDS[lang] && WORDS[lang][key]) || WORDS.vi[key] || key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (args && name in args ? String(args[name]) : m));
}

/** An element with text (never HTML: every text from a document stays text). */
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'text') e.textContent = v;
    else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else e.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function applyWords() {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const e of document.querySelectorAll('[data-t]')) e.textContent = t(e.dataset.t);
  for (const e of document.querySelectorAll('[data-t-aria]')) e.setAttribute('aria-label', t(e.dataset.tAria));
  showChosen();
}

// ---- Language and tabs ----------------------------------------------------------------------

$('lang').addEventListener('click', () => {
  lang = lang === 'vi' ? 'en' : 'vi';
  try { localStorage.setItem('kiemtra.lang', lang); } catch (e) { /* private mode */ }
  applyWords();
  // The findings are worded by the server: asked again in the new language.
  if (secretary.files.length) checkSecretary();
  if (inspector.report) runInspector();
});

const tabs = [$('tab-secretary'), $('tab-inspector')];
function selectTab(tab) {
  for (const other of tabs) {
    const on = other === tab;
    other.setAttribute('aria-selected', on ? 'true' : 'false');
    $(other.getAttribute('aria-controls')).hidden = !on;
  }
}
for (const tab of tabs) {
  tab.addEventListener('click', () => selectTab(tab));
  tab.addEventListener('keydown', (ev) => {
    if (ev.key !== 'ArrowRight' && ev.key !== 'ArrowLeft') return;
    const next = tabs[(tabs.indexOf(tab) + 1) % tabs.length];
    next.focus();
    selectTab(next);
  });
}

// ---- Talking to the server --------------------------------------------------------------------

/** A form of the files (their names with their folders) and fields. */
function formOf(files, fields) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v) form.append(k, v);
  for (const f of files) form.append('file', f, f.webkitRelativePath || f.name);
  return form;
}

/** POSTs with upload progress; resolves with { status, body } (body a Blob). */
function post(url, form, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url + '?lang=' + lang);
    xhr.responseType = 'blob';
    if (onProgress) xhr.upload.onprogress = (ev) => ev.lengthComputable && onProgress(ev.loaded / ev.total);
    xhr.onload = () => resolve({ status: xhr.status, body: xhr.response });
    xhr.onerror = () => reject(new Error(t('error.network')));
    xhr.send(form);
  });
}

async function errorOf(response) {
  try { return JSON.parse(await response.body.text()).error || t('error.network'); } catch (e) { return t('error.network'); }
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

function status(box, text, kind) {
  box.replaceChildren(text ? el('p', { class: kind || '', text }) : '');
}

/** "4/2017" of a month "2017-04" or a date "2017-04-09". */
function monthText(value) {
  if (!value) return '';
  const [y, m] = value.split('-');
  return t('month', { month: String(Number(m)), year: y });
}

// ---- Secretary ----------------------------------------------------------------------------------

const secretary = { files: [] };

$('sec-files').addEventListener('change', (ev) => {
  secretary.files = [...ev.target.files];
  checkSecretary();
});
for (const id of ['sec-drop', 'ins-drop']) {
  const zone = $(id);
  zone.addEventListener('dragover', (ev) => { ev.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', (ev) => {
    ev.preventDefault();
    zone.classList.remove('over');
    const files = [...ev.dataTransfer.files];
    if (!files.length) return;
    if (id === 'sec-drop') { secretary.files = files; checkSecretary(); }
    else { inspector.files = files; showChosen(); }
  });
}

async function checkSecretary() {
  const box = $('sec-results');
  const started = performance.now();
  status($('sec-status'), t('secretary.checking', { n: secretary.files.length }), 'busy');
  box.replaceChildren();
  const fields = { lang, unit: $('sec-unit').value.trim() };
  try {
    const [report, reading] = await Promise.all([
      post('/api/check', formOf(secretary.files, fields)),
      post('/api/read', formOf(secretary.files, fields)),
    ]);
    if (report.status !== 200) {
      status($('sec-status'), await errorOf(report), 'bad');
      return;
    }
    const json = JSON.parse(await report.body.text());
    const read = reading.status === 200 ? JSON.parse(await reading.body.text()) : { files: [] };
    box.replaceChildren(...secretary.files.map((f) => documentCard(f.webkitRelativePath || f.name, json, read)));
    const seconds = ((performance.now() - started) / 1000).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    status($('sec-status'), t('secretary.done', { n: secretary.files.length, seconds }), 'done');
    box.dataset.ms = String(Math.round(performance.now() - started));
  } catch (e) {
    status($('sec-status'), e.message, 'bad');
  }
}

/** One document: its verdict per meeting, each finding beside the text it is about, what was
 * read, and the forms for its cell and month. */
function documentCard(name, report, reading) {
  const read = (reading.files || []).find((r) => r.file === name) || { records: [], paragraphs: [] };
  const findings = report.findings.filter((f) => f.file === name);
  const fileErrors = report.file_errors.filter((e) => e.file === name);
  const rejected = report.rejected.filter((r) => r.file === name);
  const card = el('article', { class: 'doc', 'aria-label': name });
  card.append(el('h3', { text: name }));
  if (fileErrors.length) {
    for (const e of fileErrors) card.append(el('p', { class: 'verdict bad', text: t('verdict.unreadable', { reason: e.reason }) }));
    return card;
  }
  const records = read.records.length ? read.records : [{ line: null }];
  for (const record of records) {
    const mine = findings.filter((f) => record.line === null || f.line === record.line);
    const refused = rejected.filter((r) => r.line === record.line);
    const month = monthText(record.date);
    const label = month ? t('verdict.minutes', { month }) : t('verdict.minutes_undated');
    let sentence;
    let kind;
    const errors = mine.filter((f) => f.severity === 'error').length;
    const warnings = mine.filter((f) => f.severity === 'warning').length;
    if (refused.length) {
      sentence = t('verdict.rejected', { minutes: label, reason: refused.map((r) => r.reason).join('; ') });
      kind = 'bad';
    } else if (errors) {
      sentence = t('verdict.fix', { minutes: label, n: errors });
      kind = 'bad';
    } else {
      sentence = t('verdict.ok', { minutes: label });
      kind = 'good';
    }
    if (!refused.length && warnings) sentence += ' ' + t('verdict.warnings', { n: warnings });
    const part = el('section', { class: 'meeting' });
    part.append(el('p', { class: 'verdict ' + kind, text: sentence }));
    if (mine.length) {
      part.append(el('ol', { class: 'findings' }, mine.map((f) => findingItem(f, read, record))));
    }
    const unit = report.units.find((u) => u.unit === record.unit);
    for (const note of (unit && unit.notes) || []) part.append(el('p', { class: 'note', text: note.message }));
    if (record.unit || record.date) part.append(formButtons(record.unit, record.date && record.date.slice(0, 7)));
    card.append(part);
  }
  card.append(readingView(read));
  return card;
}

/** A finding beside her own text: the paragraph or cell quoted, or the label not found. */
function findingItem(f, read, record) {
  const item = el('li', { class: 'finding ' + f.severity });
  const field = (record.fields || []).find((x) => x.pointer === f.pointer);
  if (f.word) {
    const para = (read.paragraphs || []).find((p) => p.n === f.word.paragraph);
    item.append(el('p', { class: 'where', text: t('finding.paragraph', { n: f.word.paragraph, label: f.word.label }) }));
    if (para) item.append(el('blockquote', { text: para.text }));
  } else if (f.column) {
    item.append(el('p', { class: 'where', text: t('finding.cell', { line: f.line, column: f.column, label: field ? field.label : '' }) }));
    item.append(el('blockquote', { text: field && field.value ? field.value : t('finding.empty') }));
  } else if (field) {
    item.append(el('p', { class: 'where', text: t('finding.field', { label: field.label }) }));
    item.append(el('blockquote', { text: field.value || t('finding.empty') }));
  } else if (f.pointer && read.paragraphs && read.paragraphs.length) {
    item.append(el('p', { class: 'where missing', text: t('finding.not_found') }));
  }
  item.append(el('p', { class: 'message' }, el('span', { class: 'badge ' + f.severity, text: t('severity.' + f.severity) }), ' ', f.message));
  if (f.hint) item.append(el('p', { class: 'hint-line' }, el('strong', { text: t('finding.write') }), ' ', f.hint));
  if (f.cites && f.cites.length) item.append(el('p', { class: 'clause' }, el('strong', { text: t('finding.clause') }), ' ', f.rule + ', ' + f.cites.join('; ')));
  return item;
}

/** What was read from the document: every field with its label, and (Word) every paragraph. */
function readingView(read) {
  const view = el('details', { class: 'reading' });
  view.append(el('summary', { text: t('reading.title') }));
  for (const record of read.records) {
    if (!record.fields || !record.fields.length) continue;
    const rows = record.fields.map((x) => el('tr', {}, el('th', { scope: 'row', text: x.label }), el('td', { text: x.value })));
    view.append(el('table', {}, el('caption', { text: read.paragraphs && read.paragraphs.length ? t('reading.record_word') : t('reading.record', { line: record.line }) }), el('tbody', {}, rows)));
  }
  if (read.paragraphs && read.paragraphs.length) {
    const list = el('ol', { class: 'paragraphs' }, read.paragraphs.map((p) => el('li', { value: p.n, text: p.text })));
    view.append(el('h4', { text: t('reading.paragraphs', { n: read.paragraphs.length }) }), list);
  }
  for (const p of read.problems || []) view.append(el('p', { class: 'note', text: p }));
  return view;
}

function formButtons(unit, month) {
  const m = monthText(month);
  return el('p', { class: 'buttons' },
    el('button', { type: 'button', class: 'button', onclick: () => downloadForm('docx', unit, month), text: t('forms.docx_for', { month: m }) }),
    el('button', { type: 'button', class: 'button', onclick: () => downloadForm('xlsx', unit, month), text: t('forms.xlsx_for', { month: m }) }));
}

async function downloadForm(format, unit, month) {
  const q = new URLSearchParams({ format, lang });
  if (unit) q.set('unit', unit);
  if (month) q.set('month', month);
  const response = await fetch('/api/template?' + q);
  if (!response.ok) {
    status($('sec-status'), (await response.json()).error, 'bad');
    return;
  }
  const name = ['mau-bien-ban', unit, month].filter(Boolean).join('-') + '.' + format;
  save(await response.blob(), name);
  status($('sec-status'), t('forms.saved', { name }), 'done');
}

$('form-docx').addEventListener('click', () => downloadForm('docx', $('form-unit').value.trim(), $('form-month').value));
$('form-xlsx').addEventListener('click', () => downloadForm('xlsx', $('form-unit').value.trim(), $('form-month').value));

// ---- Inspector ----------------------------------------------------------------------------------

const inspector = { files: [], report: null };

$('ins-folder').addEventListener('change', (ev) => { inspector.files = [...ev.target.files]; showChosen(); });
$('ins-files').addEventListener('change', (ev) => { inspector.files = [...ev.target.files]; showChosen(); });

function showChosen() {
  const box = $('ins-chosen');
  if (!box || !inspector.files.length) return;
  const bytes = inspector.files.reduce((n, f) => n + f.size, 0);
  box.textContent = t('inspector.chosen', { n: inspector.files.length, size: (bytes / 1048576).toLocaleString(lang, { maximumFractionDigits: 1 }) });
}

function inspectorFields(format) {
  return {
    lang,
    format,
    from: $('ins-from').value,
    to: $('ins-to').value,
    body: $('ins-body').value.trim(),
    place: $('ins-place').value.trim(),
    date: $('ins-date').value,
    signer_title: $('ins-signer-title').value.trim(),
    signer_name: $('ins-signer-name').value.trim(),
  };
}

$('ins-run').addEventListener('click', runInspector);

async function runInspector() {
  const box = $('ins-results');
  const bar = $('ins-progress');
  if (!inspector.files.length) {
    status($('ins-status'), t('inspector.none'), 'bad');
    return;
  }
  const started = performance.now();
  box.replaceChildren();
  bar.hidden = false;
  bar.value = 0;
  status($('ins-status'), t('inspector.sending', { n: inspector.files.length, percent: 0 }), 'busy');
  try {
    const response = await post('/api/check', formOf(inspector.files, inspectorFields('json')), (share) => {
      bar.value = Math.round(share * 100);
      const text = share < 1 ? t('inspector.sending', { n: inspector.files.length, percent: Math.round(share * 100) }) : t('inspector.checking', { n: inspector.files.length });
      $('ins-status').firstChild.textContent = text;
      if (share >= 1) bar.removeAttribute('value');
    });
    bar.hidden = true;
    if (response.status !== 200) {
      status($('ins-status'), await errorOf(response), 'bad');
      return;
    }
    inspector.report = JSON.parse(await response.body.text());
    box.replaceChildren(...reportView(inspector.report));
    const seconds = ((performance.now() - started) / 1000).toLocaleString(lang, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    status($('ins-status'), t('inspector.done', { seconds }), 'done');
    box.dataset.ms = String(Math.round(performance.now() - started));
  } catch (e) {
    bar.hidden = true;
    status($('ins-status'), e.message, 'bad');
  }
}

async function downloadReport(format) {
  status($('ins-status'), t('inspector.making', { format: format.toUpperCase() }), 'busy');
  const response = await post('/api/check', formOf(inspector.files, inspectorFields(format)));
  if (response.status !== 200) {
    status($('ins-status'), await errorOf(response), 'bad');
    return;
  }
  const name = 'bao-cao-kiem-tra.' + format;
  save(response.body, name);
  status($('ins-status'), t('forms.saved', { name }), 'done');
}


function percent(rate) {
  return (rate * 100).toLocaleString(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 }) + ' %';
}

function table(caption, heads, rows) {
  return el('div', { class: 'scroll', tabindex: '0', role: 'region', 'aria-label': caption },
    el('table', {}, el('caption', { text: caption }),
      el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col', text: h })))),
      el('tbody', {}, rows.map((r) => el('tr', {}, r.map((c) => el('td', { text: c })))))));
}

/** The district report in the page: totals, downloads, committees, cells, findings. */
function reportView(r) {
  const s = r.summary;
  const out = [];
  out.push(el('h2', { text: t('report.title') }));
  out.push(el('p', { class: 'verdict ' + (s.error ? 'bad' : 'good'), text: t('report.summary', {
    files: s.files, records: s.records, checked: s.checked, rejected: s.rejected, units: s.units,
    errors: s.error, warnings: s.warning, infos: s.info }) }));
  if (r.totals) {
    out.push(el('p', { text: t('report.totals', { held: r.totals.months_held, expected: r.totals.months_expected, compliant: r.totals.months_compliant, rate: percent(r.totals.compliance_rate), rating: t('rating.' + r.totals.rating) }) }));
  }
  out.push(el('p', { class: 'buttons downloads' }, el('span', { text: t('report.download') }),
    FORMATS.map((f) => el('button', { type: 'button', class: 'button', onclick: () => downloadReport(f), text: t('report.format.' + f) }))));
  if (r.parents && r.parents.length) {
    out.push(table(t('report.parents'), [t('col.parent'), t('col.units'), t('col.expected'), t('col.held'), t('col.compliant'), t('col.rate'), t('col.rating')],
      r.parents.map((p) => [p.parent || t('report.no_parent'), p.units.length, p.months_expected, p.months_held, p.months_compliant, percent(p.compliance_rate), t('rating.' + p.rating)])));
  }
  out.push(table(t('report.units'), [t('col.unit'), t('col.name'), t('col.period'), t('col.held'), t('col.compliant'), t('col.rate'), t('col.errors'), t('col.warnings')],
    r.units.map((u) => [u.unit, u.name || '', monthText(u.from) + ' – ' + monthText(u.to), u.months_held + '/' + u.months_expected, u.months_compliant, percent(u.compliance_rate), u.error, u.warning])));
  const shown = r.findings.slice(0, 100);
  if (shown.length) {
    out.push(table(t('report.findings', { shown: shown.length, n: r.findings.length }), [t('col.unit'), t('col.month'), t('col.file'), t('col.rule'), t('col.severity'), t('col.message')],
      shown.map((f) => [f.unit, monthText(f.month), f.file ? f.file + (f.line ? ':' + f.line : '') : '', f.rule, t('severity.' + f.severity), f.message])));
  }
  if (r.file_errors.length) {
    out.push(el('h3', { text: t('report.file_errors', { n: r.file_errors.length }) }),
      el('ul', {}, r.file_errors.map((e) => el('li', { text: e.file + ': ' + e.reason }))));
  }
  if (r.rejected.length) {
    out.push(el('h3', { text: t('report.rejected', { n: r.rejected.length }) }),
      el('ul', {}, r.rejected.slice(0, 200).map((e) => el('li', { text: e.file + ':' + e.line + ': ' + e.reason }))));
  }
  return out;
}

applyWords();
