// The pages as a person meets them, in real headless Chromium (Debian's /usr/bin/chromium)
// driven by playwright-core, each checked by axe-core for WCAG 2.0, 2.1 and 2.2 A and AA at
// three sizes: a desktop window 1280 px wide, a phone 320 px wide, and that desktop window at
// 200% zoom. Zoom is emulated the way a browser does it: at 200% the page lays out in half as
// many CSS pixels (a 640 x 400 viewport) drawn with two device pixels to each, which is what
// WCAG 1.4.4 asks to survive. Each page is also loaded with JavaScript off, must not scroll
// sideways at 320 px (WCAG 1.4.10), and must load its assets without a CSP violation.
//
// Then the walk (walk.mjs): a complaint carried through both stages to the Ombudsman at each
// size, and once more by keyboard alone, every page checked the same way; and the resident's
// journey (resident.mjs): a complaint made online, its email read from a real SMTP server on
// loopback (tests/smtp/sink.py), tracked, added to and escalated, the same way.
//
// It starts `putright demo --listen 127.0.0.1:0` in a temporary directory, reads the address
// it prints, and writes a screenshot of every page at every size into a temporary folder.
// The binary is $PUTRIGHT_BIN, else the newer of the release and debug builds in
// $CARGO_TARGET_DIR (or ./target).
//
// Usage: node tests/browser/check.mjs

import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { createServer } from 'node:net'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

import { chromium } from 'playwright-core'

import { complain } from './resident.mjs'
import { walk } from './walk.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const require = createRequire(import.meta.url)
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']

const SIZES = [
  { name: 'desktop', viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
  { name: 'narrow-320', viewport: { width: 320, height: 640 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true },
  { name: 'zoom-200', viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }
]

// Every page there is, with who visits it (a demo user, or no one signed in), the status and
// the heading each must show.
const PAGES = [
  { name: 'sign-in', user: null, path: '/sign-in', status: 200, heading: 'Sign in' },
  { name: 'not-found', user: null, path: '/no-such-page', status: 404, heading: 'Page not found' },
  { name: 'no-such-case', user: 'officer', path: '/cases/NO-SUCH-CASE', status: 404, heading: 'Page not found' },
  { name: 'cases', user: 'officer', path: '/cases', status: 200, heading: 'Cases' },
  { name: 'cases-filtered', user: 'officer', path: '/cases?kind=complaint&stage=2&sort=oldest&q=road', status: 200, heading: 'Cases' },
  { name: 'cases-error', user: 'officer', path: '/cases?received_from=2025-02-30', status: 200, heading: 'Cases' },
  { name: 'case', user: 'officer', path: '/cases/PR-2023-0000060', status: 200, heading: 'PR-2023-0000060' },
  { name: 'amend', user: 'officer', path: '/cases/PR-2023-0000060/amend', status: 200, heading: 'Correct the record' },
  { name: 'attachments', user: 'officer', path: '/cases/PR-2023-0000060/attachments', status: 200, heading: 'Files' },
  { name: 'orders', user: 'officer', path: '/orders', status: 200, heading: "The Ombudsman's orders" },
  { name: 'order-new', user: 'officer', path: '/orders/new', status: 200, heading: 'Record an Ombudsman order' },
  { name: 'actions', user: 'officer', path: '/actions', status: 200, heading: 'Outstanding actions past their date' },
  { name: 'figures', user: 'officer', path: '/figures?year=2024/25&figure=stats.volumes.complaint_stage2', status: 200, heading: 'The cases behind a figure' },
  { name: 'figures-board', user: 'board', path: '/figures?year=2024/25&figure=tsm.lcra.stage1_responded_within', status: 200, heading: 'The cases behind a figure' },
  { name: 'figures-error', user: 'officer', path: '/figures?year=2024&figure=stats.nothing', status: 200, heading: 'The cases behind a figure' },
  { name: 'dashboard-board', user: 'board', path: '/dashboard', status: 200, heading: 'Complaints received' },
  { name: 'dashboard-timeliness', user: 'officer', path: '/dashboard?view=timeliness&year=2024/25&quarter=Q3&tenure=tenant', status: 200, heading: 'Timeliness' },
  { name: 'dashboard-outcomes', user: 'board', path: '/dashboard?view=outcomes&year=2024/25', status: 200, heading: 'Outcomes' },
  { name: 'dashboard-ombudsman', user: 'board', path: '/dashboard?view=ombudsman&year=2024/25', status: 200, heading: 'Ombudsman and orders' },
  { name: 'dashboard-error', user: 'officer', path: '/dashboard?year=2024/25&month=1999-01', status: 200, heading: 'Complaints received' },
  { name: 'learning-measured', user: 'board', path: '/learning', status: 200, heading: 'What changed after learning from complaints' },
  { name: 'account-feed', user: 'officer', path: '/account/feed', status: 200, heading: 'Your data feed' },
  { name: 'admin-feeds', user: 'admin', path: '/admin/feeds', status: 200, heading: 'API and data feed tokens' },
  { name: 'admin-token-new', user: 'admin', path: '/admin/feeds/new', status: 200, heading: 'Make an API token' },
  { name: 'reports', user: 'board', path: '/reports', status: 200, heading: 'Reports' },
  { name: 'report-tsm', user: 'board', path: '/reports/tsm?year=2024/25', status: 200, heading: 'Tenant Satisfaction Measures: complaints' },
  { name: 'report-stats', user: 'officer', path: '/reports/stats?year=2024/25', status: 200, heading: 'Complaints statistics' },
  { name: 'report-quarterly', user: 'board', path: '/reports/quarterly?quarter=2024/25-Q3', status: 200, heading: 'Quarterly report to the Member Responsible for Complaints' },
  { name: 'report-annual', user: 'board', path: '/reports/annual?year=2024/25', status: 200, heading: 'Annual complaints performance and service improvement report' },
  { name: 'narrative', user: 'officer', path: '/reports/annual/narrative?year=2024/25', status: 200, heading: 'The narrative' },
  { name: 'publish', user: 'officer', path: '/reports/annual/publish?year=2024/25', status: 200, heading: 'Publish the annual report' },
  { name: 'self-assessment', user: 'board', path: '/reports/self-assessment?year=2024/25', status: 200, heading: 'Self-assessment against the Complaint Handling Code' },
  { name: 'assess', user: 'officer', path: '/reports/self-assessment/5.8?year=2024/25', status: 200, heading: 'Provision 5.8' },
  { name: 'ombudsman-reports', user: 'board', path: '/reports/ombudsman-reports', status: 200, heading: "The Ombudsman's reports about the landlord" },
  { name: 'ombudsman-report-new', user: 'officer', path: '/reports/ombudsman-reports/new', status: 200, heading: 'Record an Ombudsman report' },
  { name: 'benchmarking', user: 'board', path: '/reports/benchmarking?year=2024/25', status: 200, heading: 'Benchmarking: Demo Borough Council beside others' },
  { name: 'spellings', user: 'officer', path: '/reports/benchmarking/spellings', status: 200, heading: "Landlords' spellings in the Ombudsman's findings" },
  { name: 'sector-figures', user: 'officer', path: '/reports/benchmarking/sector?year=2024/25', status: 200, heading: "The sector's TSM complaints figures" },
  { name: 'learning', user: 'officer', path: '/cases/PR-2023-0000060/learning', status: 200, heading: 'Add a learning action' },
  { name: 'restriction', user: 'officer', path: '/cases/PR-2023-0000060/arrangements/restriction', status: 200, heading: 'Record a contact restriction' },
  { name: 'evidence-request', user: 'officer', path: '/cases/PR-2023-0000060/evidence', status: 200, heading: 'Record a request from the Ombudsman' },
  { name: 'preference', user: 'officer', path: '/cases/PR-2023-0000060/arrangements/preference', status: 200, heading: 'Record how they want to be contacted' },
  { name: 'links', user: 'officer', path: '/cases/PR-2023-0000060/links', status: 200, heading: 'Link to another case' },
  { name: 'drafts', user: 'officer', path: '/drafts', status: 200, heading: 'Responses waiting for a quality check' },
  { name: 'letter', user: 'officer', path: '/cases/PR-2023-0000060/letters/acknowledgement', status: 200, heading: 'Acknowledgement letter' },
  { name: 'letter-templates', user: 'officer', path: '/letters', status: 200, heading: 'Letter templates' },
  { name: 'letter-template', user: 'officer', path: '/letters/stage1_response', status: 200, heading: 'Stage 1 response' },
  { name: 'print-queue', user: 'officer', path: '/print', status: 200, heading: 'Print queue' },
  { name: 'outbox', user: 'officer', path: '/outbox', status: 200, heading: 'Outbox' },
  { name: 'cases-board', user: 'board', path: '/cases', status: 200, heading: 'Cases' },
  { name: 'home-board', user: 'board', path: '/', status: 200, heading: 'Hello, Audit and Governance Committee' },
  { name: 'home-officer', user: 'officer', path: '/', status: 200, heading: 'Hello, Sam Patel' },
  { name: 'password', user: 'officer', path: '/account/password', status: 200, heading: 'Change your password' },
  { name: 'home-admin', user: 'admin', path: '/', status: 200, heading: 'Hello, Pat Okafor' },
  { name: 'users', user: 'admin', path: '/admin/users', status: 200, heading: 'Users' },
  { name: 'sign-ins', user: 'admin', path: '/admin/sign-ins', status: 200, heading: 'Sign-ins' },
  { name: 'reminders', user: 'admin', path: '/admin/reminders', status: 200, heading: 'Daily reminders' },
  { name: 'forbidden', user: 'board', path: '/admin/users', status: 403, heading: 'You cannot see this page' },
  { name: 'home-dpo', user: 'dpo', path: '/', status: 200, heading: 'Hello, Dee Adeyemi' },
  { name: 'data-protection', user: 'dpo', path: '/data-protection', status: 200, heading: 'Data protection' },
  { name: 'retention-schedule', user: 'dpo', path: '/data-protection/schedule', status: 200, heading: 'Set the retention schedule' },
  { name: 'subject-access', user: 'dpo', path: '/data-protection/subject-access', status: 200, heading: 'Answer a subject access request' },
  { name: 'erase', user: 'dpo', path: '/data-protection/erase', status: 200, heading: "Erase a case's personal data on request" },
  { name: 'dpo-no-cases', user: 'dpo', path: '/cases', status: 403, heading: 'You cannot see this page' },
  { name: 'complain', user: null, path: '/complain', status: 200, heading: 'Make a complaint' },
  { name: 'complain-what', user: null, path: '/complain/what', status: 200, heading: 'What went wrong?' },
  { name: 'complain-when', user: null, path: '/complain/when', status: 200, heading: 'When did it happen?' },
  { name: 'feedback', user: null, path: '/feedback', status: 200, heading: 'Give a compliment or comment' },
  { name: 'feedback-kind', user: null, path: '/feedback/kind', status: 200, heading: 'Is it a compliment or a comment?' },
  { name: 'complaints-policy', user: null, path: '/complaints-policy', status: 200, heading: 'How we handle complaints' },
  { name: 'track-lost', user: null, path: '/track', status: 200, heading: 'Get a new link to your case' },
  { name: 'track-expired', user: null, path: `/track/${'0'.repeat(64)}`, status: 404, heading: 'Page not found' }
]

// Signs a browser context in as a demo user through the sign-in page, as a person would.
async function signIn (context, base, user) {
  const page = await context.newPage()
  await page.goto(`${base}/sign-in`)
  await page.fill('#username', user)
  await page.fill('#password', `demo-${user}-password`)
  await page.click('button.govuk-button')
  await page.waitForURL(url => !url.pathname.startsWith('/sign-in'))
  await page.close()
}

// What a walk checks on each page it reaches: axe-core's rules, no sideways scrolling, and a
// screenshot named after the step.
function checker (page, prefix, problems) {
  return async what => {
    await page.evaluate(axeSource)
    const results = await page.evaluate(tags => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS)
    for (const v of results.violations) {
      problems.push(`${what}: axe ${v.id} (${v.impact}): ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join('; ')}`)
    }
    const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    if (sideways > 0) problems.push(`${what}: the page scrolls sideways by ${sideways} px`)
    await page.screenshot({ path: `${prefix}-${what.replace(/[^a-z0-9]+/g, '-')}.png`, fullPage: true })
  }
}

// The walks' assertion: a mismatch stops the walk with what was found.
function expect (got, want, what = '') {
  if (got !== want) throw new Error(`${what || 'expected'}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`)
}

function binary () {
  if (process.env.PUTRIGHT_BIN) return process.env.PUTRIGHT_BIN
  const target = process.env.CARGO_TARGET_DIR ?? join(root, 'target')
  const builds = ['release', 'debug']
    .map(profile => join(target, profile, 'putright'))
    .filter(path => existsSync(path))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  if (builds.length === 0) throw new Error(`no putright binary in ${target}: run cargo build first`)
  return builds[0]
}

// A port free on loopback now.
function freePort () {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// Starts the SMTP server the demo sends to, writing each message into `dir`.
async function startSink (dir) {
  const port = await freePort()
  const child = spawn('python3', [join(root, 'tests/smtp/sink.py'), String(port), dir], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise((resolve, reject) => {
    child.on('exit', code => reject(new Error(`the SMTP sink exited with ${code}`)))
    createInterface({ input: child.stdout }).on('line', line => { if (line === 'listening') resolve() })
  })
  return { child, url: `smtp://127.0.0.1:${port}` }
}

// Starts the demonstration server and resolves with its address and process.
function startDemo (dir, smtpUrl) {
  const env = { ...process.env, PUTRIGHT_SMTP_URL: smtpUrl }
  delete env.DATABASE_URL
  delete env.PUTRIGHT_DATABASE_URL
  const child = spawn(binary(), ['demo', '--listen', '127.0.0.1:0'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'inherit'] })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('putright demo did not say where it serves within 5 minutes')), 300_000)
    child.on('exit', code => reject(new Error(`putright demo exited with ${code} before serving`)))
    createInterface({ input: child.stdout }).on('line', line => {
      const match = line.match(/^putright is serving at (http:\/\/[^/]+)\//)
      if (match) {
        clearTimeout(timer)
        resolve({ child, base: match[1] })
      }
    })
  })
}

async function main () {
  const failures = []
  const shots = mkdtempSync(join(tmpdir(), 'putright-screens-'))
  const data = mkdtempSync(join(tmpdir(), 'putright-browser-'))
  const mailDir = mkdtempSync(join(tmpdir(), 'putright-mail-'))
  const sink = await startSink(mailDir)
  const { child, base } = await startDemo(data, sink.url)
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] })
  try {
    for (const size of SIZES) {
      const { name: _name, ...options } = size
      const contexts = new Map()
      for (const spec of PAGES) {
        const where = `${spec.path} as ${spec.user ?? 'no one'} at ${size.name}`
        if (!contexts.has(spec.user)) {
          const context = await browser.newContext(options)
          if (spec.user) await signIn(context, base, spec.user)
          contexts.set(spec.user, context)
        }
        const page = await contexts.get(spec.user).newPage()
        const problems = []
        page.on('console', message => {
          // A page that is meant to answer 403 or 404 makes the browser log that status.
          const expected = spec.status >= 400 && message.text().includes(`status of ${spec.status}`)
          if (message.type() === 'error' && !expected) problems.push(`console: ${message.text()}`)
        })
        page.on('pageerror', error => problems.push(`script error: ${error.message}`))
        page.on('response', response => {
          if (response.url() !== `${base}${spec.path}` && response.status() >= 400) {
            problems.push(`${response.url()} answered ${response.status()}`)
          }
        })
        const response = await page.goto(`${base}${spec.path}`, { waitUntil: 'networkidle' })
        if (response.status() !== spec.status) problems.push(`status ${response.status()}, expected ${spec.status}`)
        const heading = (await page.locator('h1').first().textContent())?.trim()
        if (heading !== spec.heading) problems.push(`h1 is "${heading}", expected "${spec.heading}"`)
        const styled = await page.evaluate(() => ({
          // GOV.UK Frontend sets its typeface on its classes, not on the body.
          // A question that is the page's heading has its label inside the h1, styled there.
          font: getComputedStyle(document.querySelector('h1 > label') ?? document.querySelector('h1')).fontFamily,
          supported: document.body.classList.contains('govuk-frontend-supported'),
          sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth
        }))
        if (!styled.font.includes('GDS Transport')) problems.push(`the GOV.UK stylesheet is not applied (font ${styled.font})`)
        if (!styled.supported) problems.push('GOV.UK Frontend\'s script did not start')
        if (styled.sideways > 0) problems.push(`the page scrolls sideways by ${styled.sideways} px`)

        await page.evaluate(axeSource)
        const results = await page.evaluate(tags => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }), TAGS)
        for (const v of results.violations) {
          const targets = v.nodes.map(n => n.target.join(' ')).join('; ')
          problems.push(`axe ${v.id} (${v.impact}): ${v.help} at ${targets}`)
        }
        await page.screenshot({ path: join(shots, `${spec.name}-${size.name}.png`), fullPage: true })
        for (const p of problems) failures.push(`${where}: ${p}`)
        console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${where}`)
        await page.close()
      }
      for (const context of contexts.values()) await context.close()
    }

    // The data-protection officer sets a schedule, looks at what it makes due, and begins an
    // erasure on request as far as the page that asks to confirm it (then cancels).
    {
      const { name: _name, ...options } = SIZES[0]
      const context = await browser.newContext(options)
      await signIn(context, base, 'dpo')
      const page = await context.newPage()
      const problems = []
      page.on('pageerror', error => problems.push(`script error: ${error.message}`))
      const check = checker(page, join(shots, 'dpo'), problems)
      try {
        await page.goto(`${base}/data-protection/schedule`)
        await page.fill('#years', '1')
        await page.click('button.govuk-button')
        expect(await page.locator('.govuk-notification-banner__heading').textContent(), 'The retention schedule is set')
        await check('overview')
        await page.click('text=Check which cases are due')
        expect((await page.locator('h1').textContent()).trim(), 'Cases due under the retention schedule')
        const caption = await page.locator('caption').textContent()
        if (!/case\(s\) due/.test(caption)) throw new Error(`the dry run lists no cases: ${caption}`)
        await check('retention dry run')
        await page.goto(`${base}/data-protection/erase`)
        await page.fill('#reference', 'PR-2023-0000060')
        await page.fill('#reason', 'Asked in writing; no claim is pending')
        await page.click('button.govuk-button')
        expect((await page.locator('h1').textContent()).trim(), 'Check before erasing')
        await check('erase check')
        await page.click('text=Change the case or the reason')
        expect(await page.inputValue('#reason'), 'Asked in writing; no claim is pending')
        await page.click('button.govuk-button')
        expect((await page.locator('h1').textContent()).trim(), 'Check before erasing')
        await page.click('text=Cancel')
        expect((await page.locator('h1').textContent()).trim(), 'Data protection')
        console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} the data-protection officer's walk`)
      } catch (error) {
        problems.push(`stopped at ${page.url()}: ${error.message}`)
        await page.screenshot({ path: join(shots, 'dpo-failed.png'), fullPage: true }).catch(() => {})
        console.log('FAIL the data-protection officer\'s walk')
      }
      for (const p of problems) failures.push(`the data-protection officer's walk: ${p}`)
      await context.close()
    }

    // The walk through both stages to the Ombudsman, at every size, and once by keyboard alone.
    for (const [size, keyboard] of [...SIZES.map(s => [s, false]), [SIZES[0], true]]) {
      const { name: _name, ...options } = size
      const context = await browser.newContext(options)
      const page = await context.newPage()
      const label = `the walk at ${size.name}${keyboard ? ' by keyboard alone' : ''}`
      const problems = []
      page.on('pageerror', error => problems.push(`script error: ${error.message}`))
      const check = checker(page, join(shots, `walk-${size.name}${keyboard ? '-keyboard' : ''}`), problems)
      try {
        const reference = await walk(page, base, { keyboard, check, expect })
        console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${label}: ${reference}`)
      } catch (error) {
        problems.push(`stopped at ${page.url()}: ${error.message}`)
        await page.screenshot({ path: join(shots, `walk-${size.name}-failed.png`), fullPage: true }).catch(() => {})
        console.log(`FAIL ${label}`)
      }
      for (const p of problems) failures.push(`${label}: ${p}`)
      await context.close()
    }

    // The resident's journey at every size, and once by keyboard alone, with an officer
    // answering stage 1 in a browser of their own.
    for (const [size, keyboard] of [...SIZES.map(s => [s, false]), [SIZES[0], true]]) {
      const { name: _name, ...options } = size
      const context = await browser.newContext(options)
      const staffContext = await browser.newContext()
      await signIn(staffContext, base, 'officer')
      const page = await context.newPage()
      const staff = await staffContext.newPage()
      const label = `the resident's journey at ${size.name}${keyboard ? ' by keyboard alone' : ''}`
      const problems = []
      page.on('pageerror', error => problems.push(`script error: ${error.message}`))
      const check = checker(page, join(shots, `resident-${size.name}${keyboard ? '-keyboard' : ''}`), problems)
      const tag = `${size.name}${keyboard ? '-keyboard' : ''}`
      try {
        const reference = await complain(page, staff, base, { keyboard, check, expect, mailDir, tag })
        console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${label}: ${reference}`)
      } catch (error) {
        problems.push(`stopped at ${page.url()}: ${error.message}`)
        await page.screenshot({ path: join(shots, `resident-${tag}-failed.png`), fullPage: true }).catch(() => {})
        console.log(`FAIL ${label}`)
      }
      for (const p of problems) failures.push(`${label}: ${p}`)
      await context.close()
      await staffContext.close()
    }

    // Every page works without JavaScript: the same content is there.
    const plains = new Map()
    for (const spec of PAGES) {
      if (!plains.has(spec.user)) {
        const context = await browser.newContext({ javaScriptEnabled: false })
        if (spec.user) await signIn(context, base, spec.user)
        plains.set(spec.user, context)
      }
      const page = await plains.get(spec.user).newPage()
      const response = await page.goto(`${base}${spec.path}`)
      const heading = (await page.locator('h1').first().textContent())?.trim()
      if (response.status() !== spec.status || heading !== spec.heading) {
        failures.push(`${spec.path} without JavaScript: status ${response.status()}, h1 "${heading}"`)
      }
      console.log(`${response.status() === spec.status ? 'ok  ' : 'FAIL'} ${spec.path} as ${spec.user ?? 'no one'} without JavaScript`)
    }
    for (const context of plains.values()) await context.close()
  } finally {
    await browser.close()
    child.kill()
    sink.child.kill()
  }
  console.log(`screenshots in ${shots}`)
  if (failures.length > 0) {
    console.error(`\n${failures.length} problems:\n${failures.map(f => `  - ${f}`).join('\n')}`)
    process.exit(1)
  }
  console.log('browser checks passed')
}

main().catch(error => {
  console.error(`tests/browser/check.mjs: ${error.stack ?? error}`)
  process.exit(1)
})
