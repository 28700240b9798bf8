// The self-check page in a real browser: Debian's Chromium driven by playwright-core, against
// `kiemtra serve` on a free loopback port. Run by scripts/ci-browser.sh (which builds kiemtra
// and installs what this needs); screenshots go to tests/browser/screenshots/.
//
// KIEMTRA: the binary (default target/debug/kiemtra); CHROMIUM: the browser (/usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const KIEMTRA = process.env.KIEMTRA || path.join(ROOT, 'target/debug/kiemtra');
const SHOTS = path.join(HERE, 'screenshots');
const GAP = path.join(ROOT, 'fixtures/serve/ht-cb04-2017-04-thieu.docx');
const FIXED = path.join(ROOT, 'fixtures/serve/ht-cb04-2017-04-da-sua.docx');
const BATCH = path.join(ROOT, 'fixtures/batch');
const DESKTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };

let server;
let url;
let context;
let work;

before(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'kiemtra-browser-'));
  mkdirSync(SHOTS, { recursive: true });
  server = spawn(KIEMTRA, ['--no-config', 'serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const found = out.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (found) resolve(found[0]);
    });
    server.on('exit', (code) => reject(new Error(`kiemtra serve ended (${code}): ${out}`)));
  });
  context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    acceptDownloads: true,
    viewport: DESKTOP,
    // An office PC in Vietnam: dates and months shown day first.
    locale: 'vi-VN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  // Nothing outside the page is ever asked for.
  context.on('request', (r) => assert.ok(r.url().startsWith(url) || r.url().startsWith('blob:'), r.url()));
});

after(async () => {
  await context?.close();
  server?.kill();
  rmSync(work, { recursive: true, force: true });
});

async function freshPage(viewport = DESKTOP) {
  const page = await context.newPage();
  await page.setViewportSize(viewport);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(url);
  // The page in front, as a person's window is: keys go to it.
  await page.bringToFront();
  page.errors = errors;
  return page;
}

function kiemtra(args, cwd) {
  try {
    return execFileSync(KIEMTRA, ['--no-config', ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    // Exit 1: findings; the report is still on standard output.
    if (e.status === 1) return e.stdout;
    throw e;
  }
}

// First: the browser hands a file chooser to a key only while no other page of the profile has
// been driven (seen with Chromium 156 headless).
test('keyboard only: choose minutes, read the verdict, download a form, change tab', async () => {
  const page = await freshPage();
  // Tab until the secretary's file input has the focus.
  let focused = '';
  for (let i = 0; i < 15 && focused !== 'sec-files'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement.id);
  }
  assert.equal(focused, 'sec-files');
  // Enter on the focused input opens the system's file dialog. Headless Chromium hands that
  // dialog to the test only sometimes (under load, never): when it does not, the files are
  // given to the focused input itself, which is what the dialog would do.
  const chooser = await Promise.all([
    page.waitForEvent('filechooser', { timeout: 5000 }).catch(() => null),
    page.keyboard.press('Enter'),
  ]).then(([c]) => c);
  if (chooser) {
    await chooser.setFiles(GAP);
  } else {
    await page.locator('#sec-files:focus').setInputFiles(GAP);
  }
  await page.locator('#sec-results .verdict').first().waitFor();
  // On to the first form button of the document, by Tab alone.
  for (let i = 0; i < 25; i++) {
    await page.keyboard.press('Tab');
    const text = await page.evaluate(() => document.activeElement.textContent);
    if (/Tải mẫu Word tháng/.test(text)) break;
  }
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  assert.match(download.suggestedFilename(), /\.docx$/);
  // The tabs: focus the secretary's tab, arrow to the inspector's.
  await page.locator('#tab-secretary').focus();
  await page.keyboard.press('ArrowRight');
  assert.equal(await page.locator('#inspector').isVisible(), true);
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-inspector');
  await page.close();
});

test('a Word minutes document with a gap: the finding beside its paragraph', async () => {
  const page = await freshPage();
  const started = Date.now();
  await page.setInputFiles('#sec-files', GAP);
  const verdict = page.locator('#sec-results .verdict').first();
  await verdict.waitFor();
  const ms = Date.now() - started;
  console.log(`drop → verdict, one month's Word minutes: ${ms} ms (page's own count ${await page.locator('#sec-results').getAttribute('data-ms')} ms)`);
  assert.equal(await verdict.textContent(), 'Biên bản tháng 4/2017: cần bổ sung 1 nội dung trước khi nộp. Có 1 điểm nên xem lại.');
  const conclusion = page.locator('li.finding.error');
  assert.match(await conclusion.locator('.where').textContent(), /^Đoạn 27 “Kết luận” trong biên bản:$/);
  assert.equal(await conclusion.locator('blockquote').textContent(), 'Kết luận: …………………………');
  assert.match(await conclusion.textContent(), /Biên bản không ghi kết luận của đồng chí chủ trì/);
  assert.match(await conclusion.textContent(), /Cần ghi:.*vào “Kết luận”/);
  assert.match(await conclusion.textContent(), /Căn cứ: CD306, §III\.1 bước 3/);
  await page.screenshot({ path: path.join(SHOTS, 'secretary-1366x768.png') });
  // What was read: the parts with their labels, and the whole text.
  await page.locator('details.reading summary').click();
  assert.match(await page.locator('details.reading').textContent(), /Mã chi bộHT-CB04/);
  assert.match(await page.locator('details.reading').textContent(), /Ghi sổ biên bảncó/);
  await page.screenshot({ path: path.join(SHOTS, 'secretary-1366x768-full.png'), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.evaluate(() => document.querySelector('#sec-results').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(SHOTS, 'secretary-390x844.png') });
  await page.screenshot({ path: path.join(SHOTS, 'secretary-390x844-full.png'), fullPage: true });
  // Nothing wider than the phone's screen.
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= PHONE.width, `page ${wide}px wide on a 390px screen`);
  assert.deepEqual(page.errors, []);
  await page.close();
});

test('the fixed minutes can be submitted', async () => {
  const page = await freshPage();
  await page.setInputFiles('#sec-files', FIXED);
  const verdict = page.locator('#sec-results .verdict').first();
  await verdict.waitFor();
  assert.equal(await verdict.textContent(), 'Biên bản tháng 4/2017: có thể nộp.');
  assert.equal(await page.locator('li.finding').count(), 0);
  await page.close();
});

test('a form downloaded is read back by kiemtra check', async () => {
  const page = await freshPage();
  await page.setInputFiles('#sec-files', GAP);
  await page.locator('#sec-results .verdict').first().waitFor();
  for (const [button, ext] of [[/Tải mẫu Word tháng 4\/2017/, 'docx'], [/Tải mẫu Excel tháng 4\/2017/, 'xlsx']]) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    assert.equal(download.suggestedFilename(), `mau-bien-ban-HT-CB04-2017-04.${ext}`);
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    const report = JSON.parse(kiemtra(['check', '--format', 'json', download.suggestedFilename()], work));
    // The blank form is the cell's minutes of April 2017, not yet filled in: read, and
    // refused as minutes without their meeting's date.
    assert.equal(report.summary.files, 1, ext);
    assert.deepEqual(report.file_errors, [], ext);
    assert.equal(report.summary.records, 1, ext);
  }
  await page.close();
});

test('the language switches, findings included', async () => {
  const page = await freshPage();
  await page.setInputFiles('#sec-files', GAP);
  await page.locator('#sec-results .verdict').first().waitFor();
  await page.locator('#lang').click();
  await page.getByText('Minutes of 4/2017: 1 item(s) to add before submitting.', { exact: false }).waitFor();
  assert.equal(await page.locator('h1').textContent(), 'Self-check of themed-session minutes');
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  assert.match(await page.locator('li.finding.error').textContent(), /conclusion/i);
  await page.screenshot({ path: path.join(SHOTS, 'secretary-en-1366x768.png') });
  await page.locator('#lang').click();
  await page.getByText('Biên bản tháng 4/2017: cần bổ sung 1 nội dung', { exact: false }).waitFor();
  await page.close();
});

test('the inspector: a folder, the district report, its downloads', async () => {
  const page = await freshPage();
  await page.getByRole('tab', { name: /Cán bộ kiểm tra/ }).click();
  await page.setInputFiles('#ins-folder', BATCH);
  assert.match(await page.locator('#ins-chosen').textContent(), /Đã chọn 4 tệp/);
  await page.fill('#ins-body', 'BAN TUYÊN GIÁO HUYỆN ỦY HÀM THUẬN BẮC');
  await page.fill('#ins-place', 'Hàm Thuận Bắc');
  const started = Date.now();
  await page.locator('#ins-run').click();
  await page.locator('#ins-results h2').waitFor();
  console.log(`folder → district report, fixtures/batch: ${Date.now() - started} ms (page's own count ${await page.locator('#ins-results').getAttribute('data-ms')} ms)`);
  const cli = JSON.parse(kiemtra(['check', '--format', 'json', 'batch'], path.dirname(BATCH)));
  assert.match(await page.locator('#ins-results .verdict').textContent(), new RegExp(`Đọc ${cli.summary.records} biên bản từ 4 tệp`));
  await page.evaluate(() => document.querySelector('#ins-results h2').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(SHOTS, 'inspector-1366x768.png') });
  await page.screenshot({ path: path.join(SHOTS, 'inspector-1366x768-full.png'), fullPage: true });
  await page.setViewportSize(PHONE);
  await page.evaluate(() => document.querySelector('#ins-results h2').scrollIntoView({ block: 'start' }));
  await page.screenshot({ path: path.join(SHOTS, 'inspector-390x844.png') });
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= PHONE.width, `page ${wide}px wide on a 390px screen`);
  await page.setViewportSize(DESKTOP);
  const formats = (await page.locator('body').getAttribute('data-formats')).split(',');
  for (const format of formats) {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.downloads button').nth(formats.indexOf(format)).click(),
    ]);
    assert.equal(download.suggestedFilename(), `bao-cao-kiem-tra.${format}`);
    const file = path.join(work, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    if (format === 'json') {
      // What the page downloads is what the command line writes for the same folder.
      assert.deepEqual(JSON.parse(bytes), cli);
    } else if (format === 'html') {
      assert.match(bytes.toString("utf8"), /BAN TUYÊN GIÁO/);
      assert.match(bytes.toString("utf8"), /Hàm Thuận Bắc, ngày/);
    } else if (format === 'docx' || format === 'xlsx') {
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', format);
    } else {
      assert.ok(bytes.length > 0, format);
    }
  }
  assert.deepEqual(page.errors, []);
  await page.close();
});
