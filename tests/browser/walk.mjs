// The walk a complaints officer makes, in real Chromium: sign in, log a complaint received by
// phone, acknowledge it with its definition, extend it (after a form error, put right),
// respond, preview the stage 1 response letter, download it as a PDF and issue it, escalate,
// assign the stage 2 reviewer, draft the stage 2 response for a quality check and issue it,
// refer it to the Ombudsman, read the timeline, amend the tenure, and sign out. Every page it
// reaches is checked by axe-core.
// With `keyboard`, every field is reached with Tab and every choice made with the keys, and
// every form is sent with Enter: no mouse at all.

import { readFileSync } from 'node:fs'

// Moves the focus with Tab until it is on `selector`; fails if Tab never gets there.
export async function tabTo (page, selector) {
  for (let i = 0; i < 250; i++) {
    if (await page.evaluate(s => document.activeElement?.matches(s) ?? false, selector)) return
    await page.keyboard.press('Tab')
  }
  throw new Error(`Tab never reached ${selector}`)
}

// Types into a field: by keyboard (Tab to it, select what is there, type) or directly.
export async function type (page, selector, text, keyboard) {
  if (!keyboard) return page.fill(selector, text)
  await tabTo(page, selector)
  await page.keyboard.press('ControlOrMeta+A')
  await page.keyboard.type(text)
}

// Chooses a radio: by keyboard (Tab into the group, arrows to the option) or by clicking.
export async function choose (page, name, value, keyboard) {
  const target = `input[name="${name}"][value="${value}"]`
  if (!keyboard) return page.check(target)
  await tabTo(page, `input[name="${name}"]`)
  for (let i = 0; i < 12; i++) {
    if (await page.isChecked(target)) return
    if (await page.evaluate(s => document.activeElement?.matches(s) ?? false, target)) {
      await page.keyboard.press('Space')
    } else {
      await page.keyboard.press('ArrowDown')
    }
  }
  throw new Error(`could not choose ${name}=${value} with the keys`)
}

// Ticks a checkbox.
export async function tick (page, name, value, keyboard) {
  const target = `input[name="${name}"][value="${value}"]`
  if (!keyboard) return page.check(target)
  await tabTo(page, target)
  await page.keyboard.press('Space')
}

// Sends the form: Enter on its first button (or on `button`), or a click.
export async function submit (page, keyboard, button = 'form button.govuk-button[type="submit"]') {
  if (!keyboard) return Promise.all([page.waitForLoadState('load'), page.click(button)])
  await tabTo(page, button)
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
}

// Follows a link by its text: Tab to it and Enter, or a click.
export async function follow (page, text, keyboard) {
  const link = page.locator('main a', { hasText: text }).first()
  if (!keyboard) return Promise.all([page.waitForNavigation(), link.click()])
  const href = await link.getAttribute('href')
  await tabTo(page, `main a[href="${href}"]`)
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
}

// A date's three boxes.
export async function date (page, name, day, keyboard) {
  const [y, m, d] = day.split('-').map(Number)
  await type(page, `#${name}-day`, String(d), keyboard)
  await type(page, `#${name}-month`, String(m), keyboard)
  await type(page, `#${name}-year`, String(y), keyboard)
}

function isoPlus (iso, days) {
  const d = new Date(`${iso}T12:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

// The value beside a key of the first summary card that has it.
async function valueOf (page, key) {
  return page.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: key }) })
    .first().locator('dd').textContent()
}

export async function walk (page, base, { keyboard, check, expect }) {
  const heading = async () => (await page.locator('h1').first().textContent()).trim()
  await page.goto(`${base}/sign-in`)
  await check('sign-in')
  await type(page, '#username', 'officer', keyboard)
  await type(page, '#password', 'demo-officer-password', keyboard)
  await submit(page, keyboard)
  expect(await heading(), 'Hello, Sam Patel')
  await check('home')

  await follow(page, 'Log a new contact', keyboard)
  expect(await heading(), 'Log a new contact')
  await check('new contact')
  await choose(page, 'kind', 'complaint', keyboard)
  // Received today by phone (the form's defaults); the tenure is left for the amendment below.
  await type(page, '#name', 'Rosa Kaur', keyboard)
  await type(page, '#address', '14 Quarry Road, Easton Vale', keyboard)
  await type(page, '#description', 'The boiler has failed again and there is no heating.', keyboard)
  await submit(page, keyboard)
  const reference = await heading()
  expect(/^PR-\d{4}-\d{7}$/.test(reference), true, `a new reference, not "${reference}"`)
  await check('case, logged')

  await follow(page, 'Acknowledge and define the complaint', keyboard)
  await check('acknowledge')
  await type(page, '#understanding', 'The boiler keeps failing and repairs have not fixed it.', keyboard)
  await type(page, '#outcomes_sought', 'A boiler that works, and compensation.', keyboard)
  await type(page, '#responsible_for', 'Repairs to the heating.', keyboard)
  await submit(page, keyboard)
  await check('case, acknowledged')
  const due = (await valueOf(page, 'Response due')).trim()
  const today = (await valueOf(page, 'Began')).trim()

  // A form error, then put right.
  await follow(page, 'Extend the response date', keyboard)
  await submit(page, keyboard)
  expect(await page.locator('.govuk-error-summary').count(), 1, 'the error summary')
  await check('extend, with errors')
  await date(page, 'agreed_on', today, keyboard)
  await date(page, 'new_due', isoPlus(due, 5), keyboard)
  await type(page, '#reason', 'We are waiting for a part.', keyboard)
  await choose(page, 'good_reason', 'no', keyboard)
  await choose(page, 'ombudsman_details_given', 'yes', keyboard)
  await submit(page, keyboard)
  expect((await valueOf(page, 'Response due')).trim(), isoPlus(due, 5), 'the extended date')
  await check('case, extended')

  await follow(page, 'Record the response', keyboard)
  await check('respond')
  await choose(page, 'outcome', 'upheld', keyboard)
  await type(page, '#reasons', 'The repairs were too slow.', keyboard)
  await type(page, '#compensation', '75', keyboard)
  await tick(page, 'remedies', 'apology', keyboard)
  await submit(page, keyboard)
  await check('case, responded')

  // The stage 1 response letter: previewed, downloaded as a PDF, and issued. Rosa gave no
  // email address, so it goes to the print queue.
  await follow(page, 'Stage 1 response', keyboard)
  expect(await heading(), 'Stage 1 response letter')
  await check('letter preview')
  expect(await page.locator('.putright-letter', { hasText: 'You do not need to give a reason' }).count(), 1, 'how to escalate')
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.locator('main a[href$="/letter.pdf"]').click()
  ])
  expect(download.suggestedFilename().endsWith('.pdf'), true, `a PDF, not ${download.suggestedFilename()}`)
  const saved = await download.path()
  expect(readFileSync(saved).subarray(0, 5).toString(), '%PDF-', 'the downloaded letter is a PDF')
  await submit(page, keyboard)
  expect(await page.locator('.govuk-notification-banner__heading').first().textContent(), 'Letter issued')
  await check('case, letter issued')

  await follow(page, 'Escalate to stage 2', keyboard)
  await check('escalate')
  await submit(page, keyboard)
  await follow(page, 'Acknowledge and define the complaint', keyboard)
  await type(page, '#handler', 'reviewer', keyboard)
  await type(page, '#understanding', 'The resident thinks the compensation is too low.', keyboard)
  await type(page, '#outcomes_sought', 'More compensation.', keyboard)
  await type(page, '#responsible_for', 'The stage 1 decision.', keyboard)
  await submit(page, keyboard)
  await check('case, at stage 2')

  // The stage 2 response goes for a quality check first, and is issued from the draft.
  await follow(page, 'Record the response', keyboard)
  await choose(page, 'outcome', 'not_upheld', keyboard)
  await type(page, '#reasons', 'Stage 1 put things right.', keyboard)
  await submit(page, keyboard, 'button[name="send"][value="check"]')
  await check('case, response drafted')
  await follow(page, 'Open the draft', keyboard)
  await check('draft, to check')
  expect(await page.inputValue('#reasons'), 'Stage 1 put things right.', 'the draft as typed')
  await submit(page, keyboard)
  await follow(page, 'Record a referral to the Ombudsman', keyboard)
  await check('refer')
  await submit(page, keyboard)
  const timeline = await page.locator('.putright-timeline').textContent()
  for (const step of ['Referred to ombudsman', 'Responded', 'Escalation requested', 'Extended', 'Acknowledged', 'Received']) {
    expect(timeline.includes(step), true, `"${step}" in the timeline`)
  }
  await check('case, referred')

  // The tenure was recorded wrongly: amended, with the reason.
  await follow(page, 'Correct the record', keyboard)
  await check('amend')
  await choose(page, 'tenure', 'leaseholder', keyboard)
  await type(page, '#reason', 'The resident holds a lease.', keyboard)
  await submit(page, keyboard)
  const amended = await page.locator('.putright-timeline').textContent()
  expect(amended.includes('Tenure amended to leaseholder: The resident holds a lease.'), true, 'the amendment in the timeline')

  if (keyboard) {
    await tabTo(page, '.govuk-service-navigation button.putright-link-button')
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')])
  } else {
    // On a narrow screen the menu is folded away behind its toggle.
    const toggle = page.locator('.govuk-service-navigation__toggle')
    if (await toggle.isVisible()) await toggle.click()
    await Promise.all([page.waitForNavigation(), page.click('text=Sign out')])
  }
  expect(await heading(), 'Sign in')
  expect(await page.locator('.govuk-notification-banner').textContent().then(t => t.includes('You have signed out')), true, 'the signed-out banner')
  await check('signed out')
  return reference
}
