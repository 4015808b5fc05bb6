// The resident's journey, in real Chromium: make a complaint online a question at a time (a
// form error put right on the way, a photograph uploaded), check the answers and send; read
// the confirmation email from the real SMTP server on loopback and follow its link; add
// information; then, once a complaints officer (in another browser) has acknowledged and
// answered stage 1, ask for stage 2 through the link without giving a reason, and answer the
// satisfaction survey the answer brought. The officer sees each step on the case. Every page
// is checked by axe-core; with `keyboard`, no mouse.

import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

import { choose, date, follow, submit, type } from './walk.mjs'

// A PNG of one pixel: a photograph as far as the upload's checks go.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64'
)

// Waits for the email to `to` (whose subject starts with `subject`) in the sink's folder.
async function mailTo (mailDir, to, subject = '') {
  for (let i = 0; i < 120; i++) {
    for (const name of readdirSync(mailDir).filter(n => n.endsWith('.json'))) {
      const mail = JSON.parse(readFileSync(join(mailDir, name), 'utf8'))
      if (mail.to.includes(to) && mail.subject.startsWith(subject)) return mail
    }
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  throw new Error(`no email to ${to} arrived within a minute`)
}

export async function complain (page, staff, base, { keyboard, check, expect, mailDir, tag }) {
  const heading = async () => (await page.locator('h1').first().textContent()).trim()
  const email = `resident-${tag}@example.com`
  await page.goto(`${base}/complain`)
  expect(await heading(), 'Make a complaint')
  await check('complain, start')
  await follow(page, 'Start now', keyboard)

  // Nothing typed: the error summary says what to put right.
  await submit(page, keyboard)
  expect(await page.locator('.govuk-error-summary').count(), 1, 'the error summary')
  await check('complain, what went wrong, with an error')
  await type(page, '#what', 'Water comes through the kitchen ceiling when it rains.', keyboard)
  await submit(page, keyboard)
  await type(page, '#outcome', 'Fix the roof and repaint the ceiling.', keyboard)
  await submit(page, keyboard)
  await check('complain, when')
  await date(page, 'happened', '2025-06-02', keyboard)
  await submit(page, keyboard)
  await choose(page, 'someone', 'no', keyboard)
  await submit(page, keyboard)
  await type(page, '#name', 'Rosa Kaur', keyboard)
  await submit(page, keyboard)
  await check('complain, address')
  await type(page, '#address_line_1', '14 Quarry Road', keyboard)
  await type(page, '#postcode', 'zz9 9zz', keyboard)
  await submit(page, keyboard)
  await choose(page, 'tenure', 'tenant', keyboard)
  await submit(page, keyboard)
  await check('complain, contact')
  await choose(page, 'preference', 'email', keyboard)
  await type(page, '#email', email, keyboard)
  await submit(page, keyboard)
  await choose(page, 'adjustments', 'no', keyboard)
  await submit(page, keyboard)

  expect(await heading(), 'Do you want to send us any files?')
  await page.setInputFiles('#file', { name: 'ceiling.png', mimeType: 'image/png', buffer: PNG })
  await submit(page, keyboard, 'form[enctype="multipart/form-data"] button')
  expect(await page.locator('.govuk-summary-list__key', { hasText: 'ceiling.png' }).count(), 1, 'the file listed')
  await check('complain, files')
  await follow(page, 'Continue', keyboard)
  await check('complain, equality')
  await submit(page, keyboard)

  expect(await heading(), 'Check your answers before sending')
  await check('complain, check your answers')
  expect(await page.locator('.govuk-summary-list__value', { hasText: 'ZZ9 9ZZ' }).count(), 1, 'the postcode as kept')
  await submit(page, keyboard)
  expect(await heading(), 'Complaint sent')
  await check('complain, sent')
  const reference = (await page.locator('.govuk-panel__body strong').textContent()).trim()
  expect(/^PR-\d{4}-\d{7}$/.test(reference), true, `a reference, not "${reference}"`)

  // The confirmation email, through the real mail server, and its link.
  const mail = await mailTo(mailDir, email)
  expect(mail.text.includes(reference), true, 'the reference in the email')
  const link = mail.text.match(/https?:\/\/\S+\/track\/[0-9a-f]{64}/)[0]
  await page.goto(link)
  expect(await heading(), 'Your complaint')
  await check('track')
  await type(page, '#information', 'It is worse in the back bedroom too.', keyboard)
  await submit(page, keyboard, 'form[action^="/track/"] button')
  expect(await page.locator('.govuk-notification-banner').count(), 1, 'the information added')
  await check('track, information added')

  // Staff see it, acknowledge it and answer stage 1.
  await staff.goto(`${base}/cases/${reference}`)
  const staffCase = await staff.locator('main').textContent()
  expect(staffCase.includes('It is worse in the back bedroom too.'), true, 'the information on the case')
  await follow(staff, 'Acknowledge and define the complaint', false)
  await type(staff, '#understanding', 'The roof leaks into the kitchen.', false)
  await type(staff, '#outcomes_sought', 'A repaired roof and ceiling.', false)
  await type(staff, '#responsible_for', 'Roof repairs.', false)
  await submit(staff, false)
  await follow(staff, 'Record the response', false)
  await choose(staff, 'outcome', 'upheld', false)
  await type(staff, '#reasons', 'The roof should have been fixed in May.', false)
  await submit(staff, false)

  // The resident asks for stage 2, giving no reason.
  await page.goto(link)
  expect(await page.locator('main', { hasText: 'We have sent our answer (stage 1)' }).count(), 1, 'the answer shown')
  await follow(page, 'Ask for a stage 2 review', keyboard)
  await check('track, ask for stage 2')
  await submit(page, keyboard)
  expect(await page.locator('.govuk-notification-banner', { hasText: 'stage 2' }).count(), 1, 'the request taken')
  await check('track, stage 2 asked for')

  await staff.goto(`${base}/cases/${reference}`)
  const timeline = await staff.locator('.putright-timeline').textContent()
  expect(timeline.includes('Escalation requested'), true, 'the escalation on the timeline')

  // The stage 1 answer brought an invitation to say how the complaint was handled.
  const invitation = await mailTo(mailDir, email, 'How did we handle your complaint?')
  await page.goto(invitation.text.match(/https?:\/\/\S+\/survey\/[0-9a-f]{64}/)[0])
  await check('survey')
  await choose(page, 'satisfied', 'no', keyboard)
  await type(page, '#why', 'It took a month to hear anything.', keyboard)
  await submit(page, keyboard)
  expect(await heading(), 'Thank you for your answer')
  await check('survey, answered')
  return reference
}
